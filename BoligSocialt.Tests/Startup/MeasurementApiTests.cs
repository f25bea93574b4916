using System.Net;
using System.Text;
using System.Text.Json;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Features.Measurement;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Startup;

/// <summary>
/// The measurement over HTTP in the real app (Development, demo data): the JSON contract for analysts and leaders, the
/// page's downloads, 403 for the other roles, 400 for a bad year or quarter, and no figures for anybody not signed in.
/// </summary>
public sealed class MeasurementApiTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private const string Analyst = "Peter Dahl";
    private const string TeamLeader = "Lone Mikkelsen";
    private const string Head = "Hanne Østergaard";
    private const string Mentor = "Ahmed Hassan";
    private const string Administrator = "Birgit Holm";


    private static (int Year, int Quarter) Quarter => DeliveryMeasurementService.LastCompleteQuarter(DateOnly.FromDateTime(DateTime.Now));

    private async Task<string> ExpectedJsonAsync(int year, int quarter)
    {
        await using var db = app.Host.Db();
        return MeasurementExport.Json(await DeliveryMeasurementService.MeasureAsync(db, year, quarter));
    }

    [Fact]
    public async Task An_analyst_gets_the_quarters_measurement_as_the_JSON_contract()
    {
        var (year, quarter) = Quarter;
        using var client = await app.SignedInClientAsync(Analyst);

        var response = await client.GetAsync($"/api/measurement/{year}/{quarter}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(await ExpectedJsonAsync(year, quarter), body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(year, json.RootElement.GetProperty("year").GetInt32());
        // The demo data has deliveries in the last complete quarter: the figures are not all zero.
        Assert.Contains(json.RootElement.GetProperty("activities").EnumerateArray(), a => a.GetProperty("logbookEntries").EnumerateObject().Any());
    }

    [Theory]
    [InlineData(TeamLeader)]
    [InlineData(Head)]
    public async Task Leaders_get_it_too(string name)
    {
        using var client = await app.SignedInClientAsync(name);

        var response = await client.GetAsync("/api/measurement/2023/2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await ExpectedJsonAsync(2023, 2), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Mentor, "/api/measurement/2023/2")]
    [InlineData(Administrator, "/api/measurement/2023/2")]
    [InlineData(Mentor, "/leverancemaaling/2023/2.xlsx")]
    [InlineData(Administrator, "/leverancemaaling/2023/2.json")]
    // The role is checked before anything else: a mentor learns nothing from a bad quarter either.
    [InlineData(Mentor, "/api/measurement/2023/9")]
    public async Task Other_roles_get_403_with_a_Danish_message_and_no_figures(string name, string url)
    {
        using var client = await app.SignedInClientAsync(name);

        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("Leverancemålingen er for analysemedarbejdere, teamledere og chefen.", problem.RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain("indicators", body);
    }

    [Theory]
    [InlineData("/api/measurement/2023/2")]
    [InlineData("/leverancemaaling/2023/2.xlsx")]
    public async Task Nobody_signed_in_gets_no_figures(string url)
    {
        using var client = app.Host.Client();

        var response = await client.GetAsync(url);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignIn.DevelopmentPath, response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/api/measurement/1999/2", "Året skal være et helt tal fra 2000 til 2100, ikke '1999'.")]
    [InlineData("/api/measurement/tyve/2", "Året skal være et helt tal fra 2000 til 2100, ikke 'tyve'.")]
    [InlineData("/api/measurement/2023/5", "Kvartalet skal være 1, 2, 3 eller 4, ikke '5'.")]
    [InlineData("/api/measurement/2023/-1", "Kvartalet skal være 1, 2, 3 eller 4, ikke '-1'.")]
    [InlineData("/leverancemaaling/2023/0.csv", "Kvartalet skal være 1, 2, 3 eller 4, ikke '0'.")]
    public async Task A_bad_year_or_quarter_is_400_with_a_Danish_message(string url, string message)
    {
        using var client = await app.SignedInClientAsync(Analyst);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_spreadsheet_downloads_under_its_name_and_holds_the_measurements_figures()
    {
        var (year, quarter) = Quarter;
        using var client = await app.SignedInClientAsync(Analyst);

        var response = await client.GetAsync($"/leverancemaaling/{year}/{quarter}.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"leverancemaaling-{year}-kvartal-{quarter}.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(file, useHeaderRow: true, sheetName: "Aktiviteter").Cast<IDictionary<string, object?>>().ToList();
        await using var db = app.Host.Db();
        var measurement = await DeliveryMeasurementService.MeasureAsync(db, year, quarter);
        Assert.Equal(measurement.Activities.Select(a => a.Activity), rows.Select(r => (string?)r["Aktivitetskode"]));
        Assert.Equal(measurement.Activities.Select(a => (object?)(double)a.CasesActiveAtEnd), rows.Select(r => r["Aktive forløb ved kvartalets slutning"]));
    }

    [Fact]
    public async Task The_csv_and_json_download_as_the_exports_make_them()
    {
        using var client = await app.SignedInClientAsync(TeamLeader);

        var csv = await client.GetAsync("/leverancemaaling/2023/2.csv");
        var json = await client.GetAsync("/leverancemaaling/2023/2.json");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("leverancemaaling-2023-kvartal-2.csv", csv.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("Leverancemåling 2. kvartal 2023", Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal("leverancemaaling-2023-kvartal-2.json", json.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(await ExpectedJsonAsync(2023, 2), await json.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_file_format_is_not_found()
    {
        using var client = await app.SignedInClientAsync(Analyst);

        var response = await client.GetAsync("/leverancemaaling/2023/2.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
