using BoligSocialt.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// The administrator in Chromium: changes an activity's follow-up interval, then sets up the next plan period as a copy
/// of the plan in force, whose copied activity carries the change.
/// </summary>
[Collection("browser")]
public sealed class AdministrationJourneyTests(AppServer server) : BrowserTest(server)
{
    private const string Administrator = "Birgit Holm";
    /// <summary>"Fælles om bæredygtighed" of the 2024-2028 plan: no other journey works in it.</summary>
    private const string Activity = "FOB";

    [Fact]
    public async Task Edited_follow_up_interval_is_kept_and_carried_into_the_copied_plan_period()
    {
        var page = await SignInAsAsync(Administrator);
        var activities = new ActivitiesAdminPage(page);
        await activities.GotoAsync();

        await activities.SetFollowUpIntervalAsync(Activity, 21);

        await Expect(activities.Interval(Activity)).ToHaveTextAsync("21 dage");
        await activities.GotoAsync();
        await Expect(activities.Interval(Activity)).ToHaveTextAsync("21 dage");

        var plans = new PlanPeriodsAdminPage(page);
        await plans.GotoAsync();
        await plans.CopyAsync("2024-2028", "2028-2032");

        var copied = plans.Row("2028-2032");
        await Expect(copied.Locator("[data-testid=plan-row-activities]")).ToHaveTextAsync("13");
        await Expect(copied).ToContainTextAsync("01-10-2028 til 30-09-2032");
        await activities.GotoAsync();
        await activities.ChoosePlanAsync("Helhedsplan 2028-2032");
        await Expect(activities.Rows).ToHaveCountAsync(13);
        await Expect(activities.Interval($"{Activity}-28")).ToHaveTextAsync("21 dage");
    }
}
