using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using BoligSocialt.App.Data;
using static System.FormattableString;
using BoligSocialt.Tests.Support;

namespace BoligSocialt.Tests.Load;

/// <summary>One tablet's saves (confirmed by the page, unconfirmed), the rows its case got, and its errors.</summary>
internal sealed record TabletResult(int Number, int ConfirmedSaves, int UnconfirmedSaves, int Rows, IReadOnlyList<string> Errors);

/// <summary>What a load run measured; <see cref="Report"/> writes it for docs/performance.md.</summary>
internal sealed record LoadResult(
    LoadOptions Options,
    TimeSpan Elapsed,
    IReadOnlyList<double> OpenMs,
    IReadOnlyList<double> LatencyMs,
    IReadOnlyList<TabletResult> Tablets,
    IReadOnlyList<string> ServerErrors,
    ServerMemory Started,
    ServerMemory Baseline,
    ServerMemory Opened,
    ServerMemory AfterRun,
    TimeSpan AppCpu,
    MachineCpu MachineCpu)
{
    public const double LatencyGoalMs = 100;

    private const double Kilobyte = 1024;
    private const double Megabyte = 1024 * 1024;

    public int ConfirmedSaves => Tablets.Sum(t => t.ConfirmedSaves);

    public int Rows => Tablets.Sum(t => t.Rows);

    /// <summary>Tablets whose case got fewer rows than the saves the page confirmed (a lost write) or more (a doubled one).</summary>
    public IReadOnlyList<TabletResult> RowMismatches => [.. Tablets.Where(t => t.Rows < t.ConfirmedSaves || t.Rows > t.ConfirmedSaves + t.UnconfirmedSaves)];

    /// <summary>Every error: the tablets', the app's own (its standard error and log lines of level fail or crit), and row mismatches.</summary>
    public IReadOnlyList<string> Errors =>
    [
        .. Tablets.SelectMany(t => t.Errors),
        .. ServerErrors.Select(e => $"server: {e}"),
        .. RowMismatches.Select(t => $"tablet {t.Number:000}: rows: {t.Rows} saved follow-ups for {t.ConfirmedSaves} confirmed saves ({t.UnconfirmedSaves} unconfirmed)"),
    ];

    public string Report()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(Invariant(line));
        var latencies = LatencyMs.Order().ToArray();
        var opens = OpenMs.Order().ToArray();
        var optimised = typeof(AppDbContext).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

        Line($"BoligSocialt load: {Options.Tablets} tablets, each a live Blazor circuit on its case page, recording follow-ups");
        Line($"Machine: {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, app {(optimised ? "Release" : "Debug (unoptimised)")}");
        Line($"Date: {DateTimeOffset.Now:yyyy-MM-dd HH':'mm zzz}; load average at the end: {load}");
        Line($"Run: {Elapsed.TotalSeconds:0} s of work after all tablets opened; think time {Options.MinThink.TotalSeconds:0}-{Options.MaxThink.TotalSeconds:0} s, then a note typed at 10 keys/s and saved");
        Line($"Processor: the app used {AppCpu.TotalSeconds:0.0} s = {AppCpu.TotalSeconds / Elapsed.TotalSeconds * 100:0} % of one core; the machine (Chromium, the load runner, other work) was {MachineCpu.BusyShare * 100:0} % busy over all {Environment.ProcessorCount} cores");
        Line($"");
        Line($"Opening (sign-in and case page until interactive, {Options.OpeningAtOnce} at a time): median {Percentile(opens, 0.5):0} ms, max {(opens.Length == 0 ? 0 : opens[^1]):0} ms");
        Line($"Saves: {LatencyMs.Count} shown in time, {ConfirmedSaves / Elapsed.TotalSeconds:0.0} a second");
        Line($"Click to update (the follow-up in the timeline): p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms, max {(latencies.Length == 0 ? 0 : latencies[^1]):0} ms");
        Line($"Rows: {Rows} follow-ups saved in the database for {ConfirmedSaves} confirmed saves (warm-up included), {Tablets.Sum(t => t.UnconfirmedSaves)} unconfirmed; cases with a mismatch: {RowMismatches.Count}");
        Line($"Errors: {Errors.Count}");
        foreach (var group in Errors.GroupBy(Kind)) Line($"  {group.Count()} × {group.Key}, e.g. {group.First()}");
        Line($"");
        Line($"Server memory (managed heap after full collections; working set):");
        Line($"  started, no page opened yet:         heap {Started.Heap / Megabyte,6:0.0} MB, working set {Started.WorkingSet / Megabyte,5:0} MB");
        Line($"  before the tablets (warm-up page):   heap {Baseline.Heap / Megabyte,6:0.0} MB, working set {Baseline.WorkingSet / Megabyte,5:0} MB");
        Line($"  {Options.Tablets} circuits opened:               heap {Opened.Heap / Megabyte,6:0.0} MB, working set {Opened.WorkingSet / Megabyte,5:0} MB");
        Line($"  {Options.Tablets} circuits after the run:        heap {AfterRun.Heap / Megabyte,6:0.0} MB, working set {AfterRun.WorkingSet / Megabyte,5:0} MB");
        Line($"  per circuit, opened:    heap {(Opened.Heap - Baseline.Heap) / Kilobyte / Options.Tablets:0} KB, working set {(Opened.WorkingSet - Baseline.WorkingSet) / Kilobyte / Options.Tablets:0} KB");
        Line($"  per circuit, after run: heap {(AfterRun.Heap - Baseline.Heap) / Kilobyte / Options.Tablets:0} KB, working set {(AfterRun.WorkingSet - Baseline.WorkingSet) / Kilobyte / Options.Tablets:0} KB");
        Line($"");
        Line($"Goals: p95 click to update {LatencyGoalMs:0} ms or less: {Verdict(Percentile(latencies, 0.95) <= LatencyGoalMs && latencies.Length > 0)}; 0 errors: {Verdict(Errors.Count == 0)}");
        return text.ToString();
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    /// <summary>An error's kind: its text after "tablet NNN:" up to the next colon.</summary>
    private static string Kind(string error)
    {
        var parts = error.Split(':', 3);
        return parts.Length >= 2 ? $"{parts[0].Split(' ')[0]}: {parts[1].Trim()}" : error;
    }
}
