using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>The start page ("/") and the layout around every page: navigation, signed-in user, "Log ud".</summary>
public sealed class StartPage(IPage page)
{
    public IPage Page => page;

    public ILocator Welcome => page.Locator("[data-testid=welcome]");

    public ILocator Navigation => page.Locator("[data-testid=nav]");

    public ILocator SignedInUser => page.Locator("[data-testid=signed-in-user]");

    public ILocator MyCases => page.Locator("[data-testid=my-cases]");

    public ILocator MyCaseLinks => MyCases.Locator("a[href^='/forloeb/']");

    public ILocator Figures => page.Locator("[data-testid=figures]");

    public ILocator FiguresEmpty => page.Locator("[data-testid=figures-empty]");

    public ILocator SignOutButton => page.GetByRole(AriaRole.Button, new() { Name = "Log ud" });

    /// <summary>The links of the navigation menu (MudNavLink renders an anchor).</summary>
    public ILocator NavLink(string text) => Navigation.Locator("a", new() { HasText = text });

    public async Task GotoAsync() => await AppServer.GotoAsync(page, "/");

    public async Task AssertGreetsAsync(string staffName)
    {
        await Expect(Welcome).ToHaveTextAsync($"Goddag, {staffName}");
        await Expect(SignedInUser).ToHaveTextAsync(staffName);
    }

    public async Task SignOutAsync() => await SignOutButton.ClickAsync();
}
