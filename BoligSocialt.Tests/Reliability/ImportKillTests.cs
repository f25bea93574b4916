using System.Diagnostics;
using BoligSocialt.App;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Tests.Startup;
using BoligSocialt.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace BoligSocialt.Tests.Reliability;

/// <summary>
/// <c>import-logbook</c> run as a process of its own and killed (SIGKILL) while it works on a large legacy logbook:
/// after each kill the app opens the database as it does at start, the database is intact and holds nothing of the
/// import (all or nothing), and a last run imports the whole file.
/// </summary>
public sealed class ImportKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Lines of the legacy logbook: a few seconds of import on the project's 2-core machine.</summary>
    private const int Lines = 40_000;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    [Fact]
    public async Task Killed_while_reading_or_writing_the_import_leaves_an_intact_database_without_any_of_it_and_a_new_run_imports_it_all()
    {
        var reference = _folder.File("reference.db");
        var target = _folder.File("target.db");
        await MeasurementBenchmarkImport.WriteAsync(await CommandLineDatabase.OpenAsync(reference), LegacyFile, Lines);
        await CommandLineDatabase.OpenAsync(target);
        SqliteConnection.ClearAllPools();
        var before = RowCounts(target);

        // An uninterrupted run on a database like the target: what the import adds, and when it reads and writes.
        var whole = await RunAsync(reference, killWhen: null);
        Assert.True(whole.ExitCode == CommandLine.Success, whole.Error);
        var imported = RowCounts(reference);
        Assert.True(imported["LogbookEntries"] > before["LogbookEntries"]);
        var reading = whole.WritingAt - whole.OpenedAt;
        output.WriteLine($"Whole run: {Describe(whole)}; it added " + string.Join(", ",
            imported.Where(t => t.Value != before[t.Key]).Select(t => $"{t.Value - before[t.Key]:N0} {t.Key}")));

        var killPoints = new (string Name, Func<TimeSpan, long, bool> When)[]
        {
            // Half way through reading and checking the file (the database open, nothing of the import written yet).
            ("reading the file", (sinceOpened, wal) => sinceOpened >= reading / 2 || wal >= WritingWal),
            ("early in the writing", (_, wal) => wal >= whole.MaxWal / 10),
            ("late in the writing", (_, wal) => wal >= whole.MaxWal * 7 / 10),
        };
        foreach (var (name, when) in killPoints)
        {
            var killed = await RunAsync(target, when);
            output.WriteLine($"Killed {name}: {Describe(killed)}");
            Assert.True(killed.ExitCode == AppCommandProcess.KilledExitCode, $"Killed {name}, the import ended by itself with {killed.ExitCode}: {killed.Error}");

            // The app opens the database as at start (SQLite rolls the unfinished transaction back).
            await CommandLineDatabase.OpenAsync(target);
            Assert.Equal(["ok"], TempFolder.Query(target, "PRAGMA integrity_check"));
            Assert.Empty(TempFolder.Query(target, "PRAGMA foreign_key_check"));
            Assert.Equal(before, RowCounts(target));
            SqliteConnection.ClearAllPools();
        }

        var again = await RunAsync(target, killWhen: null);
        output.WriteLine($"Run to completion: {Describe(again)}");
        Assert.True(again.ExitCode == CommandLine.Success, again.Error);
        Assert.Equal(["ok"], TempFolder.Query(target, "PRAGMA integrity_check"));
        Assert.Equal(imported, RowCounts(target));
    }

    /// <summary>The log is this large once the import writes its rows: the preparation at start writes a few pages only.</summary>
    private const long WritingWal = 1 << 20;

    private string LegacyFile => _folder.File("logbog.csv");

    /// <summary>A run of the import: how it ended, the moments the database was opened and the import's rows began to be written, and the log's largest size.</summary>
    private sealed record Run(int ExitCode, string Error, TimeSpan Elapsed, TimeSpan OpenedAt, TimeSpan WritingAt, long MaxWal);

    private static string Describe(Run run) =>
        $"exit code {run.ExitCode} after {run.Elapsed.TotalSeconds:0.00} s; database opened at {run.OpenedAt.TotalSeconds:0.00} s, " +
        $"writing from {run.WritingAt.TotalSeconds:0.00} s; write-ahead log at most {run.MaxWal:N0} bytes";

    /// <summary>
    /// Imports the file into the database in a process of the app, sampling the size of the database's write-ahead log
    /// every millisecond; with <paramref name="killWhen"/> (the time since the log appeared, the log's size), kills the
    /// process as soon as it holds.
    /// </summary>
    private async Task<Run> RunAsync(string database, Func<TimeSpan, long, bool>? killWhen)
    {
        var wal = new FileInfo(database + "-wal");
        Assert.True(!wal.Exists || wal.Length == 0, "The write-ahead log of the last run is still there: every connection must be closed.");
        var clock = Stopwatch.StartNew();
        using var app = AppCommandProcess.Start(_folder.Path, new Dictionary<string, string?>(), "import-logbook", LegacyFile, "--database", database);
        var (maxWal, openedAt, writingAt, kill) = (0L, TimeSpan.Zero, TimeSpan.Zero, false);
        await Task.Factory.StartNew(() =>
        {
            while (!app.HasExited)
            {
                wal.Refresh();
                var size = wal.Exists ? wal.Length : 0;
                var now = clock.Elapsed;
                if (size > 0 && openedAt == TimeSpan.Zero) openedAt = now;
                if (size >= WritingWal && writingAt == TimeSpan.Zero) writingAt = now;
                maxWal = Math.Max(maxWal, size);
                if (openedAt > TimeSpan.Zero && killWhen?.Invoke(now - openedAt, size) == true)
                {
                    kill = true;
                    return;
                }
                Thread.Sleep(1);
            }
        }, TaskCreationOptions.LongRunning);
        var exitCode = kill ? await app.KillAsync() : await app.WaitForExitAsync(Timeout);
        return new Run(exitCode, app.Error, clock.Elapsed, openedAt, writingAt, maxWal);
    }

    /// <summary>Every table's row count, by the database's own list of tables.</summary>
    private static Dictionary<string, long> RowCounts(string database) =>
        TempFolder.Query(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .ToDictionary(table => table, table => long.Parse(TempFolder.Query(database, $"SELECT COUNT(*) FROM \"{table}\"").Single()));
}
