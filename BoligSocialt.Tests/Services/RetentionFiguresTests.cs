using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.App.Features.Retention;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// Anonymising must not change any figure already reported. On the benchmark's realistic data (four years of case work
/// and logbook, moves between areas, merged records in chains, deleted entries), every quarter of 2021-2026 is measured
/// before and after the retention schedule anonymised most residents: the measurement's JSON, every number in it, and the
/// domain's reference count are identical. The data reaches the edge the schedule must guard: outcomes whose age band
/// the birth year alone would move, so dropping the kept age band fails this test.
/// </summary>
public sealed class RetentionFiguresTests : IAsyncLifetime
{
    /// <summary>Under the default five years, the seed's last day (31 December 2025) lies well before the period.</summary>
    private static readonly DateTimeOffset RunAt = new(2032, 6, 1, 3, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_figure_of_every_quarter_is_the_same_after_anonymising()
    {
        await MeasurementBenchmarkSeed.SeedAsync(_database, _database.ConnectionString, residentCount: 800, entryCount: 6_000, TimeProvider.System);
        var before = await MeasureEveryQuarterAsync();

        var run = await new RetentionService(_database, new FixedClock(RunAt), NullLogger<RetentionService>.Instance).RunAsync();

        var after = await MeasureEveryQuarterAsync();
        Assert.Equal(before.Json, after.Json);
        Assert.Equal(before.Reference, after.Reference);

        // Most residents were anonymised, merged records with them; those with an open case or referral were not.
        await using var db = _database.CreateDbContext();
        var residents = await db.Residents.AsNoTracking().ToListAsync();
        Assert.True(run.Counts.Residents > 400, $"only {run.Counts.Residents} anonymised");
        Assert.True(run.Counts.Records > run.Counts.Residents, "merged records go with their survivor");
        Assert.Contains(residents, r => !r.IsAnonymised);
        Assert.All(residents.Where(r => r.IsAnonymised), r =>
        {
            Assert.Equal((null, 1, 1, 0), (r.Phone, r.BirthDate.Month, r.BirthDate.Day, r.Residences.Count));
            Assert.NotEmpty(r.AreaHistory);
        });
        var anonymised = residents.Where(r => r.IsAnonymised).Select(r => r.Id).ToHashSet();
        var notes = await db.LogbookEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Note != null).SelectMany(e => e.Participants, (e, p) => p.ResidentId).ToListAsync();
        Assert.DoesNotContain(notes, anonymised.Contains);
        Assert.True(run.Counts.LogbookNotes > 1_000, $"only {run.Counts.LogbookNotes} notes removed");

        // The edge: kept age bands that the birth year alone (1 January) would have changed.
        var byId = residents.ToDictionary(r => r.Id);
        var outcomes = await db.Outcomes.AsNoTracking().Where(o => o.AgeBand != null).ToListAsync();
        var moved = outcomes.Count(o =>
            o.AgeBand != UniqueResidentCount.AgeBand(o.Kind.Indicator(), byId[Survivor(o.ResidentId, byId)].BirthDate.AgeOn(o.AchievedOn)));
        Assert.True(moved > 0, "no outcome's age band depends on the birth day: the test would not notice a lost age band");
    }

    private static Guid Survivor(Guid id, IReadOnlyDictionary<Guid, BoligSocialt.Domain.Residents.Resident> residents)
    {
        while (residents[id].MergedIntoId is { } into) id = into;
        return id;
    }

    /// <summary>Every quarter's measurement as its JSON export, and the domain's reference count of the same quarters.</summary>
    private async Task<(List<string> Json, List<string> Reference)> MeasureEveryQuarterAsync()
    {
        await using var db = _database.CreateDbContext();
        var areas = await db.HousingAreas.AsNoTracking().ToListAsync();
        var codes = areas.ToDictionary(a => a.Id, a => a.Code);
        var plans = await db.PlanPeriods.AsNoTracking().ToListAsync();
        var outcomes = (await db.Outcomes.AsNoTracking()
                .Where(o => o.LogbookEntryId == null || db.LogbookEntries.Any(e => e.Id == o.LogbookEntryId))
                .Select(o => new { o.ResidentId, o.Kind, o.AchievedOn, o.HousingAreaId, o.AgeBand }).ToListAsync())
            .Select(o => new OutcomeFact(o.ResidentId, o.Kind, o.AchievedOn, codes[o.HousingAreaId], o.AgeBand)).ToList();
        var residents = await db.Residents.AsNoTracking().Select(r => new ResidentFact(r.Id, r.BirthDate, r.MergedIntoId)).ToListAsync();

        var json = new List<string>();
        var reference = new List<string>();
        for (var year = 2021; year <= 2026; year++)
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            json.Add(MeasurementExport.Json(await DeliveryMeasurementService.MeasureAsync(db, year, quarter)));
            reference.Add(string.Join("\n", UniqueResidentCount.Compute(year, quarter, outcomes, residents, areas, plans)));
        }
        return (json, reference);
    }
}
