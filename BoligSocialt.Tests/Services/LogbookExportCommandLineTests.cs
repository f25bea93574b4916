using System.Text;
using BoligSocialt.App;
using BoligSocialt.Tests.Startup;
using BoligSocialt.Tests.Support;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// <c>export-logbook --from … --to … [--activity …] [--output …] [--database …]</c>: the whole organisation's logbook of
/// a period in the import format, to a file (with a summary) or to standard output (nothing else); bad options exit 1.
/// </summary>
public sealed class LogbookExportCommandLineTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = _folder.File("logbog.db");
        var file = _folder.File("gammel.csv");
        await File.WriteAllTextAsync(file, LogbookFiles.File(
            LogbookFiles.Line(), LogbookFiles.Line(date: "2025-03-11", residentId: "18", name: "Fatima Omar", result: "Praktikplads"), LogbookFiles.Event()));
        Assert.Equal(CommandLine.Success, await CommandLine.RunAsync(["import-logbook", file, "--database", _database], new StringWriter(), new StringWriter()));
    }

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    private static readonly string[] Exported =
    [
        "dato;medarbejder;aktivitet;beboer_id;navn;foedselsdato;boligafdeling;registrering;resultat;antal;note",
        "2025-03-10;Ahmed Hassan;UBMJ;17;Amina Hussein;1990-04-12;Granparken;Conversation;;;",
        "2025-03-11;Ahmed Hassan;UBMJ;18;Fatima Omar;1990-04-12;Granparken;Conversation;Internship;;",
        "2025-03-12;Ahmed Hassan;MOF24;;;;;Event;;25;Fællesspisning",
    ];

    [Fact]
    public async Task The_period_is_written_to_the_output_file_as_UTF8_with_BOM_and_summed_up()
    {
        var output = _folder.File("eksport.csv");

        var (exitCode, text, error) = await Verb.RunAsync("export-logbook", "--from", "2025-01-01", "--to", "2025-03-31", "--output", output, "--database", _database);

        Assert.Equal((CommandLine.Success, ""), (exitCode, error));
        Assert.Equal($"{output}: 3 linjer, 3 logbogsindførsler, 2 beboere, 1 resultater (0 på en linje for sig).{Environment.NewLine}", text);
        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(string.Join("\r\n", [.. Exported, ""]), Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["export-logbook"], TempFolder.Query(_database, "SELECT DISTINCT Actor FROM AuditEntries WHERE Action = 'Read'"));
    }

    [Fact]
    public async Task Without_an_output_file_the_export_and_nothing_else_goes_to_standard_output()
    {
        var (exitCode, text, error) = await Verb.RunAsync("export-logbook", "--from", "2025-03-11", "--to", "2025-03-11", "--activity", "ubmj", "--database", _database);

        Assert.Equal((CommandLine.Success, ""), (exitCode, error));
        Assert.Equal("\uFEFF" + string.Join("\r\n", Exported[0], Exported[2], ""), text);
    }

    [Theory]
    [InlineData("--from 2025-13-01 --to 2025-03-31", "--from skal være en dato som åååå-mm-dd, ikke '2025-13-01'.")]
    [InlineData("--from 2025-01-01 --to 31-03-2025", "--to skal være en dato som åååå-mm-dd, ikke '31-03-2025'.")]
    [InlineData("--from 2025-04-01 --to 2025-03-31", "--from skal ligge før eller på --to.")]
    [InlineData("--from 2025-01-01", "--to skal angives.")]
    [InlineData("--from 2025-01-01 --to 2025-03-31 --activity XYZ", "Ukendt aktivitet 'XYZ'. Forventet en aktivitetskode fra kataloget, fx BMJ.")]
    public async Task Bad_options_exit_1_with_a_Danish_message_and_leave_no_file(string options, string message)
    {
        var output = _folder.File("eksport.csv");

        var (exitCode, text, error) = await Verb.RunAsync(["export-logbook", .. options.Split(' '), "--output", output, "--database", _database]);

        Assert.Equal((CommandLine.BadInput, ""), (exitCode, text));
        Assert.StartsWith(message + Environment.NewLine, error);
        Assert.Contains("Brug: BoligSocialt.App export-logbook [tilvalg]", error);
        Assert.False(File.Exists(output));
    }
}
