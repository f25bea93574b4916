using System.Text.RegularExpressions;
using BoligSocialt.App;
using BoligSocialt.Tests.Support;

namespace BoligSocialt.Tests.Startup;

/// <summary>
/// The executable's verbs, with their output captured. The bench's figures are not asserted here: they are measured
/// by running it (docs/performance.md); this proves what it does and says.
/// </summary>
public sealed partial class CommandLineTests
{
    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string commandLine) => Verb.RunAsync(Split(commandLine));

    private static string[] Split(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData("bench", true)]
    [InlineData("bench --runs 2", true)]
    [InlineData("bench-case", true)]
    [InlineData("bnech", true)]
    [InlineData("", false)]
    [InlineData("--urls http://localhost:5000", false)]
    [InlineData("urls=http://localhost:5000", false)]
    public void A_bare_word_first_names_a_verb_and_anything_else_is_for_the_web_app(string commandLine, bool namesVerb) =>
        Assert.Equal(namesVerb, CommandLine.NamesVerb(Split(commandLine)));

    [Theory]
    [InlineData("bnech", "Ukendt kommando 'bnech'.")]
    [InlineData("bench --fast", "Ukendt tilvalg '--fast' til bench.")]
    [InlineData("bench --runs", "--runs mangler et tal.")]
    [InlineData("bench --runs nul", "--runs skal være et helt tal fra 1 til 1000, ikke 'nul'.")]
    [InlineData("bench --runs 0", "--runs skal være et helt tal fra 1 til 1000, ikke '0'.")]
    [InlineData("bench --runs -5", "--runs skal være et helt tal fra 1 til 1000, ikke '-5'.")]
    [InlineData("bench --residents 10", "--residents skal være et helt tal fra 100 til 1000000, ikke '10'.")]
    [InlineData("bench --runs 2 --runs 3", "--runs er angivet mere end én gang.")]
    [InlineData("bench-case --residents 300", "Ukendt tilvalg '--residents' til bench-case.")]
    [InlineData("bench-case --entries 0", "--entries skal være et helt tal fra 1 til 10000, ikke '0'.")]
    public async Task Bad_input_exits_1_with_a_Danish_message_and_the_usage_on_standard_error(string commandLine, string message)
    {
        var (exitCode, output, error) = await RunAsync(commandLine);

        Assert.Equal(CommandLine.BadInput, exitCode);
        Assert.StartsWith(message + Environment.NewLine, error);
        Assert.Contains("Brug: BoligSocialt.App", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Help_shows_the_options_of_bench()
    {
        var (exitCode, output, error) = await RunAsync("bench --help");

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.StartsWith("Brug: BoligSocialt.App bench [tilvalg]", output);
        Assert.Contains("--runs N", output);
        Assert.Contains("standard 20", output);
        Assert.Contains("--residents N", output);
        Assert.Contains("standard 12000", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Bench_at_a_small_scale_loads_the_whole_board_times_the_search_and_deletes_its_database()
    {
        var (exitCode, output, error) = await RunAsync("bench --runs 2 --residents 300");

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Equal("", error);
        Assert.Contains("300 beboere, 40 medarbejdere, 2.000 åbne forløb", output);
        Assert.Contains("2 målinger efter én opvarmning", output);
        // Every waiting referral of the leader's team is on the board, and every caseworker of the team.
        Assert.Contains("indlæst: 500 ventende henvisninger (50 afvist), 19 medarbejdere med ", output);
        Assert.Matches(@"Fordelingstavlen[^\n]*\n[^\n]*\n  min \d+,\d ms · median \d+,\d ms · p95 \d+,\d ms · max \d+,\d ms", output);
        Assert.Matches(@"""Gunnhild Bergström"" +17 kald, +0 fundet til sidst · median +\d+,\d ms", output);
        Assert.Matches(@"alle kald: min \d+,\d ms · median \d+,\d ms · p95 \d+,\d ms · max \d+,\d ms", output);

        var database = DatabaseLine().Match(output);
        Assert.True(database.Success, output);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.Groups[1].Value)), "the temporary database was not deleted");
    }

    [Fact]
    public async Task Help_shows_the_options_of_bench_case()
    {
        var (exitCode, output, error) = await RunAsync("bench-case --help");

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.StartsWith("Brug: BoligSocialt.App bench-case [tilvalg]", output);
        Assert.Contains("--runs N", output);
        Assert.Contains("--entries N", output);
        Assert.Contains("standard 200", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task The_usage_names_both_benchmarks()
    {
        var (_, _, error) = await RunAsync("bnech");

        Assert.Contains("  bench ", error);
        Assert.Contains("  bench-case ", error);
    }

    [Fact]
    public async Task Bench_case_reads_and_renders_the_whole_case_page_with_its_timeline_and_deletes_its_database()
    {
        var (exitCode, output, error) = await RunAsync("bench-case --runs 2 --entries 30");

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Equal("", error);
        Assert.Contains("ét åbent forløb i Uddannelses- og beskæftigelsesmentorforløb for aktivitetsparate med 30 indførsler i tidslinjen, 4 mål, 10 aftaler, 2 resultater", output);
        Assert.Matches(@"Forløbets data[^\n]*2 målinger efter én opvarmning:\n  min \d+,\d ms · median \d+,\d ms · p95 \d+,\d ms · max \d+,\d ms", output);
        // The whole page was rendered, every timeline entry of the case in it.
        Assert.Matches(@"gengivet: 30 indførsler i tidslinjen, \d+ KB HTML", output);
        Assert.Matches(@"Hele siden[^\n]*\n[^\n]*\n[^\n]*\n  min \d+,\d ms · median \d+,\d ms · p95 \d+,\d ms · max \d+,\d ms", output);
        Assert.Contains("mål: højst 100 ms:", output);

        var database = DatabaseLine().Match(output);
        Assert.True(database.Success, output);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.Groups[1].Value)), "the temporary database was not deleted");
    }

    [Fact]
    public async Task The_executable_runs_a_verb_instead_of_serving_the_web_app()
    {
        var main = typeof(Program).Assembly.EntryPoint!;

        // Were the verb not dispatched, the web app would start and serve until the time-out.
        var exitCode = await Task.Run(() => (int)main.Invoke(null, [Split("bench --runs 0")])!).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(CommandLine.BadInput, exitCode);
    }

    [GeneratedRegex(@"Database: +(\S+) \(midlertidig")]
    private static partial Regex DatabaseLine();
}
