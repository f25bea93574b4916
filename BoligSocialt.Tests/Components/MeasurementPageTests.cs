using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace BoligSocialt.Tests.Components;

/// <summary>The measurement page over the real services and a temporary SQLite database.</summary>
public sealed class MeasurementPageTests : MudTestContext
{
    private TestDatabase _db = null!;

    public override async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private static (int Year, int Quarter) LastCompleteQuarter => DeliveryMeasurementService.LastCompleteQuarter(Scenario.Today);

    private async Task<Actor> SignInAsync(StaffRoles roles, string? team = null)
    {
        var actor = await _db.AddStaffAsync("Peter Dahl", roles, team);
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(actor));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<DeliveryMeasurementService>();
        Services.AddScoped<MeasurementExportService>();
        return actor;
    }

    private static IRenderedComponent<MudSelect<int>> Select(IRenderedComponent<MeasurementPage> cut, string testId) =>
        cut.FindComponents<MudSelect<int>>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);

    private static async Task ChooseAsync(IRenderedComponent<MeasurementPage> cut, int year, int quarter)
    {
        var years = Select(cut, "year");
        await cut.InvokeAsync(() => years.Instance.ValueChanged.InvokeAsync(year));
        var quarters = Select(cut, "quarter");
        await cut.InvokeAsync(() => quarters.Instance.ValueChanged.InvokeAsync(quarter));
        cut.WaitForAssertion(() => Assert.StartsWith($"{quarter}. kvartal {year}", cut.Find("[data-testid=period]").TextContent));
    }

    private static List<List<string>> Cells(IRenderedComponent<MeasurementPage> cut, string table) =>
        cut.FindAll($"[data-testid=table-{table}] [data-testid=row]")
            .Select(row => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .ToList();

    private static List<string> Headers(IRenderedComponent<MeasurementPage> cut, string table) =>
        cut.FindAll($"[data-testid=table-{table}] th").Select(th => th.TextContent.Trim()).ToList();

    [Fact]
    public async Task It_opens_with_the_last_complete_quarter_and_offers_its_three_files()
    {
        await SignInAsync(StaffRoles.Analyst);
        var (year, quarter) = LastCompleteQuarter;

        var cut = Render<MeasurementPage>();

        cut.WaitForElement("[data-testid=period]");
        Assert.Equal(year, Select(cut, "year").Instance.GetState(x => x.Value));
        Assert.Equal(quarter, Select(cut, "quarter").Instance.GetState(x => x.Value));
        Assert.StartsWith($"{quarter}. kvartal {year} · ", cut.Find("[data-testid=period]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=incomplete]"));
        Assert.Equal($"/leverancemaaling/{year}/{quarter}.xlsx", cut.Find("[data-testid=download-xlsx]").GetAttribute("href"));
        Assert.Equal($"leverancemaaling-{year}-kvartal-{quarter}.xlsx", cut.Find("[data-testid=download-xlsx]").GetAttribute("download"));
        Assert.Equal($"/leverancemaaling/{year}/{quarter}.csv", cut.Find("[data-testid=download-csv]").GetAttribute("href"));
        Assert.Equal($"/leverancemaaling/{year}/{quarter}.json", cut.Find("[data-testid=download-json]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_indicators_show_with_Danish_names_their_progress_and_a_chart_of_year_to_date_against_the_reference()
    {
        await SignInAsync(StaffRoles.Analyst);
        var cut = Render<MeasurementPage>();
        cut.WaitForElement("[data-testid=period]");

        await ChooseAsync(cut, 2023, 2);

        Assert.Equal(["Indikator", "Område", "Aldersgruppe", "Nye i kvartalet", "År til dato", "Første gang i planen", "Referencetal pr. år", "Fremdrift i % af referencetal"],
            Headers(cut, MeasurementTable.Indicators));
        var rows = Cells(cut, MeasurementTable.Indicators);
        // The 2021-2024 plan's twelve reference figures, each a row although nobody counts in it.
        Assert.Equal(12, rows.Count);
        Assert.Contains(["Job eller uddannelse", "Korsløkken", "18-29 år", "0", "0", "0", "8", "0 %"], rows);
        Assert.Contains(["Frivilligt arbejde", "Vollsmose", "Alle", "0", "0", "0", "25", "0 %"], rows);
        Assert.DoesNotContain(rows, r => r.Contains("Korslokken"));
        var chart = cut.Find("[data-testid=progress-chart]");
        Assert.Equal("12", chart.GetAttribute("data-bars"));
        Assert.NotEmpty(chart.QuerySelectorAll("svg"));
        Assert.Contains(MeasurementChart.YearToDate, chart.TextContent);
        Assert.Contains(MeasurementChart.Reference, chart.TextContent);
        Assert.Contains("Korsløkken · Job/udd. 18-29 år", chart.TextContent);
    }

    [Fact]
    public async Task The_activities_tables_show_every_figure_with_the_catalogues_Danish_names()
    {
        await SignInAsync(StaffRoles.Analyst);
        var mentor = await _db.AddStaffAsync("Mette Mentor", StaffRoles.Mentor, "Team1");
        var amina = await Scenario.AddResidentAsync(_db, "Amina Hussein");
        var closed = await Scenario.AddCaseAsync(_db, amina.Id, Scenario.Team1Mentoring, mentor.StaffMemberId, (c, _) =>
            c.Close(new DateOnly(2025, 3, 20), ClosureReason.GoalsReached, new Dictionary<Guid, GoalStatus>(), true, null, Scenario.Today));
        await Scenario.AddLogbookEntryAsync(_db, mentor.StaffMemberId, Scenario.Team1Mentoring, [amina.Id], new DateOnly(2025, 3, 12),
            LogbookEntryKind.FollowUp, caseId: closed.Id);
        var cut = Render<MeasurementPage>();
        cut.WaitForElement("[data-testid=period]");

        await ChooseAsync(cut, 2025, 1);

        Assert.Equal(["Aktivitet", "Indsatsområde", "Henvisninger modtaget", "Henvisninger fordelt", "Median dage til fordeling", "Forløb startet",
            "Aktive forløb ved kvartalets slutning", "Forskellige beboere nået", "Deltagere uden navn (antal)"], Headers(cut, MeasurementTable.Activities));
        string activity;
        await using (var db = _db.CreateDbContext())
            activity = await db.Activities.Where(a => a.Code == Scenario.Team1Mentoring).Select(a => a.Name).SingleAsync();
        Assert.Contains([activity, "Beskæftigelse", "1", "1", "2", "1", "0", "1", "0"], Cells(cut, MeasurementTable.Activities));

        Assert.Equal(["Aktivitet", "Mål nået", "Beboeren har afsluttet", "Ingen kontakt", "Fraflyttet", "Overgået til andet tilbud", "Andet", "I alt"],
            Headers(cut, MeasurementTable.Closed));
        Assert.Contains([activity, "1", "0", "0", "0", "0", "0", "1"], Cells(cut, MeasurementTable.Closed));
        Assert.Equal(["Aktivitet", "3-partssamtale", "Netværksmøde", "Opfølgning", "I alt"], Headers(cut, MeasurementTable.Meetings));
        Assert.Contains([activity, "0", "0", "1", "1"], Cells(cut, MeasurementTable.Meetings));
        Assert.Contains("Telefonopfølgning", Headers(cut, MeasurementTable.LogbookEntries));
        Assert.Equal(["Aktivitet", "Praktikplads", "Løntilskud", "Ordinært arbejde", "Påbegyndt uddannelse", "Fritidsjob", "Frivilligt arbejde", "I alt"],
            Headers(cut, MeasurementTable.Outcomes));
        // Figures only: the resident the figures count is nowhere on the page.
        Assert.DoesNotContain("Amina", cut.Markup);
        Assert.DoesNotContain(amina.Id.ToString(), cut.Markup);
    }

    [Fact]
    public async Task A_quarter_not_yet_ended_is_shown_as_preliminary()
    {
        await SignInAsync(StaffRoles.TeamLeader, "Team1");
        var cut = Render<MeasurementPage>();
        cut.WaitForElement("[data-testid=period]");
        var today = Scenario.Today;

        await ChooseAsync(cut, today.Year, (today.Month - 1) / 3 + 1);

        Assert.Contains("Kvartalet er ikke slut endnu", cut.Find("[data-testid=incomplete]").TextContent);
    }

    [Fact]
    public async Task A_mentor_who_opens_the_address_gets_not_found_and_no_figures()
    {
        await SignInAsync(StaffRoles.Mentor, "Team1");

        var cut = Render<MeasurementPage>();

        cut.WaitForElement("[data-testid=not-found]");
        Assert.Empty(cut.FindAll("[data-testid=period]"));
        Assert.Empty(cut.FindAll("[data-testid^=table-]"));
    }
}
