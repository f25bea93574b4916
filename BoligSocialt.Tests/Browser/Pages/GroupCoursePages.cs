using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>/gruppeforloeb: the staff member's group courses and the form for a new one.</summary>
public sealed class GroupCourseListPage(IPage page)
{
    public const string Path = "/gruppeforloeb";

    public ILocator Name => page.Locator("input[data-testid=course-name]");

    /// <summary>MudSelect moves its attributes from the empty input to a div showing the chosen text once a value is set.</summary>
    public ILocator Activity => page.Locator("[data-testid=course-activity]");

    public ILocator Create => page.Locator("[data-testid=create-course]");

    public ILocator Course(string name) => page.Locator("[data-testid=course]", new() { HasText = name });

    public async Task GotoAsync()
    {
        await AppServer.GotoAsync(page, Path);
        await Expect(Create).ToBeVisibleAsync();
    }

    /// <summary>Fills the form (the start date is today already), creates the course and waits for its page; returns its id.</summary>
    public async Task<Guid> CreateAsync(string name, string activity)
    {
        await Name.FillAsync(name);
        await Activity.ClickAsync();
        var option = page.Locator(".mud-popover-open [role=option]", new() { HasText = activity }).First;
        await Expect(option).ToBeVisibleAsync();
        await option.ClickAsync();
        await Expect(Activity).ToHaveTextAsync(activity);
        await Create.ClickAsync();
        await page.WaitForURLAsync(new Regex("/gruppeforloeb/[0-9a-f-]{36}$"));
        return Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
    }
}

/// <summary>/gruppeforloeb/{id}: enrolled residents, sessions, and the attendance list of the chosen session.</summary>
public sealed class GroupCoursePage(IPage page)
{
    public ILocator Title => page.Locator("[data-testid=course-title]");

    public ILocator EnrolSearch => page.Locator("input[data-testid=enrol-search]");

    public ILocator PlanSession => page.Locator("[data-testid=plan-session]");

    public ILocator Sessions => page.Locator("[data-testid=session]");

    public ILocator HoldSession => page.Locator("[data-testid=hold-session]");

    public ILocator SessionHeld => page.Locator("[data-testid=session-held]");

    public ILocator Participant(string name) => page.Locator("[data-testid=participant]", new() { HasText = name });

    /// <summary>The one large button per person on the attendance list.</summary>
    public ILocator AttendanceToggle(string name) => page.Locator("[data-testid=attendance-toggle]", new() { HasText = name });

    /// <summary>Searches the organisation's residents as one types and enrols the one with the name with one tap.</summary>
    public async Task EnrolAsync(string name)
    {
        await EnrolSearch.FillAsync(name);
        var option = page.Locator("[data-testid=enrol-option]", new() { HasText = name });
        await Expect(option).ToHaveCountAsync(1);
        await option.ClickAsync();
        await Expect(Participant(name)).ToBeVisibleAsync();
    }

    /// <summary>Plans a session on the date the form starts with (today); the new session is chosen for attendance.</summary>
    public async Task PlanSessionTodayAsync()
    {
        var before = await Sessions.CountAsync();
        await PlanSession.ClickAsync();
        await Expect(Sessions).ToHaveCountAsync(before + 1);
        await Expect(page.Locator("[data-testid=attendance]")).ToBeVisibleAsync();
    }

    public async Task TapAttendanceAsync(string name, bool expectedCame)
    {
        await AttendanceToggle(name).ClickAsync();
        await Expect(AttendanceToggle(name)).ToHaveAttributeAsync("aria-pressed", expectedCame ? "true" : "false");
    }
}
