using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BoligSocialt.Tests.Components;

/// <summary>
/// The page of the logbook's files over the real services and a temporary SQLite database: the import shows what a
/// file adds (or every error) before anything is saved, and saves only when confirmed; leaders get the export form.
/// </summary>
public sealed class LogbookImportPageTests : MudTestContext
{
    private TestDatabase _db = null!;

    public override async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private async Task<IRenderedComponent<LogbookImportPage>> RenderAsAsync(StaffRoles roles)
    {
        var actor = await _db.AddStaffAsync("Lone Leder", roles, roles == StaffRoles.Administrator ? null : "Team1");
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(actor));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<LogbookImportService>();
        Services.AddScoped<LogbookExportService>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Lone Leder");
        auth.SetRoles([.. roles.Split().Select(r => r.ToString())]);
        auth.SetPolicies(SignIn.StaffPolicyName);
        return Render<LogbookImportPage>();
    }

    private static void Choose(IRenderedComponent<LogbookImportPage> cut, string text, string name = "logbog.csv") =>
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, name));

    private async Task<int> EntryCountAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.LogbookEntries.CountAsync();
    }

    private static readonly string GoodFile = LogbookFiles.File(
        LogbookFiles.Line(staff: "Lone Leder"),
        LogbookFiles.Line(staff: "Lone Leder", date: "2025-03-11", result: "Praktikplads"),
        LogbookFiles.Event(staff: "Jens Vikar"));

    [Fact]
    public async Task A_chosen_file_is_summed_up_before_anything_is_saved_and_saved_when_confirmed()
    {
        var cut = await RenderAsAsync(StaffRoles.TeamLeader);
        var before = await LogbookFiles.RowCountsAsync(_db);

        Choose(cut, GoodFile);

        cut.WaitForAssertion(() => Assert.Contains("logbog.csv er gennemgået uden fejl. Intet er gemt endnu", cut.Find("[data-testid=import-preview]").TextContent));
        var summary = cut.FindAll("[data-testid=import-summary-line]").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Nye logbogsindførsler: 3", summary);
        Assert.Contains("Nye beboere: 1", summary);
        Assert.Contains("Resultater: 1", summary);
        Assert.Contains("Nye inaktive medarbejdere: 1 (Jens Vikar)", summary);
        Assert.Equal(before, await LogbookFiles.RowCountsAsync(_db));

        await cut.Find("[data-testid=import-confirm]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("logbog.csv er importeret.", cut.Find("[data-testid=import-done]").TextContent));
        Assert.Equal(3, await EntryCountAsync());
        Assert.Empty(cut.FindAll("[data-testid=import-confirm]"));
    }

    [Fact]
    public async Task A_file_with_errors_lists_every_error_in_a_table_offers_no_import_and_saves_nothing()
    {
        var cut = await RenderAsAsync(StaffRoles.Administrator);

        Choose(cut, LogbookFiles.File(LogbookFiles.Line(activity: "XYZ"), LogbookFiles.Event(), LogbookFiles.Line(date: "31-02-2023")));

        cut.WaitForAssertion(() => Assert.Contains("Intet er importeret. logbog.csv har 2 fejl", cut.Find("[data-testid=import-refused]").TextContent));
        var rows = cut.FindAll("[data-testid=import-errors] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(
        [
            ["2", "aktivitet", "Ukendt aktivitet 'XYZ'. Forventet en kode fra kataloget (fx BMJ, UBMJ) eller aktivitetens præcise navn."],
            ["4", "dato", "Datoen 31-02-2023 findes ikke: februar 2023 har 28 dage."],
        ], rows);
        Assert.Empty(cut.FindAll("[data-testid=import-confirm]"));
        Assert.Equal(0, await EntryCountAsync());
    }

    [Fact]
    public async Task The_import_checks_the_file_again_when_confirmed()
    {
        var cut = await RenderAsAsync(StaffRoles.TeamLeader);
        Choose(cut, GoodFile);
        cut.WaitForElement("[data-testid=import-confirm]");
        // Between the preview and the confirmation a second "Lone Leder" is added: the file's staff member is now ambiguous.
        await using (var db = _db.CreateDbContext())
        {
            db.StaffMembers.Add(new StaffMember("Lone Leder", "lone.leder@boligsocialt.dk", StaffRoles.Analyst, null));
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        await cut.Find("[data-testid=import-confirm]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=import-errors] tbody tr").Count));
        Assert.All(cut.FindAll("[data-testid=import-error-column]"), c => Assert.Equal("medarbejder", c.TextContent.Trim()));
        Assert.Equal(0, await EntryCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_in_Danish_without_being_read()
    {
        var cut = await RenderAsAsync(StaffRoles.TeamLeader);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[LegacyLogbookReader.MaxFileBytes + 1], "stor.csv"));

        cut.WaitForAssertion(() => Assert.Equal("Filen er for stor (100,1 MB). Den må højst være 100 MB: del logbogen i flere filer.",
            cut.Find("[data-testid=import-error-message]").TextContent.Trim()));
        Assert.DoesNotContain("exceeds", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=import-confirm]"));
    }

    [Fact]
    public async Task A_file_already_imported_adds_nothing_and_is_not_offered_for_import()
    {
        await using (var db = _db.CreateDbContext())
            Assert.True((await LogbookImport.RunAsync(db, LogbookFiles.Stream(LogbookFiles.File(LogbookFiles.Event())), "test", true, DateTimeOffset.Now)).Succeeded);
        var cut = await RenderAsAsync(StaffRoles.TeamLeader);

        Choose(cut, LogbookFiles.File(LogbookFiles.Event()));

        cut.WaitForAssertion(() => Assert.Equal("Filen tilføjer intet nyt: alle dens linjer er allerede importeret.", cut.Find("[data-testid=import-nothing-new]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=import-confirm]"));
    }

    [Fact]
    public async Task A_team_leader_sees_the_import_and_the_export_an_administrator_the_import_the_head_the_export()
    {
        var leader = await RenderAsAsync(StaffRoles.TeamLeader);
        Assert.Single(leader.FindAll("[data-testid=import-section]"));
        leader.WaitForAssertion(() => Assert.Single(leader.FindAll("[data-testid=export-download]")));

        await using var other = new OtherContext();
        var admin = await other.RenderAsAsync(_db, StaffRoles.Administrator);
        Assert.Single(admin.FindAll("[data-testid=import-section]"));
        Assert.Empty(admin.FindAll("[data-testid=export-section]"));

        await using var third = new OtherContext();
        var head = await third.RenderAsAsync(_db, StaffRoles.Head);
        Assert.Empty(head.FindAll("[data-testid=import-section]"));
        head.WaitForAssertion(() => Assert.Single(head.FindAll("[data-testid=export-download]")));
    }

    /// <summary>A second rendering context for another signed-in role on the same database.</summary>
    private sealed class OtherContext : MudTestContext
    {
        public async Task<IRenderedComponent<LogbookImportPage>> RenderAsAsync(TestDatabase db, StaffRoles roles)
        {
            var actor = await db.AddStaffAsync(roles.ToString(), roles, roles == StaffRoles.Administrator ? null : "Team2");
            Services.AddSingleton<IDbContextFactory<AppDbContext>>(db);
            Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(actor));
            Services.AddSingleton(TimeProvider.System);
            Services.AddScoped<LogbookImportService>();
            Services.AddScoped<LogbookExportService>();
            var auth = AddAuthorization();
            auth.SetAuthorized(roles.ToString());
            auth.SetRoles(roles.ToString());
            auth.SetPolicies(SignIn.StaffPolicyName);
            return Render<LogbookImportPage>();
        }
    }

    [Fact]
    public async Task The_export_link_asks_for_the_chosen_period_and_activity_and_a_reversed_period_is_refused()
    {
        var cut = await RenderAsAsync(StaffRoles.TeamLeader);
        var today = DateOnly.FromDateTime(DateTime.Today);
        var link = cut.WaitForElement("[data-testid=export-download]");
        Assert.Equal($"/logbog/eksport?fra={today.Year}-01-01&til={today:yyyy-MM-dd}", link.GetAttribute("href"));
        Assert.Equal($"logbog-{today.Year}-01-01-{today:yyyy-MM-dd}.csv", link.GetAttribute("download"));

        var activity = cut.FindComponents<MudSelect<string>>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "export-activity");
        // The leader's own team's activities only: UBMJ is Team 1's, KFN24 Team 2's.
        var items = cut.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value).ToList();
        Assert.Contains("UBMJ", items);
        Assert.DoesNotContain("KFN24", items);
        await cut.InvokeAsync(() => activity.Instance.ValueChanged.InvokeAsync("UBMJ"));
        cut.WaitForAssertion(() => Assert.Equal($"/logbog/eksport?fra={today.Year}-01-01&til={today:yyyy-MM-dd}&aktivitet=UBMJ",
            cut.Find("[data-testid=export-download]").GetAttribute("href")));

        var to = cut.FindComponents<MudDatePicker>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "export-to");
        await cut.InvokeAsync(() => to.Instance.DateChanged.InvokeAsync(new DateTime(today.Year - 1, 12, 31)));

        cut.WaitForAssertion(() => Assert.Equal("Perioden skal begynde før eller på den dag, den slutter.", cut.Find("[data-testid=export-problem]").TextContent.Trim()));
    }
}
