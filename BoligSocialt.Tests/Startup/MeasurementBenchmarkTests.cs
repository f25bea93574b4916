using System.Text.RegularExpressions;
using BoligSocialt.App;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Startup;

/// <summary>
/// The <c>bench-measure</c> verb at a small scale, and the data it seeds. Its figures are not asserted here: they are
/// measured by running it at full scale (docs/performance.md); this proves what it does, seeds and says.
/// </summary>
public sealed partial class MeasurementBenchmarkTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_shows_the_options_and_their_defaults()
    {
        var (exitCode, output, error) = await RunAsync("bench-measure --help");

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.StartsWith("Brug: BoligSocialt.App bench-measure [tilvalg]", output);
        Assert.Matches(@"--runs N .*standard 10\)", output);
        Assert.Matches(@"--residents N .*standard 12000\)", output);
        Assert.Matches(@"--entries N .*standard 1000000\)", output);
        Assert.Matches(@"--lines N .*standard 100000\)", output);
        Assert.Matches(@"--import-runs N .*standard 3\)", output);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("bench-measure --residents 10", "--residents skal være et helt tal fra 100 til 1000000, ikke '10'.")]
    [InlineData("bench-measure --entries 0", "--entries skal være et helt tal fra 1 til 10000000, ikke '0'.")]
    [InlineData("bench-measure --lines 0", "--lines skal være et helt tal fra 1 til 1000000, ikke '0'.")]
    [InlineData("bench-measure --board 3", "Ukendt tilvalg '--board' til bench-measure.")]
    public async Task Bad_input_exits_1_with_a_Danish_message_and_the_usage(string commandLine, string message)
    {
        var (exitCode, output, error) = await RunAsync(commandLine);

        Assert.Equal(CommandLine.BadInput, exitCode);
        Assert.StartsWith(message + Environment.NewLine, error);
        Assert.Contains("Brug: BoligSocialt.App bench-measure", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task The_usage_names_it()
    {
        var (_, _, error) = await RunAsync("bnech");

        Assert.Contains("  bench-measure ", error);
    }

    [Fact]
    public async Task At_a_small_scale_it_measures_the_quarter_counts_the_same_residents_by_hand_imports_the_whole_file_and_deletes_its_databases()
    {
        var (exitCode, output, error) = await RunAsync("bench-measure --runs 2 --residents 600 --entries 4000 --lines 400 --import-runs 2");

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Data:      600 beboere (16 lagt sammen med en anden, ", output);
        Assert.Contains(", 40 medarbejdere, ", output);
        Assert.Contains("100 forløb (", output);
        Assert.Contains("4.000 logbogsindførsler 2022-2025 (", output);
        Assert.Matches(@"Fyldt på: +\d+,\d s \(", output);

        Assert.Contains("Hele målingen for 4. kvartal 2025 (DeliveryMeasurementService.MeasureAsync med en ny DbContext hver gang), 2 målinger efter én opvarmning:", output);
        Assert.Matches(@"målt: \d+ indikatorrækker, år til dato EmploymentOrEducation [1-9]\d*, SpareTimeJob [1-9]\d*, Volunteering [1-9]\d*; \d+ aktiviteter med [\d.]+ indførsler i kvartalet", output);
        Assert.Contains("mål: højst 300 ms:", output);
        Assert.Matches(@"Indikatorerne alene[^\n]*2 målinger efter én opvarmning:\n  min \d+,\d ms · median \d+,\d ms · p95 \d+,\d ms · max \d+,\d ms", output);
        // The hand-written query counts the same residents as the measurement's year to date (Q4: the whole year).
        Assert.Contains("samme antal beboere som målingens år til dato", output);
        Assert.Matches(@"hele målingen / forespørgslen: \d+,\d gange \(medianer\); mål: højst 1,5 gange: ", output);
        Assert.Matches(@"indikatorerne alene / forespørgslen: \d+,\d gange", output);

        // The legacy file imports whole (the bench stops with the import's errors otherwise), into a new database each time.
        var file = Regex.Match(output, @"filen: 400 linjer \([\d,]+ MB\) 2022-2025, 13 beboer_id på 3\d\d linjer, (\d+) med resultat, 30 medarbejdere");
        Assert.True(file.Success, output);
        var imported = Regex.Match(output, @"importeret: (3\d\d) indførsler, 13 nye beboere, \d+ flytninger, (\d+) resultater, 30 nye inaktive medarbejdere");
        Assert.True(imported.Success, output);
        Assert.Equal(file.Groups[1].Value, imported.Groups[2].Value);
        Assert.Matches(@"kørsler: \d+,\d\d s · \d+,\d\d s\n  median \d+,\d\d s · max \d+,\d\d s\n  mål: højst 10 s: ", output);

        Assert.Matches(@"  hele målingen: +arbejdssæt [\d.]+,\d → top [\d.]+,\d MB \(\+[\d.]+,\d MB\) · heap [\d.]+,\d → top [\d.]+,\d MB \(\+[\d.]+,\d MB\) · allokeret [\d.]+,\d MB", output);
        Assert.Matches(@"  forespørgslen: +arbejdssæt ", output);
        Assert.Matches(@"  importen: +arbejdssæt ", output);

        var database = DatabaseLine().Match(output);
        Assert.True(database.Success, output);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.Groups[1].Value)), "the temporary database was not deleted");
    }

    [Fact]
    public async Task The_seed_is_four_years_of_every_kind_of_delivery_across_the_areas_with_merged_residents_and_deleted_entries()
    {
        await using var database = await TestDatabase.CreateAsync();
        var seeded = await MeasurementBenchmarkSeed.SeedAsync(database, database.ConnectionString, residentCount: 800, entryCount: 6_000, TimeProvider.System);

        await using var db = database.CreateDbContext();
        Assert.Equal(800, await db.Residents.CountAsync());
        Assert.Equal(6_000, seeded.Entries);
        Assert.Equal(6_000, await db.LogbookEntries.IgnoreQueryFilters().CountAsync());
        Assert.Equal(800 / MeasurementBenchmarkSeed.ResidentsPerCase, await db.Cases.CountAsync());
        Assert.True(seeded.CasesOpen > 0 && seeded.CasesClosed > 0, "open and closed cases");
        Assert.Equal(seeded.Referrals, await db.Referrals.CountAsync());
        Assert.True(await db.Referrals.CountAsync(r => r.DeclineReason != null) > 0, "declined referrals");

        // Residents live in every housing area with departments, Kertemindevejkvarteret too; some moved, some merged,
        // one merge chain of two.
        var areas = await db.Departments.Where(d => db.Residents.Any(r => r.Residences.Any(x => x.DepartmentId == d.Id)))
            .Select(d => d.HousingArea!.Code).Distinct().ToListAsync();
        Assert.Equivalent(new[] { "Vollsmose", "Kertemindevejkvarteret", "Korslokken", "Rising", "Ejerslykke" }, areas);
        Assert.True(seeded.Moved > 0);
        var merged = await db.Residents.Where(r => r.MergedIntoId != null).Select(r => r.MergedIntoId!.Value).ToListAsync();
        Assert.Equal(800 / MeasurementBenchmarkSeed.ResidentsPerDuplicate + 800 / MeasurementBenchmarkSeed.ResidentsPerDuplicate / 10, merged.Count);
        Assert.True(await db.Residents.CountAsync(r => r.MergedIntoId != null && merged.Contains(r.Id)) > 0, "a chain of merges");

        // The logbook: 2022-2025, every year and every kind, 1-3 residents or a head count, some deleted.
        var entries = await db.LogbookEntries.IgnoreQueryFilters().AsNoTracking()
            .Select(e => new { e.Date, e.Kind, e.HeadCount, e.DeletedAt, Residents = e.Participants.Count, e.ActivityId, e.CaseId }).ToListAsync();
        Assert.Equal(MeasurementBenchmarkSeed.FirstDay, entries.Min(e => e.Date));
        Assert.Equal(MeasurementBenchmarkSeed.LastDay.Year, entries.Max(e => e.Date).Year);
        Assert.Equal(new[] { 2022, 2023, 2024, 2025 }, entries.Select(e => e.Date.Year).Distinct().Order());
        Assert.Equal(Enum.GetValues<LogbookEntryKind>().Order(), entries.Select(e => e.Kind).Distinct().Order());
        Assert.All(entries, e => Assert.True(e.HeadCount is null ? e.Residents is >= 1 and <= 3 : e.Residents == 0 && e.HeadCount > 0));
        Assert.Contains(entries, e => e.Residents == 3);
        Assert.Equal(seeded.EntriesDeleted, entries.Count(e => e.DeletedAt is not null));
        Assert.InRange(seeded.EntriesDeleted, 1, entries.Count / 50);
        Assert.Equal(seeded.Participants, await db.LogbookEntries.IgnoreQueryFilters().SelectMany(e => e.Participants).CountAsync());

        // Each entry outside a case in an activity of the plan in force on its date (a case keeps its activity).
        var plans = await db.Activities.AsNoTracking().Include(a => a.PlanPeriod).ToDictionaryAsync(a => a.Id, a => a.PlanPeriod!);
        Assert.All(entries.Where(e => e.CaseId is null), e => Assert.True(plans[e.ActivityId].Contains(e.Date), $"{e.Date} outside the activity's plan"));

        // Outcomes of every indicator in every year, each of a kind its activity records; some registered with a deleted entry.
        var outcomes = await db.Outcomes.AsNoTracking().Join(db.Activities, o => o.ActivityId, a => a.Id, (o, a) => new { o.Kind, o.AchievedOn, a.AllowedOutcomeKinds }).ToListAsync();
        Assert.Equal(seeded.Outcomes, outcomes.Count);
        Assert.All(outcomes, o => Assert.Contains(o.Kind, o.AllowedOutcomeKinds));
        foreach (var year in new[] { 2022, 2023, 2024, 2025 })
            Assert.Equal(Enum.GetValues<Indicator>(), outcomes.Where(o => o.AchievedOn.Year == year).Select(o => o.Kind.Indicator()).Distinct().Order());
        Assert.True(seeded.OutcomesOfDeletedEntries > 0, "outcomes registered with an entry that was deleted");
        Assert.Equal(seeded.OutcomesOfDeletedEntries,
            await db.Outcomes.CountAsync(o => db.LogbookEntries.IgnoreQueryFilters().Any(e => e.Id == o.LogbookEntryId && e.DeletedAt != null)));
    }

    [GeneratedRegex(@"Database: +(\S+) \(midlertidig")]
    private static partial Regex DatabaseLine();
}
