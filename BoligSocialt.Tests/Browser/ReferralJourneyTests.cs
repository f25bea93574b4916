using System.Text.RegularExpressions;
using BoligSocialt.Tests.Browser.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// Referrals in Chromium: intake, allocation on the board, the staff member's start page updating live, accept.
/// Every test records its own residents under unique names, so it depends on no other test's data.
/// </summary>
[Collection("browser")]
public sealed class ReferralJourneyTests(AppServer server) : BrowserTest(server)
{
    private const string Leader = "Lone Mikkelsen";
    private const string Mentor = "Ahmed Hassan";
    private const string OtherMentor = "Sofie Nielsen";
    private const string Source = "Jobrådgiver";

    /// <summary>An activity of Team 1 (focus area Beskæftigelse) in the 2024-2028 plan.</summary>
    private const string Team1Activity = "Beskæftigelsesrådgivning";

    [Fact]
    public async Task A_referral_allocated_on_the_board_appears_live_on_the_mentors_start_page_and_accepting_it_opens_the_case()
    {
        var resident = UniqueName("Fordelt");
        var mentor = await SignInAsAsync(Mentor);
        var myReferral = MyReferral(mentor, resident);
        await Expect(mentor.Locator("[data-testid=welcome]")).ToBeVisibleAsync();
        await Expect(myReferral).ToHaveCountAsync(0);
        // Gone after a reload: proves below that the row arrived without one.
        await mentor.EvaluateAsync("() => window.sameDocument = true");

        var leader = await SignInAsAsync(Leader);
        var referralId = await RecordReferralForNewResidentAsync(leader, resident, "03-05-1979");
        await Expect(leader.Locator("[data-testid=referral-status]")).ToContainTextAsync("Modtaget");
        var board = new AllocationBoardPage(leader);
        await board.GotoAsync();
        await board.AllocateAsync(referralId, resident, Mentor);

        await Expect(myReferral).ToBeVisibleAsync();
        Assert.True(await mentor.EvaluateAsync<bool>("() => window.sameDocument === true"), "The start page was reloaded.");
        await myReferral.GetByRole(AriaRole.Link, new() { Name = resident }).ClickAsync();
        await mentor.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/henvisninger/{referralId}");
        await Expect(mentor.Locator("[data-testid=referral-status]")).ToContainTextAsync($"fordelt til {Mentor}");

        await mentor.Locator("[data-testid=accept]").ClickAsync();

        await mentor.WaitForURLAsync(new Regex("/forloeb/[0-9a-f-]{36}$"));
        await Expect(mentor.Locator("[data-testid=case-title]")).ToContainTextAsync(resident);
    }

    [Fact]
    public async Task Saving_an_empty_intake_names_everything_missing_in_Danish_and_saves_nothing()
    {
        var page = await SignInAsAsync(Mentor);
        var intake = new IntakePage(page);
        await intake.GotoAsync();

        await intake.SaveAsync();

        string[] missing =
        [
            "Vælg beboeren, eller opret en ny beboer.",
            "Vælg hvem der henviser (kilde).",
            "Vælg aktivitet.",
            "Skriv årsagen: kort, hvad henvisningen drejer sig om.",
            "Beboerens samtykke til registrering skal registreres, før henvisningen kan gemmes.",
        ];
        foreach (var message in missing) await Expect(intake.ValidationSummary).ToContainTextAsync(message);
        await Expect(page).ToHaveURLAsync(new Regex($"{IntakePage.Path}$"));
        await Expect(intake.FormError).ToHaveCountAsync(0);
        await Expect(page.GetByText("Henvisningen er gemt.")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_new_resident_like_an_existing_one_gives_the_duplicate_warning_and_choosing_the_candidate_uses_the_existing_resident()
    {
        const string birthDate = "17-09-1968";
        var name = UniqueName("Dublet");
        var page = await SignInAsAsync(Mentor);
        var form = new ResidentFormPage(page);
        await form.GotoNewAsync();
        await form.FillNameAsync(name);
        await form.TypeBirthDateAsync(birthDate);
        await form.ChooseDepartmentAsync();
        await form.SaveAsync();
        await page.WaitForURLAsync(new Regex("/beboere/[0-9a-f-]{36}$"));
        var existing = new Uri(page.Url).AbsolutePath;

        var intake = new IntakePage(page);
        await intake.GotoAsync();
        await intake.EnterNewResidentAsync(name, birthDate);
        await intake.TickRegistrationConsentAsync();
        await intake.EnterReferralAsync(Source, Team1Activity, "Ønsker hjælp til at finde arbejde.");
        await intake.SaveAsync();

        await Expect(intake.DuplicateWarning).ToBeVisibleAsync();
        var candidate = intake.DuplicateCandidate(name);
        await Expect(candidate).ToContainTextAsync($"født {birthDate}");
        await Expect(page).ToHaveURLAsync(new Regex($"{IntakePage.Path}$"));

        await candidate.ClickAsync();

        await Expect(intake.ChosenResident).ToContainTextAsync(name);
        await Expect(intake.DuplicateWarning).ToHaveCountAsync(0);
        await Expect(intake.NewName).ToHaveCountAsync(0);
        await intake.SaveAndOpenReferralAsync();
        await Expect(page.Locator("[data-testid=referral-resident]")).ToHaveAttributeAsync("href", existing);
    }

    /// <summary>
    /// The board itself reloads as soon as another leader allocates (the live update), so a lost race there cannot be
    /// staged deterministically; the referral's page does not reload, so it still offers the version it showed.
    /// </summary>
    [Fact]
    public async Task Allocating_from_the_referral_page_after_another_leader_allocated_on_the_board_says_to_whom_in_Danish()
    {
        var resident = UniqueName("Samtidig");
        var first = await SignInAsAsync(Leader);
        var referralId = await RecordReferralForNewResidentAsync(first, resident, "22-11-1983");
        var second = await SignInAsAsync(Leader);
        await AppServer.GotoAsync(second, $"/henvisninger/{referralId}");
        await Expect(second.Locator("[data-testid=allocate-button]")).ToBeVisibleAsync();

        var board = new AllocationBoardPage(first);
        await board.GotoAsync();
        await board.AllocateAsync(referralId, resident, Mentor);

        await second.Locator("[data-testid=allocate-to]").ClickAsync();
        await second.Locator(".mud-popover-open [role=option]", new() { HasText = OtherMentor }).ClickAsync();
        await Expect(second.Locator("[data-testid=allocate-to]")).ToHaveTextAsync(OtherMentor);
        await second.Locator("[data-testid=allocate-button]").ClickAsync();

        await Expect(second.Locator("[data-testid=referral-error]")).ToHaveTextAsync($"Henvisningen er lige blevet fordelt til {Mentor}.");
        await Expect(second.Locator("[data-testid=referral-status]")).ToContainTextAsync($"fordelt til {Mentor}");
        await Expect(second.Locator("[data-testid=allocate]")).ToHaveCountAsync(0);
    }

    /// <summary>Records a referral to the Team 1 activity for a new resident through the intake page; returns its id.</summary>
    private static async Task<Guid> RecordReferralForNewResidentAsync(IPage page, string residentName, string birthDate)
    {
        var intake = new IntakePage(page);
        await intake.GotoAsync();
        await intake.EnterNewResidentAsync(residentName, birthDate);
        await intake.TickRegistrationConsentAsync();
        await intake.EnterReferralAsync(Source, Team1Activity, "Vil gerne i arbejde.");
        var referralId = await intake.SaveAndOpenReferralAsync();
        await Expect(page.Locator("[data-testid=referral-resident]")).ToHaveTextAsync(residentName);
        return referralId;
    }

    /// <summary>A row of "Mine henvisninger" on the start page for the resident.</summary>
    private static ILocator MyReferral(IPage page, string residentName) =>
        page.Locator("[data-testid=my-referral]", new() { HasText = residentName });

    /// <summary>A resident's name no other test and no earlier run uses: a word and a fragment of a new Guid.</summary>
    private static string UniqueName(string word) => $"{word} Test{Guid.NewGuid().ToString("N")[..8]}";
}
