using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>/beboere: the resident search.</summary>
public sealed class ResidentSearchPage(IPage page)
{
    public const string Path = "/beboere";

    public IPage Page => page;

    public ILocator SearchBox => page.Locator("input[data-testid=resident-search]");

    public ILocator Results => page.Locator("[data-testid=resident-result]");

    public ILocator NoResults => page.Locator("[data-testid=no-results]");

    public ILocator NewResidentButton => page.Locator($"{AppServer.MainContent} a", new() { HasText = "Ny beboer" });

    public ILocator AccessDenied => page.Locator("[data-testid=access-denied]");

    public ILocator Result(string residentName) => Results.Filter(new() { HasText = residentName });

    public async Task GotoAsync() => await AppServer.GotoAsync(page, Path);

    /// <summary>Types the query (the field searches on input, after a short debounce).</summary>
    public async Task SearchAsync(string text)
    {
        await Expect(SearchBox).ToBeEditableAsync();
        await SearchBox.FillAsync(text);
    }

    public async Task AssertResultCountAsync(int count) => await Expect(Results).ToHaveCountAsync(count);

    /// <summary>Waits for a result list in which every result shows the name (the debounced search may still be running).</summary>
    public async Task AssertOnlyResultsNamedAsync(string residentName)
    {
        await Expect(Result(residentName).First).ToBeVisibleAsync();
        await Expect(Results.Filter(new() { HasNotText = residentName })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Searches and counts the results once the list shows only results with the text (or "Ingen beboere fundet"),
    /// so the count is that of this search, not of the list before it.
    /// </summary>
    public async Task<int> CountResultsWithAsync(string text)
    {
        await SearchAsync(text);
        await Expect(Results.Filter(new() { HasNotText = text })).ToHaveCountAsync(0);
        await Expect(NoResults.Or(Results.First)).ToBeVisibleAsync();
        return await Results.CountAsync();
    }

    public async Task<ResidentPage> OpenResultAsync(string residentName)
    {
        await Result(residentName).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/beboere/[0-9a-f-]{36}$"));
        return new ResidentPage(page);
    }
}
