using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>/beboere/{id}: one resident, or "Ikke fundet" / "Du har ikke adgang".</summary>
public sealed class ResidentPage(IPage page)
{
    public IPage Page => page;

    public ILocator Name => page.Locator("[data-testid=resident-name]");

    public ILocator NotFound => page.Locator("[data-testid=not-found]");

    public ILocator AccessDenied => page.Locator("[data-testid=access-denied]");

    public ILocator Main => page.Locator(AppServer.MainContent);

    public async Task GotoAsync(Guid id) => await AppServer.GotoAsync(page, $"/beboere/{id}");

    public async Task AssertShowsAsync(string residentName) => await Expect(Name).ToHaveTextAsync(residentName);

    public async Task AssertNotFoundAsync()
    {
        await Expect(NotFound).ToBeVisibleAsync();
        await Expect(NotFound).ToContainTextAsync("Ikke fundet");
        await Expect(Name).ToHaveCountAsync(0);
    }

    public async Task AssertAccessDeniedAsync()
    {
        await Expect(AccessDenied).ToBeVisibleAsync();
        await Expect(AccessDenied).ToContainTextAsync("Du har ikke adgang");
        await Expect(Name).ToHaveCountAsync(0);
    }
}
