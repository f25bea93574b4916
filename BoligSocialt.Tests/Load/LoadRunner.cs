using System.Diagnostics;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Tests.Browser;
using BoligSocialt.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BoligSocialt.Tests.Load;

/// <summary>How many tablets, for how long, and how long a mentor thinks between two saves.</summary>
internal sealed record LoadOptions(int Tablets, TimeSpan Duration, TimeSpan MinThink, TimeSpan MaxThink)
{
    /// <summary>Tablets signing in at the same time while they open (not measured).</summary>
    public int OpeningAtOnce { get; init; } = 4;
}

/// <summary>
/// A load run: the app started as a process of its own on a new database (<see cref="AppServerProcess"/>), a mentor with a case
/// per tablet added (<see cref="LoadSeed"/>), one headless Chromium with a context per tablet (<see cref="Tablet"/>).
/// A warm-up tablet first signs in and saves once and stays open; then the tablets open their case pages, all work
/// for the bounded time, and the app's memory is measured before, with the circuits opened and after the work.
/// Finally the saved follow-ups are counted in the database, per case, against the saves the pages confirmed.
/// </summary>
internal static class LoadRunner
{
    /// <summary>Time for the last messages and renders to finish before the memory is measured.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<LoadResult> RunAsync(LoadOptions options, Action<string> report)
    {
        var total = Stopwatch.StartNew();
        void Progress(string step) => report($"{total.Elapsed.TotalSeconds,5:0.0} s: {step}");
        var folder = Directory.CreateTempSubdirectory("boligsocialt-load-");
        var databasePath = Path.Combine(folder.FullName, "app.db");
        try
        {
            await using var app = await AppServerProcess.StartAsync(databasePath);
            var started = await app.MeasureMemoryAsync();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = $"Data Source={databasePath}" })
                .Build();
            await using var services = new ServiceCollection().AddDatabase(configuration).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            // Tablet 0 is the warm-up; 1..N are measured.
            var cases = await LoadSeed.SeedAsync(factory, options.Tablets + 1, TimeProvider.System);
            var tablets = cases.Select((caseId, i) => new Tablet(i, LoadSeed.MentorName(i), caseId, app.BaseAddress)).ToList();
            Progress($"app on {app.BaseAddress} (pid {app.ProcessId}), {options.Tablets} mentors with a case each added");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright,
                "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows");
            try
            {
                var warmUp = tablets[0];
                await warmUp.OpenAsync(browser);
                await warmUp.SaveFollowUpAsync(1);
                await Task.Delay(Settle);
                var baseline = await app.MeasureMemoryAsync();
                Progress("warm-up tablet saved once, baseline measured");

                var measured = tablets.Skip(1).ToList();
                var opening = Stopwatch.StartNew();
                var openTimes = await OpenAllAsync(browser, measured, options.OpeningAtOnce);
                Progress($"{measured.Count} tablets opened in {opening.Elapsed.TotalSeconds:0} s");
                await Task.Delay(Settle);
                var opened = await app.MeasureMemoryAsync();

                var machineBefore = MachineCpu.Read();
                var appBefore = app.ProcessorTime;
                var run = Stopwatch.StartNew();
                var until = DateTimeOffset.UtcNow + options.Duration;
                await Task.WhenAll(measured.Where(t => t.IsOpen).Select(t => t.RunAsync(until, options.MinThink, options.MaxThink)));
                var elapsed = run.Elapsed;
                var appCpu = app.ProcessorTime - appBefore;
                var machine = MachineCpu.Read() - machineBefore;
                foreach (var tablet in tablets.Where(t => t.IsOpen)) await tablet.CheckPageAsync();
                Progress($"ran {elapsed.TotalSeconds:0} s");

                await Task.Delay(Settle);
                var afterRun = await app.MeasureMemoryAsync();
                var rows = await SavedFollowUpsAsync(factory, cases);
                Progress("memory measured, rows counted");

                return new LoadResult(options, elapsed, [.. openTimes], [.. measured.Select(t => t.Latencies).SelectMany(l => l)],
                    [.. tablets.Select(t => new TabletResult(t.Number, t.ConfirmedSaves, t.UnconfirmedSaves, rows.GetValueOrDefault(t.CaseId), t.Errors))],
                    app.Errors, started, baseline, opened, afterRun, appCpu, machine);
            }
            finally
            {
                foreach (var tablet in tablets) await tablet.CloseAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Opens the tablets a few at a time; returns how long each that opened took to be ready, in milliseconds. A tablet
    /// that could not open has an error and takes no part in the run.
    /// </summary>
    private static async Task<double[]> OpenAllAsync(IBrowser browser, IReadOnlyList<Tablet> tablets, int atOnce)
    {
        using var gate = new SemaphoreSlim(atOnce);
        var times = await Task.WhenAll(tablets.Select(async tablet =>
        {
            await gate.WaitAsync();
            try
            {
                var started = Stopwatch.GetTimestamp();
                await tablet.OpenAsync(browser);
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                tablet.Error("opening", e.Message.Split('\n')[0]);
                return double.NaN;
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. times.Where(t => !double.IsNaN(t))];
    }

    /// <summary>The follow-ups the tablets saved, by case: the entries whose note starts with <see cref="Tablet.NotePrefix"/>.</summary>
    private static async Task<Dictionary<Guid, int>> SavedFollowUpsAsync(IDbContextFactory<AppDbContext> factory, IReadOnlyList<Guid> cases)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.LogbookEntries.AsNoTracking()
            .Where(e => e.CaseId != null && cases.Contains(e.CaseId.Value) && e.Kind == LogbookEntryKind.FollowUp && e.Note!.StartsWith(Tablet.NotePrefix))
            .GroupBy(e => e.CaseId!.Value)
            .Select(g => new { CaseId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CaseId, g => g.Count);
    }
}

/// <summary>The machine's processor time from /proc/stat: busy and total, in clock ticks, over all processors.</summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public double BusyShare => Total == 0 ? 0 : (double)Busy / Total;

    public static MachineCpu Read()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - idle, total);
    }

    public static MachineCpu operator -(MachineCpu a, MachineCpu b) => new(a.Busy - b.Busy, a.Total - b.Total);
}
