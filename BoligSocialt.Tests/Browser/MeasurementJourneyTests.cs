using System.Globalization;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// The delivery measurement in Chromium on a tablet held upright: the demo analyst chooses a quarter, reads its tables
/// and downloads the spreadsheet, which opens with the figures the page shows and the measurement computes.
/// </summary>
[Collection("browser")]
public sealed class MeasurementJourneyTests(AppServer server) : BrowserTest(server)
{
    private const string Analyst = "Peter Dahl";
    private const int TabletWidth = 768;
    private const int TabletHeight = 1024;

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    [Fact]
    public async Task The_analyst_opens_a_quarter_and_downloads_a_spreadsheet_with_the_figures_the_page_shows()
    {
        var (year, quarter) = QuarterBeforeLastComplete();
        var page = await SignInAsAsync(Analyst, TabletWidth, TabletHeight);
        await AppServer.GotoAsync(page, "/leverancemaaling");
        await Expect(page.Locator("[data-testid=period]")).ToBeVisibleAsync();

        await ChooseAsync(page, "year", year.ToString(CultureInfo.InvariantCulture));
        await ChooseAsync(page, "quarter", $"{quarter}. kvartal");

        await Expect(page.Locator("[data-testid=period]")).ToContainTextAsync($"{quarter}. kvartal {year} · ");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= TabletWidth, $"The measurement page scrolls sideways: it is {scrollWidth} px wide.");
        var shown = new Dictionary<string, List<IReadOnlyList<string>>>();
        foreach (var key in TableKeys) shown[key] = await CellsAsync(page, key);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-xlsx]").ClickAsync());

        Assert.Equal($"leverancemaaling-{year}-kvartal-{quarter}.xlsx", download.SuggestedFilename);
        using var file = new MemoryStream();
        await using (var downloaded = await download.CreateReadStreamAsync())
            await downloaded.CopyToAsync(file);
        var expected = await ExpectedAsync(year, quarter);
        file.Position = 0;
        Assert.Equal(expected.Tables.Select(t => t.Sheet), MiniExcel.GetSheetNames(file));
        foreach (var table in expected.Tables)
        {
            file.Position = 0;
            var rows = MiniExcel.Query(file, useHeaderRow: true, sheetName: table.Sheet).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(table.Columns.Select(c => c.Header), rows.Count > 0 ? rows[0].Keys : table.Columns.Select(c => c.Header));
            // The file holds what the measurement computes: numbers as numbers, in the page's order.
            Assert.Equal(table.Rows.Select(r => r.Select(Cell)), rows.Select(r => r.Values.AsEnumerable()));
            // The page shows the same rows, the code columns left out, numbers the Danish way.
            var visible = Enumerable.Range(0, table.Columns.Count).Where(i => table.Columns[i].Kind != MeasurementColumnKind.Code).ToList();
            Assert.Equal(rows.Select(r => visible.Select(i => Displayed(r.Values.ElementAt(i), table.Columns[i].Kind))), shown[table.Key]);
        }
        // The demo data has deliveries in that quarter: the comparison is not one of empty tables.
        Assert.Contains(expected.Measurement.Activities, a => a.LogbookEntries.Count > 0);
    }

    [Fact]
    public async Task A_quarter_of_a_plan_with_reference_figures_shows_the_chart_of_year_to_date_against_them()
    {
        var page = await SignInAsAsync(Analyst, TabletWidth, TabletHeight);
        await AppServer.GotoAsync(page, "/leverancemaaling");
        await Expect(page.Locator("[data-testid=period]")).ToBeVisibleAsync();

        await ChooseAsync(page, "year", "2023");
        await ChooseAsync(page, "quarter", "2. kvartal");

        await Expect(page.Locator("[data-testid=period]")).ToContainTextAsync("2. kvartal 2023 · 01-04-2023 – 30-06-2023");
        var chart = page.Locator("[data-testid=progress-chart]");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveAttributeAsync("data-bars", "12");
        await Expect(chart.Locator("svg").First).ToBeVisibleAsync();
        await Expect(chart).ToContainTextAsync("År til dato");
        await Expect(chart).ToContainTextAsync("Referencetal pr. år");
        await Expect(page.Locator("[data-testid=table-indicators] [data-testid=row]")).ToHaveCountAsync(12);
        await Expect(page.Locator("[data-testid=download-json]")).ToHaveAttributeAsync("href", "/leverancemaaling/2023/2.json");
    }

    private static readonly string[] TableKeys =
        [MeasurementTable.Indicators, MeasurementTable.Activities, MeasurementTable.Closed, MeasurementTable.Meetings, MeasurementTable.LogbookEntries, MeasurementTable.Outcomes];

    /// <summary>The quarter before the last complete one: the demo's logbook covers the last twelve months.</summary>
    private (int Year, int Quarter) QuarterBeforeLastComplete()
    {
        var (year, quarter) = DeliveryMeasurementService.LastCompleteQuarter(Server.Services.GetRequiredService<TimeProvider>().Today());
        return quarter == 1 ? (year - 1, 4) : (year, quarter - 1);
    }

    /// <summary>Opens the MudSelect and picks the option; the select then shows it.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        var select = page.Locator($"[data-testid={testId}]");
        await select.ClickAsync();
        var item = page.Locator(".mud-popover-open [role=option]", new() { HasText = option }).First;
        await Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }

    private static async Task<List<IReadOnlyList<string>>> CellsAsync(IPage page, string table)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in await page.Locator($"[data-testid=table-{table}] [data-testid=row]").AllAsync())
            rows.Add((await row.Locator("td").AllInnerTextsAsync()).Select(text => text.Trim()).ToList());
        return rows;
    }

    /// <summary>The measurement the app computes for the quarter, with the catalogue's names.</summary>
    private async Task<MeasurementExport> ExpectedAsync(int year, int quarter)
    {
        await using var db = await Server.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await MeasurementExport.MeasureAsync(db, year, quarter);
    }

    /// <summary>A cell as MiniExcel reads it back: numbers as doubles.</summary>
    private static object? Cell(object? value) => value is int count ? (double)count : value;

    /// <summary>A cell of the file as the page shows it.</summary>
    private static string Displayed(object? value, MeasurementColumnKind kind) => value switch
    {
        null => "–",
        double number when kind == MeasurementColumnKind.Percent => number.ToString("0.#", Danish) + " %",
        double number => number.ToString("0.#", Danish),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
