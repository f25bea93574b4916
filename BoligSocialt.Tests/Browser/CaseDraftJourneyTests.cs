using System.Text.RegularExpressions;
using BoligSocialt.Tests.Browser.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// A case note being typed survives a dropped connection and a reload (DraftNote, here the follow-up note of the case
/// page), and is saved once: also when the save went through but the draft's removal never reached the browser. Every
/// test opens its own case, for a new resident referred at intake and taken by the mentor himself.
/// </summary>
[Collection("browser")]
public sealed class CaseDraftJourneyTests(AppServer server) : BrowserTest(server)
{
    private const string Mentor = "Ahmed Hassan";
    private const string Source = "Jobrådgiver";

    /// <summary>An activity of Ahmed Hassan's team (Team 1), so he may take the referral himself at intake.</summary>
    private const string Team1Activity = "Beskæftigelsesrådgivning";

    /// <summary>The drafts in this browser's localStorage (every staff member's).</summary>
    private const string StoredDrafts = "() => Object.keys(localStorage).filter(k => k.startsWith('boligsocialt:kladde:'))";

    [Fact]
    public async Task A_follow_up_note_typed_before_the_connection_dropped_is_offered_after_a_reload_and_saved_once()
    {
        var page = await SignInAsAsync(Mentor);
        var caseId = await OpenNewCaseAsync(page, UniqueName("Forløbskladde"));
        var dropConnection = await RouteCircuitAsync(page);
        await GotoCaseAsync(page, caseId);
        await Expect(FollowUpNote(page)).ToBeEnabledAsync();
        var note = $"Talte om praktik efter sommerferien ({Guid.NewGuid().ToString("N")[..6]}).";
        await FollowUpNote(page).PressSequentiallyAsync(note);

        await dropConnection();
        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        await page.Context.SetOfflineAsync(false);
        await page.ReloadAsync();
        await AppServer.WaitForCircuitAsync(page);

        var offer = FollowUp(page).Locator("[data-testid=draft-offer]");
        await Expect(offer).ToContainTextAsync(new Regex(@"^Du har en kladde, der ikke er gemt \(skrevet kl\. \d\d:\d\d\)\."));
        await Expect(FollowUpNote(page)).ToHaveValueAsync("");
        await offer.Locator("[data-testid=draft-use]").ClickAsync();
        await Expect(offer).ToHaveCountAsync(0);
        await Expect(FollowUpNote(page)).ToHaveValueAsync(note);
        await FollowUpSave(page).ClickAsync();

        await Expect(TimelineFollowUp(page, note)).ToHaveCountAsync(1);
        await Expect(FollowUpNote(page)).ToHaveValueAsync("");
        Assert.Equal(1, Regex.Count(await page.Locator(AppServer.MainContent).InnerTextAsync(), Regex.Escape(note)));
        Assert.Empty(await page.EvaluateAsync<string[]>(StoredDrafts));

        await GotoCaseAsync(page, caseId);
        await Expect(TimelineFollowUp(page, note)).ToHaveCountAsync(1);
        await Expect(FollowUpNote(page)).ToBeEnabledAsync();
        await Expect(page.Locator("[data-testid=draft-offer]")).ToHaveCountAsync(0);
        await Expect(FollowUpNote(page)).ToHaveValueAsync("");
        Assert.Empty(await page.EvaluateAsync<string[]>(StoredDrafts));
    }

    [Fact]
    public async Task A_draft_of_a_note_saved_today_is_not_offered_again_and_the_user_is_told_it_is_saved()
    {
        var page = await SignInAsAsync(Mentor);
        var caseId = await OpenNewCaseAsync(page, UniqueName("Forløbsnote"));
        await Expect(FollowUpNote(page)).ToBeEnabledAsync();
        var note = $"Ringede om boligstøtte ({Guid.NewGuid().ToString("N")[..6]}).";
        await FollowUpNote(page).PressSequentiallyAsync(note);
        var key = Assert.Single(await page.EvaluateAsync<string[]>(StoredDrafts));
        await FollowUpSave(page).ClickAsync();
        await Expect(TimelineFollowUp(page, note)).ToHaveCountAsync(1);
        // As if the connection had dropped after the save, before the draft's removal reached this browser.
        await page.EvaluateAsync("([key, text]) => localStorage.setItem(key, JSON.stringify({ text, savedAt: Date.now() }))", new[] { key, note });

        await GotoCaseAsync(page, caseId);

        await Expect(FollowUp(page).Locator("[data-testid=draft-already-saved]")).ToHaveTextAsync("Noten er allerede gemt, så kladden er fjernet.");
        await Expect(page.Locator("[data-testid=draft-offer]")).ToHaveCountAsync(0);
        await Expect(FollowUpNote(page)).ToBeEnabledAsync();
        await Expect(FollowUpNote(page)).ToHaveValueAsync("");
        await Expect(TimelineFollowUp(page, note)).ToHaveCountAsync(1);
        Assert.Empty(await page.EvaluateAsync<string[]>(StoredDrafts));
    }

    private static ILocator FollowUp(IPage page) => page.Locator("[data-testid=follow-up]");

    private static ILocator FollowUpNote(IPage page) => page.Locator("textarea[data-testid=follow-up-note]");

    private static ILocator FollowUpSave(IPage page) => page.Locator("[data-testid=follow-up-save]");

    /// <summary>The case's follow-ups by the mentor with exactly this note.</summary>
    private static ILocator TimelineFollowUp(IPage page, string note) =>
        page.Locator("[data-testid=timeline-item]").Filter(new() { HasTextRegex = new Regex($"· Opfølgning · {Mentor}: {Regex.Escape(note)}\\s*$") });

    private static async Task GotoCaseAsync(IPage page, Guid caseId)
    {
        await AppServer.GotoAsync(page, $"/forloeb/{caseId}");
        await Expect(page.Locator("[data-testid=case-title]")).ToBeVisibleAsync();
    }

    /// <summary>Records a referral to a Team 1 activity for a new resident, taken by the signed-in mentor, and accepts it; returns the case's id.</summary>
    private static async Task<Guid> OpenNewCaseAsync(IPage page, string residentName)
    {
        var intake = new IntakePage(page);
        await intake.GotoAsync();
        await intake.EnterNewResidentAsync(residentName, "23-06-1985");
        await intake.TickRegistrationConsentAsync();
        await intake.EnterReferralAsync(Source, Team1Activity, "Vil gerne i arbejde.");
        var allocateToMe = page.Locator("input[type=checkbox][data-testid=allocate-to-me]");
        await allocateToMe.CheckAsync();
        await Expect(allocateToMe).ToBeCheckedAsync();
        await intake.SaveAndOpenReferralAsync();
        await Expect(page.Locator("[data-testid=referral-status]")).ToContainTextAsync($"fordelt til {Mentor}");
        await page.Locator("[data-testid=accept]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/forloeb/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=case-title]")).ToContainTextAsync(residentName);
        return Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
    }

    /// <summary>A resident's name no other test and no earlier run uses: a word and a fragment of a new Guid.</summary>
    private static string UniqueName(string word) => $"{word} Test{Guid.NewGuid().ToString("N")[..8]}";
}
