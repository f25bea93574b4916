using System.Text.RegularExpressions;
using BoligSocialt.Tests.Browser.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// A note being typed survives a dropped connection and a reload (DraftNote, here the decline note of a referral): the
/// browser keeps the draft, the page offers it back, and it is saved once. Every test records its own referral.
/// </summary>
[Collection("browser")]
public sealed class DraftNoteJourneyTests(AppServer server) : BrowserTest(server)
{
    private const string Mentor = "Ahmed Hassan";
    private const string Source = "Jobrådgiver";

    /// <summary>An activity of Ahmed Hassan's team (Team 1), so he may take the referral himself at intake.</summary>
    private const string Team1Activity = "Beskæftigelsesrådgivning";

    /// <summary>The drafts in this browser's localStorage (every staff member's).</summary>
    private const string StoredDrafts = "() => Object.keys(localStorage).filter(k => k.startsWith('boligsocialt:kladde:'))";

    [Fact]
    public async Task A_note_typed_before_the_connection_dropped_is_offered_after_a_reload_and_declining_saves_it_once()
    {
        var page = await SignInAsAsync(Mentor);
        var referralId = await RecordReferralTakenMyselfAsync(page, UniqueName("Kladde"));
        var dropConnection = await RouteCircuitAsync(page);
        await AppServer.GotoAsync(page, $"/henvisninger/{referralId}");
        await Expect(DeclineNote(page)).ToBeEnabledAsync();
        var note = $"Beboeren vil vente til efter sommerferien ({Guid.NewGuid().ToString("N")[..6]}).";
        await DeclineNote(page).PressSequentiallyAsync(note);

        await dropConnection();

        var reconnect = page.Locator("#components-reconnect-modal");
        await Expect(reconnect).ToBeVisibleAsync();
        // The first attempts follow at once, so the dialog may already count down to the next one.
        await Expect(reconnect).ToHaveTextAsync(
            new Regex(@"^\s*(Forbindelsen til serveren er afbrudt\. Genopretter forbindelsen …|Forbindelsen kunne ikke genoprettes\. Prøver igen om \d+ sekunder\.)\s*$"),
            new() { UseInnerText = true });

        await page.Context.SetOfflineAsync(false);
        await page.ReloadAsync();
        await AppServer.WaitForCircuitAsync(page);

        var offer = page.Locator("[data-testid=draft-offer]");
        await Expect(offer).ToContainTextAsync(new Regex(@"^Du har en kladde, der ikke er gemt \(skrevet kl\. \d\d:\d\d\)\."));
        await Expect(DeclineNote(page)).ToHaveValueAsync("");
        await offer.Locator("[data-testid=draft-use]").ClickAsync();
        await Expect(offer).ToHaveCountAsync(0);
        await Expect(DeclineNote(page)).ToHaveValueAsync(note);

        await page.Locator("[data-testid=decline-reason-select]").ClickAsync();
        await page.Locator(".mud-popover-open [role=option]").First.ClickAsync();
        await page.Locator("[data-testid=decline]").ClickAsync();

        await Expect(page.Locator("[data-testid=referral-status]")).ToContainTextAsync("Afvist");
        await Expect(page.Locator("[data-testid=decline-reason]")).ToContainTextAsync(note);
        Assert.Equal(1, Regex.Count(await page.Locator(AppServer.MainContent).InnerTextAsync(), Regex.Escape(note)));
        Assert.Empty(await page.EvaluateAsync<string[]>(StoredDrafts));

        await AppServer.GotoAsync(page, $"/henvisninger/{referralId}");
        await Expect(page.Locator("[data-testid=decline-reason]")).ToContainTextAsync(note);
        await Expect(page.Locator("[data-testid=draft-offer]")).ToHaveCountAsync(0);
        Assert.Empty(await page.EvaluateAsync<string[]>(StoredDrafts));
    }

    [Fact]
    public async Task Signing_out_forgets_the_staff_members_drafts_in_this_browser_and_only_theirs()
    {
        var page = await SignInAsAsync(Mentor);
        await RecordReferralTakenMyselfAsync(page, UniqueName("Udlogget"));
        await DeclineNote(page).PressSequentiallyAsync("Ringer igen i morgen.");
        var mine = Assert.Single(await page.EvaluateAsync<string[]>(StoredDrafts));
        const string someoneElses = "boligsocialt:kladde:en-anden:henvisning:1:afvisning";
        await page.EvaluateAsync($"() => localStorage.setItem('{someoneElses}', JSON.stringify({{ text: 'Andens note', savedAt: Date.now() }}))");

        await new StartPage(page).SignOutAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/udvikler-log-ind");
        var left = await page.EvaluateAsync<string[]>(StoredDrafts);
        Assert.DoesNotContain(mine, left);
        Assert.Contains(someoneElses, left);
    }

    [Fact]
    public async Task A_draft_older_than_seven_days_is_removed_when_the_page_opens_and_not_offered()
    {
        var page = await SignInAsAsync(Mentor);
        var referralId = await RecordReferralTakenMyselfAsync(page, UniqueName("Gammel"));
        await DeclineNote(page).PressSequentiallyAsync("Skrevet for længe siden.");
        var key = Assert.Single(await page.EvaluateAsync<string[]>(StoredDrafts));
        await page.EvaluateAsync(
            "key => localStorage.setItem(key, JSON.stringify({ text: 'Skrevet for længe siden.', savedAt: Date.now() - 8 * 24 * 3600 * 1000 }))", key);

        await AppServer.GotoAsync(page, $"/henvisninger/{referralId}");

        await page.WaitForFunctionAsync($"() => ({StoredDrafts})().length === 0");
        await Expect(DeclineNote(page)).ToBeEnabledAsync();
        await Expect(DeclineNote(page)).ToHaveValueAsync("");
        await Expect(page.Locator("[data-testid=draft-offer]")).ToHaveCountAsync(0);
    }

    private static ILocator DeclineNote(IPage page) => page.Locator("textarea[data-testid=decline-note]");

    /// <summary>Records a referral to a Team 1 activity for a new resident, taken by the signed-in mentor; opens its page.</summary>
    private static async Task<Guid> RecordReferralTakenMyselfAsync(IPage page, string residentName)
    {
        var intake = new IntakePage(page);
        await intake.GotoAsync();
        await intake.EnterNewResidentAsync(residentName, "14-02-1981");
        await intake.TickRegistrationConsentAsync();
        await intake.EnterReferralAsync(Source, Team1Activity, "Vil gerne i arbejde.");
        var allocateToMe = page.Locator("input[type=checkbox][data-testid=allocate-to-me]");
        await allocateToMe.CheckAsync();
        await Expect(allocateToMe).ToBeCheckedAsync();
        var referralId = await intake.SaveAndOpenReferralAsync();
        await Expect(page.Locator("[data-testid=referral-status]")).ToContainTextAsync($"fordelt til {Mentor}");
        await Expect(DeclineNote(page)).ToBeEnabledAsync();
        return referralId;
    }

    /// <summary>A resident's name no other test and no earlier run uses: a word and a fragment of a new Guid.</summary>
    private static string UniqueName(string word) => $"{word} Test{Guid.NewGuid().ToString("N")[..8]}";
}
