using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Tests.Support;
using MiniExcelLibs;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// The measurement's files from hand-built figures: the JSON contract of docs/MEASUREMENT_EXPORT.md, the CSV as Danish
/// Excel reads it, and the spreadsheet read back with MiniExcel.
/// </summary>
public sealed partial class MeasurementExportTests
{
    private static readonly MeasurementExportLabels Labels = new(
        [new("GoalsReached", "Mål nået"), new("ResidentEnded", "Beboeren har afsluttet"), new("NoContact", "Ingen kontakt")],
        [new("ThreePartyMeeting", "3-partssamtale"), new("NetworkMeeting", "Netværksmøde"), new("FollowUp", "Opfølgning")],
        [new("Conversation", "Samtale"), new("ThreePartyMeeting", "3-partssamtale"), new("FollowUp", "Opfølgning"), new("Event", "Arrangement"), new("PhoneCall", "Telefonopfølgning")],
        [new("Internship", "Praktikplads"), new("OrdinaryJob", "Ordinært arbejde"), new("Volunteering", "Frivilligt arbejde")]);

    private static readonly string[] Sheets = ["Indikatorer", "Aktiviteter", "Afsluttede forløb", "Møder", "Logbog", "Resultater"];

    /// <summary>Two activities (one with an anonymous event only), three indicator rows: with and without a reference figure.</summary>
    private static DeliveryMeasurement Sample() => new(
        2023, 2, new DateOnly(2023, 4, 1), new DateOnly(2023, 6, 30),
        [
            new IndicatorRow(Indicator.EmploymentOrEducation, "Vollsmose", "18-29", 5, 12, 7, 20),
            new IndicatorRow(Indicator.EmploymentOrEducation, "Korslokken", "other", 1, 1, 1, null),
            new IndicatorRow(Indicator.Volunteering, "Rising", "all", 0, 3, 2, 8),
        ],
        [
            new ActivityFigures("BMJ", 4, 4, 2.5, 3, 17,
                new Dictionary<string, int> { ["GoalsReached"] = 2, ["NoContact"] = 1 },
                new Dictionary<string, int> { ["ThreePartyMeeting"] = 3, ["FollowUp"] = 21 },
                new Dictionary<string, int> { ["Conversation"] = 40, ["FollowUp"] = 21, ["PhoneCall"] = 12, ["ThreePartyMeeting"] = 3 },
                25, 0,
                new Dictionary<string, int> { ["Internship"] = 1, ["OrdinaryJob"] = 2 })
            {
                ActivityName = "Beskæftigelsesmentor for jobparate",
                FocusArea = "Beskæftigelse",
            },
            new ActivityFigures("NAB", 0, 0, null, 0, 0,
                new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int> { ["Event"] = 2 }, 0, 140,
                new Dictionary<string, int>())
            {
                ActivityName = "Naboskab; fællesskab",
                FocusArea = "Sammenhængskraft og medborgerskab",
            },
        ])
    {
        AreaNames = new Dictionary<string, string> { ["Vollsmose"] = "Vollsmose", ["Korslokken"] = "Korsløkken", ["Rising"] = "Rising" },
    };

    private static MeasurementExport Export() => new(Sample(), Labels);

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

    [Fact]
    public void Json_has_exactly_the_fields_of_the_contract_with_dates_enums_nulls_and_codes_as_it_says()
    {
        using var json = JsonDocument.Parse(Export().Json());
        var root = json.RootElement;

        Assert.Equal(["year", "quarter", "from", "to", "indicators", "activities"], Names(root));
        Assert.Equal(2023, root.GetProperty("year").GetInt32());
        Assert.Equal(2, root.GetProperty("quarter").GetInt32());
        Assert.Equal("2023-04-01", root.GetProperty("from").GetString());
        Assert.Equal("2023-06-30", root.GetProperty("to").GetString());

        var indicators = root.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(3, indicators.Count);
        Assert.All(indicators, row => Assert.Equal(
            ["indicator", "area", "ageBand", "newThisQuarter", "yearToDate", "firstTimeInPlan", "baselinePerYear"], Names(row)));
        Assert.Equal(["EmploymentOrEducation", "EmploymentOrEducation", "Volunteering"], indicators.Select(r => r.GetProperty("indicator").GetString()));
        Assert.Equal(["18-29", "other", "all"], indicators.Select(r => r.GetProperty("ageBand").GetString()));
        Assert.Equal(["Vollsmose", "Korslokken", "Rising"], indicators.Select(r => r.GetProperty("area").GetString()));
        Assert.Equal(20, indicators[0].GetProperty("baselinePerYear").GetInt32());
        Assert.Equal(JsonValueKind.Null, indicators[1].GetProperty("baselinePerYear").ValueKind);

        var activities = root.GetProperty("activities").EnumerateArray().ToList();
        Assert.All(activities, a => Assert.Equal(
            ["activity", "referralsReceived", "referralsAllocated", "medianDaysToAllocation", "casesOpened", "casesActiveAtEnd",
             "casesClosed", "meetings", "logbookEntries", "distinctResidents", "headCount", "outcomes"], Names(a)));
        Assert.Equal(2.5, activities[0].GetProperty("medianDaysToAllocation").GetDouble());
        Assert.Equal(JsonValueKind.Null, activities[1].GetProperty("medianDaysToAllocation").ValueKind);
        // Dictionaries are objects keyed by the catalogue's codes, as they are (no camelCase).
        Assert.Equal(2, activities[0].GetProperty("casesClosed").GetProperty("GoalsReached").GetInt32());
        Assert.Equal(21, activities[0].GetProperty("meetings").GetProperty("FollowUp").GetInt32());
        Assert.Equal(JsonValueKind.Object, activities[1].GetProperty("casesClosed").ValueKind);
        Assert.Empty(activities[1].GetProperty("casesClosed").EnumerateObject());
        Assert.Equal(140, activities[1].GetProperty("headCount").GetInt32());
    }

    [Fact]
    public void Json_leaves_out_the_display_names()
    {
        var json = Export().Json();

        Assert.DoesNotContain("Beskæftigelsesmentor", json);
        Assert.DoesNotContain("Korsløkken", json);
        Assert.DoesNotContain("activityName", json);
        Assert.DoesNotContain("focusArea", json);
        Assert.DoesNotContain("areaNames", json);
    }

    [Fact]
    public void Json_of_the_documents_example_figures_is_the_documents_example()
    {
        var documented = JsonNode.Parse(DocumentedExample());
        var measurement = new DeliveryMeasurement(2023, 2, new DateOnly(2023, 4, 1), new DateOnly(2023, 6, 30),
            [new IndicatorRow(Indicator.EmploymentOrEducation, "Vollsmose", "18-29", 5, 12, 7, 20)],
            [
                new ActivityFigures("BMJ", 4, 4, 2, 3, 17,
                    new Dictionary<string, int> { ["GoalsReached"] = 2, ["NoContact"] = 1 },
                    new Dictionary<string, int> { ["ThreePartyMeeting"] = 3, ["FollowUp"] = 21 },
                    new Dictionary<string, int> { ["Conversation"] = 40, ["PhoneCall"] = 12 },
                    25, 0,
                    new Dictionary<string, int> { ["OrdinaryJob"] = 2, ["Internship"] = 1 }),
            ]);

        var exported = JsonNode.Parse(MeasurementExport.Json(measurement));

        Assert.True(JsonNode.DeepEquals(documented, exported), $"documented:\n{documented}\nexported:\n{exported}");
    }

    [Fact]
    public void Json_is_indented()
    {
        var json = Export().Json();

        Assert.StartsWith("{" + Environment.NewLine + "  \"year\": 2023,", json);
    }

    [Fact]
    public void Csv_is_UTF8_with_a_byte_order_mark_and_semicolons_under_Danish_headers()
    {
        var bytes = Export().Csv();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Leverancemåling 2. kvartal 2023 (01-04-2023 – 30-06-2023)", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal("Unikke beboere med resultater", lines[2]);
        Assert.Equal("Indikator;Områdekode;Område;Aldersgruppe;Nye i kvartalet;År til dato;Første gang i planen;Referencetal pr. år;Fremdrift i % af referencetal", lines[3]);
        Assert.Equal("Job eller uddannelse;Vollsmose;Vollsmose;18-29 år;5;12;7;20;60", lines[4]);
        // No reference figure: the cells are empty, not 0.
        Assert.Equal("Job eller uddannelse;Korslokken;Korsløkken;Andre aldre;1;1;1;;", lines[5]);
        // 3 of 8 is 37,5 %: a Danish decimal comma.
        Assert.Equal("Frivilligt arbejde;Rising;Rising;Alle;0;3;2;8;37,5", lines[6]);
    }

    [Fact]
    public void Csv_has_the_pages_tables_one_after_another_under_their_titles_with_the_kinds_as_columns()
    {
        var lines = Encoding.UTF8.GetString(Export().Csv()[3..]).Split("\r\n");

        var titles = lines.Select((line, i) => (line, i)).Where(x => x.i > 0 && lines[x.i - 1] == "" && x.line != "").Select(x => x.line).ToList();
        Assert.Equal(["Unikke beboere med resultater", "Aktiviteter", "Afsluttede forløb efter årsag", "Møder holdt", "Logbogsindførsler efter type", "Resultater efter type"], titles);

        Assert.Contains("Aktivitetskode;Aktivitet;Indsatsområde;Henvisninger modtaget;Henvisninger fordelt;Median dage til fordeling;Forløb startet;Aktive forløb ved kvartalets slutning;Forskellige beboere nået;Deltagere uden navn (antal)", lines);
        Assert.Contains("BMJ;Beskæftigelsesmentor for jobparate;Beskæftigelse;4;4;2,5;3;17;25;0", lines);
        // A field with the separator in it is quoted; no median is an empty cell.
        Assert.Contains("NAB;\"Naboskab; fællesskab\";Sammenhængskraft og medborgerskab;0;0;;0;0;0;140", lines);

        // Every kind of the catalogue's list is a column, in its order, whether it occurred or not; a total at the end.
        Assert.Contains("Aktivitetskode;Aktivitet;Mål nået;Beboeren har afsluttet;Ingen kontakt;I alt", lines);
        Assert.Contains("BMJ;Beskæftigelsesmentor for jobparate;2;0;1;3", lines);
        Assert.Contains("Aktivitetskode;Aktivitet;3-partssamtale;Netværksmøde;Opfølgning;I alt", lines);
        Assert.Contains("BMJ;Beskæftigelsesmentor for jobparate;3;0;21;24", lines);
        Assert.Contains("Aktivitetskode;Aktivitet;Samtale;3-partssamtale;Opfølgning;Arrangement;Telefonopfølgning;I alt", lines);
        Assert.Contains("NAB;\"Naboskab; fællesskab\";0;0;0;2;0;2", lines);
        Assert.Contains("Aktivitetskode;Aktivitet;Praktikplads;Ordinært arbejde;Frivilligt arbejde;I alt", lines);
        Assert.Contains("BMJ;Beskæftigelsesmentor for jobparate;1;2;0;3", lines);
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public void Csv_escapes_a_field_that_a_spreadsheet_would_run_as_a_formula()
    {
        var measurement = Sample() with { Activities = [Sample().Activities[0] with { ActivityName = "=HYPERLINK(\"x\")" }] };

        var text = Encoding.UTF8.GetString(new MeasurementExport(measurement, Labels).Csv());

        Assert.DoesNotContain(";=HYPERLINK", text);
        Assert.DoesNotContain(";\"=HYPERLINK", text);
    }

    [Fact]
    public void A_code_the_catalogue_does_not_know_gets_a_column_named_by_its_code()
    {
        var activity = Sample().Activities[0] with { Outcomes = new Dictionary<string, int> { ["OrdinaryJob"] = 1, ["Apprenticeship"] = 4 } };
        var export = new MeasurementExport(Sample() with { Activities = [activity] }, Labels);

        var outcomes = export.Tables.Single(t => t.Key == MeasurementTable.Outcomes);

        Assert.Equal(["Aktivitetskode", "Aktivitet", "Praktikplads", "Ordinært arbejde", "Frivilligt arbejde", "Apprenticeship", "I alt"],
            outcomes.Columns.Select(c => c.Header));
        Assert.Equal(["BMJ", "Beskæftigelsesmentor for jobparate", 0, 1, 0, 4, 5], Assert.Single(outcomes.Rows));
    }

    [Fact]
    public void Xlsx_has_one_sheet_per_table_with_Danish_headers_names_and_codes_and_numbers_as_numbers()
    {
        using var file = new MemoryStream(Export().Xlsx());

        Assert.Equal(Sheets, MiniExcel.GetSheetNames(file));

        var indicators = Rows(file, "Indikatorer");
        Assert.Equal(["Indikator", "Områdekode", "Område", "Aldersgruppe", "Nye i kvartalet", "År til dato", "Første gang i planen", "Referencetal pr. år", "Fremdrift i % af referencetal"],
            indicators[0].Keys);
        Assert.Equal(3, indicators.Count);
        Assert.Equal("Job eller uddannelse", indicators[0]["Indikator"]);
        Assert.Equal("Korslokken", indicators[1]["Områdekode"]);
        Assert.Equal("Korsløkken", indicators[1]["Område"]);
        Assert.Equal("Andre aldre", indicators[1]["Aldersgruppe"]);
        Assert.Equal(5d, indicators[0]["Nye i kvartalet"]);
        Assert.Equal(12d, indicators[0]["År til dato"]);
        Assert.Equal(20d, indicators[0]["Referencetal pr. år"]);
        Assert.Equal(60d, indicators[0]["Fremdrift i % af referencetal"]);
        Assert.Null(indicators[1]["Referencetal pr. år"]);
        Assert.Equal(37.5, indicators[2]["Fremdrift i % af referencetal"]);

        var activities = Rows(file, "Aktiviteter");
        Assert.Equal(["BMJ", "NAB"], activities.Select(a => a["Aktivitetskode"]));
        Assert.Equal("Beskæftigelsesmentor for jobparate", activities[0]["Aktivitet"]);
        Assert.Equal(2.5, activities[0]["Median dage til fordeling"]);
        Assert.Null(activities[1]["Median dage til fordeling"]);
        Assert.Equal(17d, activities[0]["Aktive forløb ved kvartalets slutning"]);
        Assert.Equal(140d, activities[1]["Deltagere uden navn (antal)"]);

        var closed = Rows(file, "Afsluttede forløb");
        Assert.Equal(["Aktivitetskode", "Aktivitet", "Mål nået", "Beboeren har afsluttet", "Ingen kontakt", "I alt"], closed[0].Keys);
        Assert.Equal([2d, 0d, 1d, 3d], closed[0].Values.Skip(2));
        var entries = Rows(file, "Logbog");
        Assert.Equal(40d, entries[0]["Samtale"]);
        Assert.Equal(2d, entries[1]["Arrangement"]);
        Assert.Equal(3d, Rows(file, "Resultater")[0]["I alt"]);
        Assert.Equal(24d, Rows(file, "Møder")[0]["I alt"]);
    }

    [Fact]
    public void Xlsx_of_a_quarter_without_figures_still_has_every_sheet_with_its_headers()
    {
        var empty = new DeliveryMeasurement(2030, 1, new DateOnly(2030, 1, 1), new DateOnly(2030, 3, 31), [], []);
        using var file = new MemoryStream(new MeasurementExport(empty, Labels).Xlsx());

        Assert.Equal(Sheets, MiniExcel.GetSheetNames(file));
        file.Position = 0;
        var header = Assert.Single(MiniExcel.Query(file, useHeaderRow: false, sheetName: "Indikatorer").Cast<IDictionary<string, object?>>());
        Assert.Equal("Indikator", header["A"]);
    }

    [Fact]
    public void The_files_are_named_by_year_and_quarter()
    {
        Assert.Equal("leverancemaaling-2023-kvartal-2.xlsx", MeasurementExport.FileName(2023, 2, MeasurementFormat.Xlsx));
        Assert.Equal("leverancemaaling-2023-kvartal-2.csv", MeasurementExport.FileName(2023, 2, MeasurementFormat.Csv));
        Assert.Equal(MeasurementFormat.Json, MeasurementExport.ParseFormat("JSON"));
        Assert.Null(MeasurementExport.ParseFormat("pdf"));
    }

    [Fact]
    public void The_measurement_holds_figures_and_codes_only_nothing_that_names_or_identifies_a_person()
    {
        Type[] types = [typeof(DeliveryMeasurement), typeof(IndicatorRow), typeof(ActivityFigures)];
        var properties = types.SelectMany(t => t.GetProperties()).ToList();

        Assert.DoesNotContain(properties, p => p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?));
        Assert.DoesNotContain(properties, p => p.PropertyType == typeof(DateTime) || p.PropertyType == typeof(DateTimeOffset));
        // The only text: codes, and the catalogue's names of activities, focus areas and areas.
        Assert.Equal(["Activity", "ActivityName", "AgeBand", "Area", "FocusArea"],
            properties.Where(p => p.PropertyType == typeof(string)).Select(p => p.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_labels_are_the_catalogues_names_in_its_order_and_the_meetings_are_the_measurements_meeting_kinds()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        var labels = await MeasurementExportLabels.LoadAsync(db);

        Assert.Equal(new MeasurementTerm("GoalsReached", "Mål nået"), labels.ClosureReasons[0]);
        Assert.Equal(Enum.GetNames<ClosureReason>(), labels.ClosureReasons.Select(t => t.Code));
        Assert.Equal(Enum.GetNames<LogbookEntryKind>(), labels.LogbookEntryKinds.Select(t => t.Code));
        Assert.Equal(Enum.GetNames<OutcomeKind>(), labels.OutcomeKinds.Select(t => t.Code));
        Assert.Equal(["3-partssamtale", "Netværksmøde", "Opfølgning"], labels.MeetingKinds.Select(t => t.Name));
        Assert.Equal(DeliveryMeasurementService.MeetingKinds.Select(k => k.ToString()), labels.MeetingKinds.Select(t => t.Code));
    }

    private static List<IDictionary<string, object?>> Rows(Stream file, string sheet)
    {
        file.Position = 0;
        return MiniExcel.Query(file, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>The ```json block of docs/MEASUREMENT_EXPORT.md, found from this source file's place in the repository.</summary>
    private static string DocumentedExample([CallerFilePath] string thisFile = "")
    {
        var document = Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "docs", "MEASUREMENT_EXPORT.md");
        var match = JsonBlock().Match(File.ReadAllText(document));
        Assert.True(match.Success, "docs/MEASUREMENT_EXPORT.md has no ```json block");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("```json\\s*\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
