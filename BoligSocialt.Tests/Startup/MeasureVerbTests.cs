using System.Text;
using System.Text.Json;
using BoligSocialt.App;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using MiniExcelLibs;

namespace BoligSocialt.Tests.Startup;

/// <summary>The <c>measure</c> verb: the quarter's measurement from a database, as JSON, CSV or a spreadsheet.</summary>
public sealed class MeasureVerbTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    private static string[] Split(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Json_goes_to_standard_output_alone_and_a_new_database_file_is_created_and_migrated()
    {
        var database = _folder.File("ny.db");

        var (exitCode, output, error) = await Verb.RunAsync(Split($"measure --year 2023 --quarter 2 --format json --database {database}"));

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Equal("", error);
        // Nothing but the JSON, so that "> file.json" holds the contract.
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2023, json.RootElement.GetProperty("year").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("quarter").GetInt32());
        Assert.Equal("2023-04-01", json.RootElement.GetProperty("from").GetString());
        Assert.Equal("2023-06-30", json.RootElement.GetProperty("to").GetString());
        // The 2021-2024 plan's reference figures are rows even before anybody counts in them.
        Assert.Contains(json.RootElement.GetProperty("indicators").EnumerateArray(), r =>
            r.GetProperty("area").GetString() == "Vollsmose" && r.GetProperty("ageBand").GetString() == "18-29" && r.GetProperty("baselinePerYear").GetInt32() == 20);
        Assert.True(File.Exists(database));
        Assert.Contains("20261124002102_Initial", TempFolder.Query(database, "SELECT MigrationId FROM __EFMigrationsHistory"));
    }

    [Fact]
    public async Task The_figures_are_those_of_the_database_named()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mentor = await database.AddStaffAsync("Mette Mentor", StaffRoles.Mentor, "Team1");
        var amina = await Scenario.AddResidentAsync(database, "Amina Hussein");
        var opened = await Scenario.AddCaseAsync(database, amina.Id, Scenario.Team1Mentoring, mentor.StaffMemberId);
        await Scenario.AddLogbookEntryAsync(database, mentor.StaffMemberId, Scenario.Team1Mentoring, [amina.Id], new DateOnly(2025, 3, 12),
            LogbookEntryKind.FollowUp, caseId: opened.Id);

        var (exitCode, output, error) = await Verb.RunAsync(Split($"measure --year 2025 --quarter 1 --format json --database {database.Path}"));

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Equal("", error);
        await using (var db = database.CreateDbContext())
            Assert.Equal(MeasurementExport.Json(await DeliveryMeasurementService.MeasureAsync(db, 2025, 1)) + Environment.NewLine, output);
        using var json = JsonDocument.Parse(output);
        var activity = json.RootElement.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("activity").GetString() == Scenario.Team1Mentoring);
        Assert.Equal(1, activity.GetProperty("referralsReceived").GetInt32());
        Assert.Equal(1, activity.GetProperty("casesOpened").GetInt32());
        Assert.Equal(2, activity.GetProperty("medianDaysToAllocation").GetDouble());
        Assert.Equal(1, activity.GetProperty("meetings").GetProperty("FollowUp").GetInt32());
        Assert.Equal(1, activity.GetProperty("distinctResidents").GetInt32());
        Assert.DoesNotContain("Amina", output);
    }

    [Fact]
    public async Task Csv_goes_to_standard_output_with_its_byte_order_mark()
    {
        var (exitCode, output, error) = await Verb.RunAsync(Split($"measure --year 2023 --quarter 2 --format csv --database {_folder.File("m.db")}"));

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith("\uFEFFLeverancemåling 2. kvartal 2023 (01-04-2023 – 30-06-2023)\r\n", output);
        Assert.Contains("\r\nIndikator;Områdekode;Område;Aldersgruppe;", output);
    }

    [Fact]
    public async Task Xlsx_needs_an_output_file_and_then_writes_a_spreadsheet_that_opens()
    {
        var database = _folder.File("m.db");

        var refused = await Verb.RunAsync(Split($"measure --year 2023 --quarter 2 --format xlsx --database {database}"));

        Assert.Equal(CommandLine.BadInput, refused.ExitCode);
        Assert.StartsWith("Et regneark (xlsx) kan ikke skrives til standardoutput: angiv en fil med --output", refused.Error);
        Assert.Equal("", refused.Output);
        Assert.False(File.Exists(database), "the database was opened although nothing could be written");

        var file = _folder.File("måling.xlsx");
        var (exitCode, output, error) = await Verb.RunAsync(Split($"measure --year 2023 --quarter 2 --format xlsx --output {file} --database {database}"));

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Equal("", error);
        Assert.Equal($"Leverancemålingen for 2. kvartal 2023 er skrevet til {file}.{Environment.NewLine}", output);
        Assert.Equal(["Indikatorer", "Aktiviteter", "Afsluttede forløb", "Møder", "Logbog", "Resultater"], MiniExcel.GetSheetNames(file));
        var vollsmose = MiniExcel.Query(file, useHeaderRow: true, sheetName: "Indikatorer").Cast<IDictionary<string, object?>>()
            .First(r => (string?)r["Områdekode"] == "Vollsmose");
        Assert.Equal(20d, vollsmose["Referencetal pr. år"]);
    }

    [Fact]
    public async Task Json_to_a_file_is_the_same_as_on_standard_output()
    {
        var database = _folder.File("m.db");
        var file = _folder.File("m.json");

        var written = await Verb.RunAsync(Split($"measure --year 2024 --quarter 4 --format json --output {file} --database {database}"));
        var shown = await Verb.RunAsync(Split($"measure --year 2024 --quarter 4 --format json --database {database}"));

        Assert.Equal(CommandLine.Success, written.ExitCode);
        Assert.Equal(shown.Output, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)) + Environment.NewLine);
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_is_a_Danish_error()
    {
        var file = Path.Combine(_folder.File("findes-ikke"), "m.csv");

        var (exitCode, output, error) = await Verb.RunAsync(Split($"measure --year 2023 --quarter 2 --format csv --output {file} --database {_folder.File("m.db")}"));

        Assert.Equal(CommandLine.BadInput, exitCode);
        Assert.StartsWith($"Filen '{file}' kan ikke skrives: ", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("measure --quarter 2 --format json", "--year skal angives.")]
    [InlineData("measure --year 2023 --format json", "--quarter skal angives.")]
    [InlineData("measure --year 2023 --quarter 2", "--format skal angives.")]
    [InlineData("measure --year 1999 --quarter 2 --format json", "--year skal være et helt tal fra 2000 til 2100, ikke '1999'.")]
    [InlineData("measure --year 2101 --quarter 2 --format json", "--year skal være et helt tal fra 2000 til 2100, ikke '2101'.")]
    [InlineData("measure --year tyve --quarter 2 --format json", "--year skal være et helt tal fra 2000 til 2100, ikke 'tyve'.")]
    [InlineData("measure --year 2023 --quarter 0 --format json", "--quarter skal være et helt tal fra 1 til 4, ikke '0'.")]
    [InlineData("measure --year 2023 --quarter 5 --format json", "--quarter skal være et helt tal fra 1 til 4, ikke '5'.")]
    [InlineData("measure --year 2023 --quarter 2 --format pdf", "--format skal være en af json, csv, xlsx, ikke 'pdf'.")]
    public async Task Bad_input_exits_1_with_a_Danish_message_and_the_usage(string commandLine, string message)
    {
        var (exitCode, output, error) = await Verb.RunAsync(Split(commandLine));

        Assert.Equal(CommandLine.BadInput, exitCode);
        Assert.StartsWith(message + Environment.NewLine, error);
        Assert.Contains("Brug: BoligSocialt.App measure [tilvalg]", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Help_names_the_options_and_that_year_and_quarter_must_be_given()
    {
        var (exitCode, output, error) = await Verb.RunAsync("measure", "--help");

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Equal("", error);
        Assert.Contains("--year N", output);
        Assert.Contains("(2000-2100, skal angives)", output);
        Assert.Contains("--quarter N", output);
        Assert.Contains("(1-4, skal angives)", output);
        Assert.Contains("(json | csv | xlsx)", output);
        Assert.Contains("--output <fil>", output);
        Assert.Contains("--database <sti>", output);
    }
}
