using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>/fordeling: a leader's board of waiting referrals and the team's staff; tap a referral, then a staff member.</summary>
public sealed class AllocationBoardPage(IPage page)
{
    public const string Path = "/fordeling";

    public ILocator StaffCards => page.Locator("[data-testid=staff-card]");

    public ILocator WaitingReferral(Guid referralId) => page.Locator($"[data-testid=waiting-referral][data-referral='{referralId}']");

    public ILocator StaffCard(string staffName) => StaffCards.Filter(new() { HasText = staffName });

    public async Task GotoAsync()
    {
        await AppServer.GotoAsync(page, Path);
        await Expect(StaffCards.First).ToBeVisibleAsync();
    }

    /// <summary>Taps the referral's card (it shows as selected), then the staff member's card; the board confirms, and the referral leaves it.</summary>
    public async Task AllocateAsync(Guid referralId, string residentName, string staffName)
    {
        var card = WaitingReferral(referralId);
        await Expect(card).ToContainTextAsync(residentName);
        // On the name: the card's centre may be its link to the referral's page.
        await card.Locator("b", new() { HasText = residentName }).ClickAsync();
        await Expect(card).ToHaveClassAsync(new Regex(@"\bselected\b"));
        await StaffCard(staffName).ClickAsync();
        await Expect(page.GetByText($"{residentName} er fordelt til {staffName}.")).ToBeVisibleAsync();
        await Expect(card).ToHaveCountAsync(0);
    }
}
