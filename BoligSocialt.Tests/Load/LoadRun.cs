using System.Globalization;
using Xunit.Abstractions;

namespace BoligSocialt.Tests.Load;

/// <summary>
/// The load command's run (docs/load.sh): N tablets for S seconds, from BOLIGSOCIALT_LOAD_TABLETS and
/// BOLIGSOCIALT_LOAD_SECONDS (default 100 and 60). Not part of the default test run (Category=Load). It prints its
/// report and writes it to <see cref="ReportPath"/>; it fails when there was an error or a save was lost, never on time.
/// </summary>
[Trait("Category", "Load")]
public sealed class LoadRun(ITestOutputHelper output)
{
    public static readonly string ReportPath = Path.Combine(Path.GetTempPath(), "boligsocialt-load.txt");

    [Fact]
    public async Task Tablets_record_follow_ups_on_live_circuits()
    {
        var options = new LoadOptions(Setting("BOLIGSOCIALT_LOAD_TABLETS", 100), TimeSpan.FromSeconds(Setting("BOLIGSOCIALT_LOAD_SECONDS", 60)),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        var result = await LoadRunner.RunAsync(options, line => output.WriteLine(line));
        var report = result.Report();
        await File.WriteAllTextAsync(ReportPath, report);
        output.WriteLine(report);

        Assert.Empty(result.Errors);
    }

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
