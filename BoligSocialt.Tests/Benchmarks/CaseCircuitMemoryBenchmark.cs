using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.Tests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static System.FormattableString;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Benchmarks;

/// <summary>
/// The server's memory per live case-page circuit (goal: 400 KB or less), measured, not asserted: the app runs in this
/// process, so the growth of its managed heap over N open pages, divided by N, is what a circuit keeps. For the demo
/// data's cases, for the long case of <c>bench-case</c> (200 timeline entries) and, as the floor, for the page of a
/// case that does not exist. Not part of the default test run (<c>./test.sh --filter Category=Benchmark</c>);
/// the report is printed and written to <see cref="ReportPath"/> for docs/performance.md. It asserts only that every
/// page opened, interactive, and showed what it should.
/// </summary>
[Collection(BenchmarkCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class CaseCircuitMemoryBenchmark(ITestOutputHelper output)
{
    public static readonly string ReportPath = Path.Combine(Path.GetTempPath(), "boligsocialt-bench-circuits.txt");

    /// <summary>Live pages at each measurement, besides the warm-up page of the baseline.</summary>
    private static readonly int[] Circuits = [50, 100];

    /// <summary>Time for the last pages' work (rendering, acknowledgements) to finish before the heap is measured.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private const double Kilobyte = 1024;
    private const double Megabyte = 1024 * 1024;

    [Fact]
    public async Task Memory_per_live_case_page_circuit()
    {
        var report = new StringBuilder();
        var optimised = typeof(CasePageBenchmark).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        report.AppendLine($"BoligSocialt: server memory per live case-page circuit ({nameof(CaseCircuitMemoryBenchmark)})");
        report.AppendLine(Invariant($"Machine: {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, ") +
            Invariant($"{RuntimeInformation.ProcessArchitecture}, {(optimised ? "Release" : "Debug (unoptimised)")}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));
        report.AppendLine(Invariant($"Date: {DateTimeOffset.Now:yyyy-MM-dd HH':'mm zzz}"));
        report.AppendLine("The app in this process (Development, a database of its own, one instance per measurement); Debian's headless Chromium in a");
        report.AppendLine("process of its own. Each page is a tab with its own circuit, counted once interactive and showing what it should. Memory after");
        report.AppendLine("GC.Collect, WaitForPendingFinalizers, GC.Collect, with Playwright disconnected (the pages and their circuits stay open).");
        report.AppendLine("Baseline: one page open (the warm-up).");

        await MeasureAsync(report, EmptyCasePageAsync);
        await MeasureAsync(report, DemoCasesAsync);
        await MeasureAsync(report, LongCaseAsync);

        await File.WriteAllTextAsync(ReportPath, report.ToString());
        output.WriteLine(report.ToString());
    }

    /// <summary>Who is signed in, the pages opened in turn, and what each must show before it counts.</summary>
    private sealed record Target(string Description, string StaffName, IReadOnlyList<string> Paths, Func<IPage, string, Task> AssertShownAsync);

    /// <summary>
    /// The case page of a case that does not exist, as the demo data's caseworker with the most cases: the layout and the
    /// page's "Ikke fundet", what every case-page circuit holds before the case itself.
    /// </summary>
    private static async Task<Target> EmptyCasePageAsync(BenchmarkApp app)
    {
        var (name, _) = await BusiestCaseworkerAsync(app);
        return new Target($"No case: the case page of a case that does not exist (\"Ikke fundet\"), as {name}: the layout and an empty page, the floor", name,
            [CasePath(Guid.Empty)], (page, _) => Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync());
    }

    /// <summary>The cases of the demo data's caseworker with the most cases, in turn.</summary>
    private static async Task<Target> DemoCasesAsync(BenchmarkApp app)
    {
        var (name, cases) = await BusiestCaseworkerAsync(app);
        var entries = await TimelineEntriesAsync(app, cases);
        return new Target(
            Invariant($"Demo data: the {cases.Count} cases of {name} (the caseworker with the most) in turn, {entries.Values.Min()}-{entries.Values.Max()} ") +
            Invariant($"timeline entries (mean {entries.Values.Average():0})"),
            name, [.. cases.Select(CasePath)], (page, path) => AssertShowsCaseAsync(page, entries[path]));
    }

    /// <summary>The long case of <c>bench-case</c> added to the demo data, every page on it.</summary>
    private static async Task<Target> LongCaseAsync(BenchmarkApp app)
    {
        var seeded = await CasePageBenchmark.SeedAsync(Database(app), CasePageBenchmark.DefaultEntries, TimeProvider.System);
        return new Target(
            Invariant($"Long case: the case of bench-case ({seeded.Entries} timeline entries, {seeded.Goals} goals, {seeded.Agreements} agreements, ") +
            Invariant($"{seeded.Outcomes} outcomes, {seeded.Assistants} assistants) on every page, as {seeded.MentorName}"),
            seeded.MentorName, [CasePath(seeded.CaseId)], (page, _) => AssertShowsCaseAsync(page, seeded.Entries));
    }

    private static IDbContextFactory<AppDbContext> Database(BenchmarkApp app) => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    private static async Task<(string Name, IReadOnlyList<Guid> Cases)> BusiestCaseworkerAsync(BenchmarkApp app)
    {
        await using var db = await Database(app).CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.ResponsibleStaffId }).ToListAsync();
        var staffId = cases.GroupBy(c => c.ResponsibleStaffId).MaxBy(g => g.Count())!.Key;
        var name = await db.StaffMembers.Where(s => s.Id == staffId).Select(s => s.Name).SingleAsync();
        return (name, [.. cases.Where(c => c.ResponsibleStaffId == staffId).Select(c => c.Id)]);
    }

    /// <summary>The number of timeline entries each case's page shows, by the page's path.</summary>
    private static async Task<Dictionary<string, int>> TimelineEntriesAsync(BenchmarkApp app, IReadOnlyList<Guid> caseIds)
    {
        await using var db = await Database(app).CreateDbContextAsync();
        var counted = await db.LogbookEntries.AsNoTracking().Where(e => e.CaseId != null && caseIds.Contains(e.CaseId.Value))
            .GroupBy(e => e.CaseId!.Value).Select(g => new { CaseId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.CaseId, g => g.Count);
        return caseIds.ToDictionary(CasePath, id => counted.GetValueOrDefault(id));
    }

    private static string CasePath(Guid caseId) => $"/forloeb/{caseId}";

    private static async Task AssertShowsCaseAsync(IPage page, int timelineEntries)
    {
        await Expect(page.Locator("[data-testid=case-title]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=timeline-item]")).ToHaveCountAsync(timelineEntries);
    }

    private static async Task MeasureAsync(StringBuilder report, Func<BenchmarkApp, Task<Target>> choose)
    {
        await using var app = BenchmarkApp.Start();
        var target = await choose(app);
        await using (var chromium = await DetachableChromium.StartAsync())
            await MeasureAsync(report, app, chromium, target);
        // Chromium is gone: its circuits end, so the next measurement's heap holds nothing of them.
        await WaitForAsync(() => app.OpenCircuits == 0);
    }

    private static async Task MeasureAsync(StringBuilder report, BenchmarkApp app, DetachableChromium chromium, Target target)
    {
        report.AppendLine();
        report.AppendLine(target.Description);

        using (var connection = await chromium.ConnectAsync(app.BaseAddress))
            await target.AssertShownAsync(await connection.SignInAsync(target.StaffName, target.Paths[0]), target.Paths[0]);
        var baseline = await MeasureMemoryAsync(app, expectedCircuits: 1);
        report.AppendLine(Invariant($"  baseline: 1 circuit; managed heap {baseline.Heap / Megabyte:0.0} MB, working set {baseline.WorkingSet / Megabyte:0} MB"));

        var opened = 0;
        foreach (var circuits in Circuits)
        {
            long withClient;
            using (var connection = await chromium.ConnectAsync(app.BaseAddress))
            {
                for (; opened < circuits; opened++)
                {
                    var path = target.Paths[opened % target.Paths.Count];
                    await target.AssertShownAsync(await connection.OpenAsync(path), path);
                }
                withClient = Heap();
            }
            var measured = await MeasureMemoryAsync(app, expectedCircuits: 1 + circuits);
            var heap = measured.Heap - baseline.Heap;
            var workingSet = measured.WorkingSet - baseline.WorkingSet;
            report.AppendLine(Invariant($"  +{circuits} circuits: managed heap +{heap / Megabyte:0.0} MB = {heap / Kilobyte / circuits:0} KB per circuit; ") +
                Invariant($"working set +{workingSet / Megabyte:0} MB = {workingSet / Kilobyte / circuits:0} KB per circuit ") +
                Invariant($"(Playwright's client objects, before it disconnected: {(withClient - measured.Heap) / Megabyte:0.0} MB)"));
        }
    }

    /// <summary>The heap and working set once the pages' work is done, with exactly the expected circuits live.</summary>
    private static async Task<(long Heap, long WorkingSet)> MeasureMemoryAsync(BenchmarkApp app, int expectedCircuits)
    {
        await Task.Delay(Settle);
        Assert.Equal(expectedCircuits, app.OpenCircuits);
        var heap = Heap();
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.ElapsedMilliseconds > AppServer.TimeoutMs) throw new TimeoutException("The app's circuits did not end after Chromium closed.");
            await Task.Delay(50);
        }
    }
}
