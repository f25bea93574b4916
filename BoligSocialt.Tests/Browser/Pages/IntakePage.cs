using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>/henvisninger/ny: recording a referral (intake), for an existing resident or a new one.</summary>
public sealed class IntakePage(IPage page)
{
    public const string Path = "/henvisninger/ny";

    public ILocator NewResidentButton => page.Locator("[data-testid=new-resident]");

    public ILocator NewName => page.Locator("input[data-testid=new-name]");

    public ILocator NewBirthDate => page.Locator("input[data-testid=new-birth-date]");

    /// <summary>MudSelect moves its attributes from the empty input to a div showing the chosen text once a value is set.</summary>
    public ILocator NewDepartment => page.Locator("[data-testid=new-department]");

    public ILocator RegistrationConsent => page.Locator("input[type=checkbox][data-testid=registration-consent]");

    public ILocator Source => page.Locator("[data-testid=source]");

    public ILocator Activity => page.Locator("[data-testid=activity]");

    public ILocator Reason => page.Locator("textarea[data-testid=reason]");

    public ILocator Save => page.Locator("[data-testid=save]");

    public ILocator ValidationSummary => page.Locator("[data-testid=validation-summary]");

    public ILocator FormError => page.Locator("[data-testid=form-error]");

    public ILocator DuplicateWarning => page.Locator("[data-testid=duplicate-warning]");

    public ILocator DuplicateCandidates => page.Locator("[data-testid=duplicate-candidate]");

    public ILocator ChosenResident => page.Locator("[data-testid=chosen-resident]");

    public async Task GotoAsync()
    {
        await AppServer.GotoAsync(page, Path);
        await Expect(Save).ToBeVisibleAsync();
    }

    /// <summary>"Opret ny beboer", then the new resident's name, birth date (dd-mm-åååå) and the first department.</summary>
    public async Task EnterNewResidentAsync(string name, string birthDate)
    {
        await NewResidentButton.ClickAsync();
        await NewName.FillAsync(name);
        await NewBirthDate.FillAsync(birthDate);
        await NewBirthDate.PressAsync("Tab");
        await Expect(NewBirthDate).ToHaveValueAsync(birthDate);
        await ChooseAsync(NewDepartment, null);
    }

    public async Task TickRegistrationConsentAsync()
    {
        await RegistrationConsent.CheckAsync();
        await Expect(RegistrationConsent).ToBeCheckedAsync();
    }

    /// <summary>The source (kilde), the activity and the reason: everything of the referral itself.</summary>
    public async Task EnterReferralAsync(string source, string activity, string reason)
    {
        await ChooseAsync(Source, source);
        await ChooseAsync(Activity, activity);
        await Reason.FillAsync(reason);
        await Reason.PressAsync("Tab");
    }

    public async Task SaveAsync() => await Save.ClickAsync();

    /// <summary>Saves and waits for the referral's page; returns the new referral's id.</summary>
    public async Task<Guid> SaveAndOpenReferralAsync()
    {
        await SaveAsync();
        await page.WaitForURLAsync(new Regex("/henvisninger/[0-9a-f-]{36}$"));
        return Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
    }

    public ILocator DuplicateCandidate(string residentName) => DuplicateCandidates.Filter(new() { HasText = residentName });

    /// <summary>Opens a MudSelect and picks the option with the text, or the first one.</summary>
    private async Task ChooseAsync(ILocator select, string? text)
    {
        await select.ClickAsync();
        var options = page.Locator(".mud-popover-open [role=option]");
        var option = text is null ? options.First : options.Filter(new() { HasText = text }).First;
        await Expect(option).ToBeVisibleAsync();
        var chosen = (await option.InnerTextAsync()).Trim();
        await option.ClickAsync();
        await Expect(select).ToHaveTextAsync(chosen);
    }
}
