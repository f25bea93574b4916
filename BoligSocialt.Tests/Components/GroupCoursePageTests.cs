using AngleSharp.Dom;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.GroupCourses;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BoligSocialt.Tests.Components;

/// <summary>The group course's page over the real services and a temporary SQLite database: attendance is one tap per person.</summary>
public sealed class GroupCoursePageTests : MudTestContext
{
    private TestDatabase _db = null!;
    private FakeCurrentUser _currentUser = null!;
    private Resident _amina = null!;
    private Resident _fatima = null!;
    private Guid _courseId;
    private Guid _sessionId;

    public override async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _currentUser = new FakeCurrentUser(await _db.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1"));
        _amina = await Scenario.AddResidentAsync(_db, "Amina Hussein");
        _fatima = await Scenario.AddResidentAsync(_db, "Fatima Omar");
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(_currentUser);
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ResidentService>();
        Services.AddScoped<GroupCourseService>();

        var courses = Services.GetRequiredService<GroupCourseService>();
        await using var db = _db.CreateDbContext();
        var activityId = await db.Activities.Where(a => a.Code == "BLK").Select(a => a.Id).SingleAsync();
        _courseId = await courses.CreateAsync(new GroupCourseForm
        {
            Name = "Dig, mig og arbejde",
            ActivityId = activityId,
            StartsOn = Scenario.Today.AddDays(-14).ToDateTime(TimeOnly.MinValue),
        });
        await courses.EnrolAsync(_courseId, _amina.Id);
        await courses.EnrolAsync(_courseId, _fatima.Id);
        _sessionId = (await courses.PlanSessionAsync(_courseId, Scenario.Today.ToDateTime(TimeOnly.MinValue), "CV")).Sessions.Single().Id;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private IRenderedComponent<GroupCoursePage> RenderCourse() => Render<GroupCoursePage>(p => p.Add(x => x.Id, _courseId));

    private static IElement Toggle(IRenderedComponent<GroupCoursePage> cut, string name) =>
        cut.FindAll("[data-testid=attendance-toggle]").Single(b => b.TextContent.Contains(name));

    private async Task<Guid[]> AttendeesAsync()
    {
        await using var db = _db.CreateDbContext();
        var course = await db.GroupCourses.AsNoTracking().SingleAsync(g => g.Id == _courseId);
        return course.Sessions.Single(s => s.Id == _sessionId).Attendees.Select(a => a.ResidentId).ToArray();
    }

    [Fact]
    public async Task One_tap_marks_a_resident_as_come_and_saves_it_and_the_next_tap_undoes_it()
    {
        var cut = RenderCourse();
        cut.WaitForElement("[data-testid=attendance-toggle]");
        Assert.Equal("false", Toggle(cut, "Amina Hussein").GetAttribute("aria-pressed"));
        Assert.Equal("Ikke kommet", Toggle(cut, "Amina Hussein").QuerySelector("[data-testid=attendance-state]")!.TextContent);

        Toggle(cut, "Amina Hussein").Click();

        cut.WaitForAssertion(() => Assert.Equal("true", Toggle(cut, "Amina Hussein").GetAttribute("aria-pressed")));
        Assert.Equal("Kom", Toggle(cut, "Amina Hussein").QuerySelector("[data-testid=attendance-state]")!.TextContent);
        Assert.Equal("false", Toggle(cut, "Fatima Omar").GetAttribute("aria-pressed"));
        Assert.Equal([_amina.Id], await AttendeesAsync());

        Toggle(cut, "Amina Hussein").Click();

        cut.WaitForAssertion(() => Assert.Equal("false", Toggle(cut, "Amina Hussein").GetAttribute("aria-pressed")));
        Assert.Empty(await AttendeesAsync());
    }

    [Fact]
    public async Task Holding_the_session_writes_the_logbook_entry_of_those_who_came_and_shows_it_held()
    {
        var cut = RenderCourse();
        cut.WaitForElement("[data-testid=attendance-toggle]");
        Toggle(cut, "Fatima Omar").Click();
        cut.WaitForAssertion(() => Assert.Contains("(1 deltager)", cut.Find("[data-testid=hold-session]").TextContent));

        cut.Find("[data-testid=hold-session]").Click();

        cut.WaitForAssertion(() => Assert.Contains("1 deltager", cut.Find("[data-testid=session-held]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=hold-session]"));
        Assert.Contains("holdt, 1 deltager", cut.Find("[data-testid=session]").TextContent);
        await using var db = _db.CreateDbContext();
        var entry = await db.LogbookEntries.AsNoTracking().SingleAsync(e => e.GroupCourseId == _courseId);
        Assert.Equal(LogbookEntryKind.GroupSession, entry.Kind);
        Assert.Equal([_fatima.Id], entry.Participants.Select(p => p.ResidentId).ToArray());
    }

    [Fact]
    public async Task Holding_a_session_nobody_came_to_says_so_in_Danish_and_writes_nothing()
    {
        var cut = RenderCourse();

        cut.WaitForElement("[data-testid=hold-session]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Markér mindst én beboer, der kom.", cut.Find("[data-testid=course-error]").TextContent.Trim()));
        await using var db = _db.CreateDbContext();
        Assert.False(await db.LogbookEntries.AnyAsync(e => e.GroupCourseId == _courseId));
    }

    [Fact]
    public async Task A_resident_found_by_search_is_enrolled_with_one_tap_and_joins_the_attendance_list()
    {
        await Scenario.AddResidentAsync(_db, "Leyla Khan");
        var cut = RenderCourse();
        cut.WaitForElement("[data-testid=attendance-toggle]");

        cut.Find("input[data-testid=enrol-search]").Input("leyla");
        var option = cut.WaitForElement("[data-testid=enrol-option]", TimeSpan.FromSeconds(5));
        Assert.Contains("Leyla Khan", option.TextContent);
        option.Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=attendance-toggle]").Count));
        Assert.Contains(cut.FindAll("[data-testid=participant]"), p => p.TextContent.Contains("Leyla Khan"));
        Assert.Empty(cut.FindAll("[data-testid=enrol-option]"));
    }

    [Fact]
    public async Task Another_teams_mentor_finds_nothing()
    {
        _currentUser.Actor = await _db.AddStaffAsync("Karim Yousef", StaffRoles.Mentor, "Team2");

        var cut = RenderCourse();

        cut.WaitForElement("[data-testid=not-found]");
        Assert.Empty(cut.FindAll("[data-testid=attendance-toggle]"));
    }
}
