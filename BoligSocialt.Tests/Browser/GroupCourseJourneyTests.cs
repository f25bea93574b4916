using System.Text.RegularExpressions;
using BoligSocialt.Tests.Browser.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// A group course in Chromium on a tablet held upright: create it, enrol residents, plan today's session, one tap of
/// attendance, hold it. The test records its own residents and course under unique names.
/// </summary>
[Collection("browser")]
public sealed class GroupCourseJourneyTests(AppServer server) : BrowserTest(server)
{
    private const string Mentor = "Ahmed Hassan";
    /// <summary>An activity of Team 1 (Uddannelse og livschancer) run as group courses, in the 2024-2028 plan.</summary>
    private const string Team1GroupActivity = "Bydelsløftere for kvinder";
    private const int TabletWidth = 768;
    private const int TabletHeight = 1024;

    [Fact]
    public async Task Attendance_of_one_resident_tapped_on_the_tablet_and_the_session_held_shows_it_held_with_one_participant()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var came = $"Kom Test{suffix}";
        var stayedAway = $"Udeblev Test{suffix}";
        var courseName = $"Dig, mig og arbejde {suffix}";
        var page = await SignInAsAsync(Mentor, TabletWidth, TabletHeight);
        await CreateResidentAsync(page, came, "12-03-1985");
        await CreateResidentAsync(page, stayedAway, "30-07-1979");

        var list = new GroupCourseListPage(page);
        await list.GotoAsync();
        await list.CreateAsync(courseName, Team1GroupActivity);
        var course = new GroupCoursePage(page);
        await Expect(course.Title).ToHaveTextAsync(courseName);
        await course.EnrolAsync(came);
        await course.EnrolAsync(stayedAway);
        await course.PlanSessionTodayAsync();
        await Expect(course.AttendanceToggle(came)).ToHaveAttributeAsync("aria-pressed", "false");
        await AssertTouchFriendlyAsync(page, course);

        await course.TapAttendanceAsync(came, expectedCame: true);
        await Expect(course.AttendanceToggle(stayedAway)).ToHaveAttributeAsync("aria-pressed", "false");
        await course.HoldSession.ClickAsync();

        await Expect(course.SessionHeld).ToContainTextAsync("1 deltager");
        await Expect(course.HoldSession).ToHaveCountAsync(0);
        await Expect(course.Sessions).ToHaveCountAsync(1);
        await Expect(course.Sessions).ToContainTextAsync("holdt, 1 deltager");
        await list.GotoAsync();
        await Expect(list.Course(courseName)).ToContainTextAsync("2 tilmeldt · 1 af 1 gange holdt");
    }

    /// <summary>A new resident through /beboere/ny: the form records consent to registration given today.</summary>
    private static async Task CreateResidentAsync(IPage page, string name, string birthDate)
    {
        var form = new ResidentFormPage(page);
        await form.GotoNewAsync();
        await form.FillNameAsync(name);
        await form.TypeBirthDateAsync(birthDate);
        await form.ChooseDepartmentAsync();
        await form.SaveAsync();
        await page.WaitForURLAsync(new Regex("/beboere/[0-9a-f-]{36}$"));
    }

    /// <summary>No sideways scrolling at tablet width, and the attendance buttons are large touch targets.</summary>
    private static async Task AssertTouchFriendlyAsync(IPage page, GroupCoursePage course)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= TabletWidth, $"The course page scrolls sideways: it is {scrollWidth} px wide.");
        var toggles = page.Locator("[data-testid=attendance-toggle]");
        await Expect(toggles).ToHaveCountAsync(2);
        foreach (var toggle in await toggles.AllAsync())
        {
            var box = await toggle.BoundingBoxAsync() ?? throw new InvalidOperationException("An attendance button is not displayed.");
            Assert.True(box.Height >= 44 && box.Width >= TabletWidth / 3, $"An attendance button is {box.Width:0} x {box.Height:0} px.");
        }
        var hold = await course.HoldSession.BoundingBoxAsync() ?? throw new InvalidOperationException("The hold button is not displayed.");
        Assert.True(hold.Height >= 44, $"The hold button is {hold.Height:0} px high.");
    }
}
