using System.Text;
using BoligSocialt.App;
using BoligSocialt.Tests.Startup;
using BoligSocialt.Tests.Support;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// <c>import-logbook &lt;fil.csv&gt; [--database …]</c>: exit 0 and the summary, or exit 1 and every error on standard
/// error with nothing imported; a new database is created and migrated first; a missing file is said plainly.
/// </summary>
public sealed class LogbookImportCommandLineTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    private string WriteFile(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text, new UTF8Encoding(true));
        return path;
    }

    private long Count(string database, string table) => long.Parse(TempFolder.Query(database, $"SELECT COUNT(*) FROM {table}").Single());

    [Fact]
    public async Task A_good_file_is_imported_into_a_new_database_created_for_it_and_the_summary_printed()
    {
        var database = _folder.File("ny/logbog.db");
        var file = WriteFile("logbog.csv", LogbookFiles.File(LogbookFiles.Line(), LogbookFiles.Line(date: "2025-03-11", result: "Praktikplads"), LogbookFiles.Event()));
        Assert.False(File.Exists(database));

        var (exitCode, output, error) = await Verb.RunAsync("import-logbook", file, "--database", database);

        Assert.Equal((CommandLine.Success, ""), (exitCode, error));
        Assert.Equal(string.Join(Environment.NewLine,
            $"{file} er importeret.",
            "  Linjer i filen: 3",
            "  Allerede importeret (springes over): 0 linjer",
            "  Nye logbogsindførsler: 3",
            "  Nye beboere: 1",
            "  Kendte beboere (genkendt på beboer_id): 0",
            "  Flytninger registreret: 0",
            "  Resultater: 1",
            "  Nye inaktive medarbejdere: 1 (Ahmed Hassan)",
            ""), output);
        Assert.Equal(3, Count(database, "LogbookEntries"));
        Assert.Equal(["import-logbook"], TempFolder.Query(database, "SELECT DISTINCT Actor FROM AuditEntries"));

        var again = await Verb.RunAsync("import-logbook", file, "--database", database);
        Assert.Equal(CommandLine.Success, again.ExitCode);
        Assert.Contains("  Allerede importeret (springes over): 3 linjer", again.Output);
        Assert.Equal(3, Count(database, "LogbookEntries"));
    }

    [Fact]
    public async Task A_file_with_errors_exits_1_with_every_error_on_standard_error_and_imports_nothing()
    {
        var database = _folder.File("logbog.db");
        var file = WriteFile("logbog.csv", LogbookFiles.File(LogbookFiles.Line(), LogbookFiles.Line(date: "31-02-2023"), LogbookFiles.Event(activity: "XYZ")));

        var (exitCode, output, error) = await Verb.RunAsync("import-logbook", file, "--database", database);

        Assert.Equal((CommandLine.BadInput, ""), (exitCode, output));
        Assert.Equal(string.Join(Environment.NewLine,
            $"Intet er importeret: {file} har 2 fejl.",
            "Linje 3, kolonne dato: Datoen 31-02-2023 findes ikke: februar 2023 har 28 dage.",
            "Linje 4, kolonne aktivitet: Ukendt aktivitet 'XYZ'. Forventet en kode fra kataloget (fx BMJ, UBMJ) eller aktivitetens præcise navn.",
            ""), error);
        Assert.Equal(0, Count(database, "LogbookEntries"));
        Assert.Equal(0, Count(database, "Residents"));
    }

    [Fact]
    public async Task A_missing_file_is_said_in_Danish_with_exit_1_and_no_database_is_made()
    {
        var database = _folder.File("logbog.db");
        var missing = _folder.File("findes-ikke.csv");

        var (exitCode, output, error) = await Verb.RunAsync("import-logbook", missing, "--database", database);

        Assert.Equal((CommandLine.BadInput, ""), (exitCode, output));
        Assert.StartsWith($"Filen '{missing}' findes ikke.{Environment.NewLine}", error);
        Assert.Contains("Brug: BoligSocialt.App import-logbook <fil.csv> [tilvalg]", error);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task Without_a_file_the_verb_says_what_it_needs()
    {
        var (exitCode, _, error) = await Verb.RunAsync("import-logbook", "--database", _folder.File("logbog.db"));

        Assert.Equal(CommandLine.BadInput, exitCode);
        Assert.StartsWith($"import-logbook mangler <fil.csv>.{Environment.NewLine}", error);
    }
}
