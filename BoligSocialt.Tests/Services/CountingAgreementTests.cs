using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// The measurement counts set-based in SQL (<see cref="DeliveryMeasurementService.IndicatorsAsync"/>); the domain's
/// <see cref="UniqueResidentCount"/> is the reference. On many random residents and outcomes, crowded on the edges where
/// a count goes wrong (birthdays on the outcome's date, 29 February, quarter and plan boundaries, a year two plans share,
/// moves between areas, Kertemindevejkvarteret, merged records, outcomes of deleted logbook entries), both must give
/// identical rows for every quarter.
/// </summary>
public sealed class CountingAgreementTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Sql_and_domain_give_identical_rows_for_every_quarter_of_random_data(int seed)
    {
        var generated = await SeedAsync(new Random(seed), residents: 400, outcomes: 1_500);

        await using var db = _database.CreateDbContext();
        var reference = await ReferenceInputsAsync(db);
        var compared = 0;
        for (var year = 2021; year <= 2026; year++)
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            var expected = UniqueResidentCount.Compute(year, quarter, reference.Outcomes, reference.Residents, reference.Areas, reference.Plans);
            var actual = await DeliveryMeasurementService.IndicatorsAsync(db, year, quarter);

            Assert.Equal(expected, actual.Where(HasCounts).Select(AsCount).ToList());
            Assert.All(actual.Where(r => !HasCounts(r)), r => Assert.NotNull(r.BaselinePerYear));
            compared += expected.Sum(r => r.YearToDate);
        }

        // The data reaches the edges it was made for, so the comparison above is not vacuous.
        Assert.True(compared > 1_000, $"only {compared} residents counted over all quarters");
        Assert.True(generated.Merged >= 20 && generated.DeletedWithOutcome >= 20);
        Assert.Contains(reference.Outcomes, o => o.HousingAreaCode == "Kertemindevejkvarteret");
    }

    [Fact]
    public async Task The_counts_follow_a_chain_of_merged_records_to_the_survivor_and_its_birth_date()
    {
        await using var db = _database.CreateDbContext();
        var area = await db.HousingAreas.SingleAsync(a => a.Code == "Korslokken");
        var activity = await db.Activities.FirstAsync();
        var survivor = new Resident("Ny Post", new DateOnly(1990, 1, 1), null, null, DateTimeOffset.UtcNow);
        var middle = new Resident("Mellem Post", new DateOnly(2000, 1, 1), null, null, DateTimeOffset.UtcNow);
        var first = new Resident("Gammel Post", new DateOnly(2000, 1, 1), null, null, DateTimeOffset.UtcNow);
        db.Residents.AddRange(survivor, middle, first);
        db.Outcomes.AddRange(
            new Outcome(first.Id, activity.Id, OutcomeKind.OrdinaryJob, new DateOnly(2025, 2, 1), area.Id, null),
            new Outcome(middle.Id, activity.Id, OutcomeKind.Internship, new DateOnly(2025, 5, 1), area.Id, null));
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        await MergeAsync(db, first.Id, middle.Id);
        await MergeAsync(db, middle.Id, survivor.Id);

        var rows = await DeliveryMeasurementService.IndicatorsAsync(db, 2025, 2);

        // One person, counted once, in the first outcome's quarter, aged 35 by the survivor's birth date.
        var row = Assert.Single(rows, r => r.YearToDate > 0);
        Assert.Equal(new IndicatorRow(Indicator.EmploymentOrEducation, "Korslokken", UniqueResidentCount.Age30To64, 0, 1, 1, null), row);
    }

    private static bool HasCounts(IndicatorRow row) => row.NewThisQuarter + row.YearToDate + row.FirstTimeInPlan > 0;

    private static IndicatorCount AsCount(IndicatorRow row) =>
        new(row.Indicator, row.Area, row.AgeBand, row.NewThisQuarter, row.YearToDate, row.FirstTimeInPlan);

    /// <summary>What the domain function is given: read with EF, outcomes of deleted logbook entries left out.</summary>
    private static async Task<(List<OutcomeFact> Outcomes, List<ResidentFact> Residents, List<HousingArea> Areas, List<PlanPeriod> Plans)> ReferenceInputsAsync(AppDbContext db)
    {
        var areas = await db.HousingAreas.AsNoTracking().ToListAsync();
        var codes = areas.ToDictionary(a => a.Id, a => a.Code);
        var outcomes = await db.Outcomes.AsNoTracking()
            .Where(o => o.LogbookEntryId == null || db.LogbookEntries.Any(e => e.Id == o.LogbookEntryId))
            .Select(o => new { o.ResidentId, o.Kind, o.AchievedOn, o.HousingAreaId }).ToListAsync();
        var residents = await db.Residents.AsNoTracking().Select(r => new ResidentFact(r.Id, r.BirthDate, r.MergedIntoId)).ToListAsync();
        return (outcomes.Select(o => new OutcomeFact(o.ResidentId, o.Kind, o.AchievedOn, codes[o.HousingAreaId])).ToList(),
            residents, areas, await db.PlanPeriods.AsNoTracking().ToListAsync());
    }

    /// <summary>
    /// Marks a record as merged into another directly in the table, leaving its outcomes where they are: data as an
    /// older merge, or a merge half-way, could leave it. The count must follow the chain either way.
    /// </summary>
    private static Task MergeAsync(AppDbContext db, Guid merged, Guid into) =>
        db.Database.ExecuteSqlAsync($"UPDATE \"Residents\" SET \"MergedIntoId\" = {into} WHERE \"Id\" = {merged}");

    private async Task<(int Merged, int DeletedWithOutcome)> SeedAsync(Random random, int residents, int outcomes)
    {
        await using var db = _database.CreateDbContext();
        db.AuditActor = "test";
        var staff = new StaffMember("Tæller Test", null, StaffRoles.Analyst, null);
        db.StaffMembers.Add(staff);
        var areas = await db.HousingAreas.ToListAsync();
        var activities = await db.Activities.Select(a => a.Id).ToListAsync();
        var kinds = Enum.GetValues<OutcomeKind>();

        // Dates on the edges: quarter and plan boundaries, New Year, 28/29 February.
        DateOnly[] edges =
        [
            .. Enumerable.Range(2021, 6).SelectMany(y => new[]
            {
                new DateOnly(y, 1, 1), new DateOnly(y, 3, 31), new DateOnly(y, 4, 1), new DateOnly(y, 6, 30), new DateOnly(y, 7, 1),
                new DateOnly(y, 9, 30), new DateOnly(y, 10, 1), new DateOnly(y, 12, 31), new DateOnly(y, 2, 28), new DateOnly(y, 3, 1),
            }),
            new DateOnly(2024, 2, 29),
        ];
        DateOnly RandomDate() => random.Next(3) == 0
            ? edges[random.Next(edges.Length)]
            : new DateOnly(2021, 1, 1).AddDays(random.Next(6 * 365 + 1));

        var people = Enumerable.Range(0, residents).Select(i =>
        {
            // A third are born on the 29th of February or have a birthday on an edge date, aged around a band's limit.
            var born = (i % 3) switch
            {
                0 => new DateOnly(new[] { 1960, 1992, 1996, 2004, 2008 }[random.Next(5)], 2, 29),
                1 => edges[random.Next(edges.Length)].AddYears(-new[] { 17, 18, 29, 30, 64, 65 }[random.Next(6)]),
                _ => new DateOnly(1950, 1, 1).AddDays(random.Next(60 * 365)),
            };
            return new Resident($"Beboer {i}", born, null, null, DateTimeOffset.UtcNow);
        }).ToList();
        db.Residents.AddRange(people);

        var deletedWithOutcome = 0;
        var entries = new List<LogbookEntry>();
        for (var i = 0; i < outcomes; i++)
        {
            // Residents get several outcomes each, so first-in-year, first-in-plan and moves between areas all matter.
            var person = people[random.Next(people.Count)];
            var date = RandomDate();
            var activity = activities[random.Next(activities.Count)];
            Guid? entryId = null;
            if (random.Next(5) == 0)
            {
                var entry = new LogbookEntry(date, staff.Id, activity, LogbookEntryKind.FollowUp, [person.Id], null, null, new DateOnly(2027, 1, 1));
                if (random.Next(2) == 0)
                {
                    entry.Delete("Registreret ved en fejl", staff.Id, DateTimeOffset.UtcNow);
                    deletedWithOutcome++;
                }
                entries.Add(entry);
                entryId = entry.Id;
            }
            db.Outcomes.Add(new Outcome(person.Id, activity, kinds[random.Next(kinds.Length)], date, areas[random.Next(areas.Count)].Id, null, entryId));
        }
        db.LogbookEntries.AddRange(entries);
        await db.SaveChangesAsync();

        // Some records merged into others, a few in chains of two.
        var merged = 0;
        for (var i = 0; i + 1 < people.Count && merged < residents / 12; i += 7, merged++)
        {
            await MergeAsync(db, people[i].Id, people[i + 1].Id);
            if (i % 3 == 0) await MergeAsync(db, people[i + 1].Id, people[i + 2].Id);
        }
        return (merged, deletedWithOutcome);
    }
}
