using BoligSocialt.App.Data;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// The logbook in Chromium on a tablet held upright: a mentor of the demo data records a conversation with two
/// residents found by search, and the team leader deletes it with a reason. The residents are the test's own, under
/// unique names, in the app's database; the entry is told apart by its unique note.
/// </summary>
[Collection("browser")]
public sealed class LogbookJourneyTests(AppServer server) : BrowserTest(server)
{
    private const string Mentor = "Ahmed Hassan";
    private const string Leader = "Lone Mikkelsen";
    /// <summary>Team 1's mentoring for job-ready residents, of the 2024-2028 plan.</summary>
    private const string Team1Mentoring = "Uddannelses- og beskæftigelsesmentorforløb for jobparate";
    private const int TabletWidth = 768;
    private const int TabletHeight = 1024;

    [Fact]
    public async Task A_mentor_records_a_conversation_with_two_residents_and_the_team_leader_deletes_it_with_a_reason()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var first = $"Logbog Første{suffix}";
        var second = $"Logbog Anden{suffix}";
        var note = $"Samtale om jobsøgning {suffix}";
        await AddResidentAsync(first);
        await AddResidentAsync(second);

        var page = await SignInAsAsync(Mentor, TabletWidth, TabletHeight);
        await AppServer.GotoAsync(page, "/logbog");
        await Expect(page.Locator("[data-testid=entry-save]")).ToBeVisibleAsync();
        await ChooseActivityAsync(page, Team1Mentoring);
        await page.Locator("[data-testid=kind-option][data-kind=Conversation]").ClickAsync();
        await Expect(page.Locator("[data-testid=kind-option][data-kind=Conversation]")).ToHaveAttributeAsync("aria-pressed", "true");
        await ChooseResidentAsync(page, first);
        await ChooseResidentAsync(page, second);
        await Expect(page.Locator("[data-testid=entry-resident]")).ToHaveCountAsync(2);
        var noteField = page.Locator("textarea[data-testid=entry-note]");
        await Expect(noteField).ToBeEnabledAsync();
        await noteField.FillAsync(note);
        await AssertTouchFriendlyAsync(page);

        await page.Locator("[data-testid=entry-save]").ClickAsync();

        var row = Row(page, note);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-testid=row-residents]")).ToHaveTextAsync($"{second}, {first}");
        await Expect(row.Locator("[data-testid=row-kind]")).ToHaveTextAsync("Samtale");
        await Expect(row.Locator("[data-testid=row-staff]")).ToHaveTextAsync(Mentor);
        await Expect(row.Locator("[data-testid=row-delete]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=entry-resident]")).ToHaveCountAsync(0);
        var entryId = Guid.Parse(await row.GetAttributeAsync("data-entry") ?? throw new InvalidOperationException("The row names no entry."));

        var leaderPage = await SignInAsAsync(Leader, TabletWidth, TabletHeight);
        await AppServer.GotoAsync(leaderPage, "/logbog");
        var leaderRow = Row(leaderPage, note);
        await Expect(leaderRow.Locator("[data-testid=row-staff]")).ToHaveTextAsync(Mentor);
        await leaderRow.Locator("[data-testid=row-delete]").ClickAsync();
        await leaderRow.Locator("[data-testid=confirm-delete]").ClickAsync();
        await Expect(leaderRow.Locator("[data-testid=delete-error]")).ToHaveTextAsync("Begrundelsen skal udfyldes.");
        await leaderRow.Locator("textarea[data-testid=delete-reason]").FillAsync("Registreret to gange");
        await leaderRow.Locator("[data-testid=confirm-delete]").ClickAsync();

        await Expect(Row(leaderPage, note)).ToHaveCountAsync(0);
        await AppServer.GotoAsync(page, "/logbog");
        await Expect(page.Locator("[data-testid=logbook-list]")).ToBeVisibleAsync();
        await Expect(Row(page, note)).ToHaveCountAsync(0);
        var stored = await StoredEntryAsync(entryId);
        Assert.Equal(("Registreret to gange", note), (stored.DeletionReason, stored.Note));
    }

    private static ILocator Row(IPage page, string note) => page.Locator("[data-testid=logbook-row]", new() { HasText = note });

    /// <summary>Opens the activity's MudSelect and picks the option; MudSelect then shows the chosen text.</summary>
    private static async Task ChooseActivityAsync(IPage page, string activity)
    {
        var select = page.Locator("[data-testid=entry-activity]");
        await select.ClickAsync();
        var option = page.Locator(".mud-popover-open [role=option]", new() { HasText = activity }).First;
        await Expect(option).ToBeVisibleAsync();
        await option.ClickAsync();
        await Expect(select).ToHaveTextAsync(activity);
    }

    /// <summary>Searches the organisation's residents as one types and adds the one with the name as a chip.</summary>
    private static async Task ChooseResidentAsync(IPage page, string name)
    {
        await page.Locator("input[data-testid=entry-resident-search]").FillAsync(name);
        var option = page.Locator("[data-testid=entry-resident-option]", new() { HasText = name });
        await Expect(option).ToHaveCountAsync(1);
        await option.ClickAsync();
        await Expect(page.Locator("[data-testid=entry-resident]", new() { HasText = name })).ToBeVisibleAsync();
        await Expect(option).ToHaveCountAsync(0);
    }

    /// <summary>No sideways scrolling at tablet width, and the form's controls are large touch targets.</summary>
    private static async Task AssertTouchFriendlyAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= TabletWidth, $"The logbook page scrolls sideways: it is {scrollWidth} px wide.");
        var targets = page.Locator("[data-testid=kind-option], [data-testid=entry-resident], [data-testid=entry-save]");
        foreach (var target in await targets.AllAsync())
        {
            var box = await target.BoundingBoxAsync() ?? throw new InvalidOperationException("A control of the form is not displayed.");
            Assert.True(box.Height >= 44, $"A control of the form is {box.Height:0} px high.");
        }
    }

    /// <summary>A resident with registration consent recorded, in the app's database, as an earlier intake would leave them.</summary>
    private async Task AddResidentAsync(string name)
    {
        await using var db = await CreateDbContextAsync();
        var today = Server.Services.GetRequiredService<TimeProvider>().Today();
        var staffId = await db.StaffMembers.Where(s => s.Name == Mentor).Select(s => s.Id).SingleAsync();
        var department = await db.Departments.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        var resident = new Resident(name, new DateOnly(1990, 3, 14), null, staffId, DateTimeOffset.UtcNow);
        resident.MoveTo(department, new DateOnly(2018, 1, 1));
        resident.GiveRegistrationConsent(today, staffId, today);
        db.Residents.Add(resident);
        db.AuditActor = staffId.ToString();
        await db.SaveChangesAsync();
    }

    /// <summary>The entry as stored, deleted or not.</summary>
    private async Task<LogbookEntry> StoredEntryAsync(Guid id)
    {
        await using var db = await CreateDbContextAsync();
        return await db.LogbookEntries.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == id);
    }

    private async Task<AppDbContext> CreateDbContextAsync() =>
        await Server.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}
