using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>/beboere/ny: the form for a new resident.</summary>
public sealed class ResidentFormPage(IPage page)
{
    public const string NewPath = "/beboere/ny";

    public IPage Page => page;

    public ILocator Name => page.Locator("input[data-testid=name]");

    public ILocator BirthDate => page.Locator("input[data-testid=birth-date]");

    /// <summary>MudSelect moves its attributes from the empty input to a div showing the chosen text once a value is set.</summary>
    public ILocator Department => page.Locator("[data-testid=department]");

    public ILocator Save => page.Locator("[data-testid=save]");

    public ILocator FormError => page.Locator("[data-testid=form-error]");

    /// <summary>The MudBlazor control around a field: where its validation message is shown.</summary>
    public static ILocator ControlOf(ILocator field) =>
        field.Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");

    public async Task GotoNewAsync()
    {
        await AppServer.GotoAsync(page, NewPath);
        await Expect(Save).ToBeVisibleAsync();
    }

    public async Task FillNameAsync(string name) => await Name.FillAsync(name);

    /// <summary>Types the date as a person does (dd-mm-åååå) and leaves the field, so the picker parses it.</summary>
    public async Task TypeBirthDateAsync(string date)
    {
        await BirthDate.FillAsync(date);
        await BirthDate.PressAsync("Tab");
        await Expect(BirthDate).ToHaveValueAsync(date);
    }

    /// <summary>Opens the department select and picks the option with the text, or the first one; returns its text.</summary>
    public async Task<string> ChooseDepartmentAsync(string? text = null)
    {
        await Department.ClickAsync();
        var options = page.Locator(".mud-popover-open [role=option]");
        var option = text is null ? options.First : options.Filter(new() { HasText = text }).First;
        await Expect(option).ToBeVisibleAsync();
        var chosen = (await option.InnerTextAsync()).Trim();
        await option.ClickAsync();
        await Expect(Department).ToHaveTextAsync(chosen);
        return chosen;
    }

    public async Task SaveAsync() => await Save.ClickAsync();
}
