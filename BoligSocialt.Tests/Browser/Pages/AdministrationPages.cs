using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>/admin/aktiviteter: the activities of a plan period and the form that edits one.</summary>
public sealed class ActivitiesAdminPage(IPage page)
{
    public const string Path = "/admin/aktiviteter";

    public ILocator Rows => page.Locator("[data-testid=activity-table] tbody tr");

    public ILocator Row(string code) => Rows.Filter(new() { Has = page.Locator("td", new() { HasTextRegex = new($"^{code}$") }) });

    public ILocator Interval(string code) => Row(code).Locator("[data-testid=activity-row-interval]");

    public ILocator IntervalInput => page.Locator("input[data-testid=activity-interval]");

    public async Task GotoAsync()
    {
        await AppServer.GotoAsync(page, Path);
        await Expect(Rows.First).ToBeVisibleAsync();
    }

    public async Task SetFollowUpIntervalAsync(string code, int days)
    {
        await Row(code).Locator("[data-testid=edit-activity]").ClickAsync();
        await IntervalInput.FillAsync(days.ToString());
        await page.Locator("[data-testid=save-activity]").ClickAsync();
        await Expect(page.Locator("[data-testid=activity-form]")).ToHaveCountAsync(0);
    }

    public async Task ChoosePlanAsync(string name)
    {
        await page.Locator("[data-testid=plan]").ClickAsync();
        var option = page.Locator(".mud-popover-open [role=option]", new() { HasText = name }).First;
        await Expect(option).ToBeVisibleAsync();
        await option.ClickAsync();
    }
}

/// <summary>/admin/helhedsplaner: the plan periods, and the form that edits one or copies it into a new one.</summary>
public sealed class PlanPeriodsAdminPage(IPage page)
{
    public const string Path = "/admin/helhedsplaner";

    public ILocator Row(string code) => page.Locator("[data-testid=plan-table] tbody tr")
        .Filter(new() { Has = page.Locator("[data-testid=plan-row-code]", new() { HasTextRegex = new($"^{code}$") }) });

    public ILocator Code => page.Locator("input[data-testid=plan-code]");

    public async Task GotoAsync()
    {
        await AppServer.GotoAsync(page, Path);
        await Expect(page.Locator("[data-testid=plan-row-code]").First).ToBeVisibleAsync();
    }

    /// <summary>Opens the copy form of a plan (filled with the following four years) and saves it as it is.</summary>
    public async Task CopyAsync(string code, string expectedNewCode)
    {
        await Row(code).Locator("[data-testid=copy-plan]").ClickAsync();
        await Expect(Code).ToHaveValueAsync(expectedNewCode);
        await page.Locator("[data-testid=save-plan]").ClickAsync();
        await Expect(page.Locator("[data-testid=plan-form]")).ToHaveCountAsync(0);
    }
}
