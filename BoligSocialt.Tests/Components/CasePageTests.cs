using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace BoligSocialt.Tests.Components;

/// <summary>The case page over its real services and a real SQLite database, signed in as the case's mentor.</summary>
public sealed class CasePageTests : MudTestContext
{
    private TestDatabase _db = null!;
    private Actor _mentor = null!;
    private Actor _leader = null!;
    private Case _case = null!;

    public override async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _mentor = await _db.AddStaffAsync("Mette Mentor", StaffRoles.Mentor, "Team1");
        _leader = await _db.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1");
        var resident = await Scenario.AddResidentAsync(_db, "Amina Hussein", _mentor.StaffMemberId);
        _case = await Scenario.AddCaseAsync(_db, resident.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(_mentor));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<CaseQueries>();
        Services.AddScoped<CaseService>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private static DateOnly Today => Scenario.Today;

    private IRenderedComponent<CasePage> RenderPage()
    {
        var cut = Render<CasePage>(p => p.Add(x => x.Id, _case.Id));
        cut.WaitForElement("[data-testid=case-title]");
        return cut;
    }

    private async Task<Case> LoadAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Id == _case.Id);
    }

    private async Task WithGoalsAsync(params string[] goals) =>
        await new CaseService(_db, new FakeCurrentUser(_mentor), TimeProvider.System)
            .RecordStartMeetingAsync(_case.Id, 0, Scenario.Accepted.AddDays(4), "Jens Hansen", "Jobcenter Odense", [], goals, null);

    [Fact]
    public async Task The_start_meeting_form_records_the_three_party_meeting_with_its_goals()
    {
        var cut = RenderPage();
        Assert.Equal("Startmøde mangler", cut.Find("[data-testid=start-meeting-missing]").TextContent.Trim());
        Assert.Contains("3-partssamtale", cut.Find("[data-testid=start-meeting]").TextContent);

        await cut.Find("[data-testid=start-meeting-counsellor]").ChangeAsync(new ChangeEventArgs { Value = "Jens Hansen" });
        await cut.Find("[data-testid=start-meeting-goal]").ChangeAsync(new ChangeEventArgs { Value = "Skrive CV" });
        await cut.Find("[data-testid=start-meeting-add-goal]").ClickAsync(new MouseEventArgs());
        await cut.FindAll("[data-testid=start-meeting-goal]")[1].ChangeAsync(new ChangeEventArgs { Value = "Finde praktikplads" });
        await TypeNoteAsync(cut, "start-meeting-note", "Godt møde");
        await cut.Find("[data-testid=start-meeting-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=start-meeting]")));
        Assert.Empty(cut.FindAll("[data-testid=start-meeting-missing]"));
        Assert.Empty(cut.FindAll("[data-testid=case-error]"));
        Assert.Equal(["Finde praktikplads", "Skrive CV"],
            cut.FindAll("[data-testid=goal-text]").Select(g => g.TextContent.Trim()).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("3-partssamtale · Mette Mentor: Startmøde med Jobrådgiver Jens Hansen, Jobcenter Odense. Godt møde",
            cut.Find("[data-testid=timeline-item]").TextContent);
        var saved = await LoadAsync();
        Assert.Equal((Today, "Jobrådgiver Jens Hansen, Jobcenter Odense"), (saved.StartMeetingHeldOn, saved.StartMeetingParticipants));
    }

    [Fact]
    public async Task The_goal_editor_changes_a_goals_status()
    {
        await WithGoalsAsync("Skrive CV");
        var cut = RenderPage();

        var status = Input<MudSelect<GoalStatus>>(cut, "goal-status");
        await cut.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(GoalStatus.Reached));

        cut.WaitForAssertion(() => Assert.Equal(GoalStatus.Reached, Input<MudSelect<GoalStatus>>(cut, "goal-status").Instance.GetState(x => x.Value)));
        var saved = await LoadAsync();
        Assert.Equal((GoalStatus.Reached, 2), (Assert.Single(saved.Goals).Status, saved.Version));
    }

    [Fact]
    public async Task The_closure_form_refuses_without_a_reason_or_without_a_status_for_every_goal_and_saves_nothing()
    {
        await WithGoalsAsync("Skrive CV", "Finde praktikplads");
        var cut = RenderPage();
        await cut.Find("[data-testid=close-open]").ClickAsync(new MouseEventArgs());
        var goalStatuses = cut.FindComponents<MudSelect<GoalStatus?>>()
            .Where(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "close-goal-status").ToList();
        Assert.Equal(2, goalStatuses.Count);
        foreach (var select in goalStatuses)
            await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(GoalStatus.Reached));

        await cut.Find("[data-testid=close-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("Vælg en årsag til afslutningen.", cut.Find("[data-testid=case-error]").TextContent.Trim()));
        Assert.Equal((CaseStatus.Open, 1), ((await LoadAsync()).Status, (await LoadAsync()).Version));

        var reason = Input<MudSelect<ClosureReason?>>(cut, "close-reason");
        await cut.InvokeAsync(() => reason.Instance.ValueChanged.InvokeAsync(ClosureReason.GoalsReached));
        await cut.InvokeAsync(() => goalStatuses[1].Instance.ValueChanged.InvokeAsync(null));
        await cut.Find("[data-testid=close-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("Angiv status for alle mål før forløbet afsluttes.", cut.Find("[data-testid=case-error]").TextContent.Trim()));
        var saved = await LoadAsync();
        Assert.Equal((CaseStatus.Open, 1), (saved.Status, saved.Version));
        Assert.All(saved.Goals, g => Assert.Equal(GoalStatus.InProgress, g.Status));
        // The form is still open with the reason chosen: only the missing status is left to give.
        Assert.Equal(ClosureReason.GoalsReached, Input<MudSelect<ClosureReason?>>(cut, "close-reason").Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task The_closure_form_closes_the_case_with_every_goals_status()
    {
        await WithGoalsAsync("Skrive CV");
        var cut = RenderPage();
        await cut.Find("[data-testid=close-open]").ClickAsync(new MouseEventArgs());
        var goalStatus = Input<MudSelect<GoalStatus?>>(cut, "close-goal-status");
        await cut.InvokeAsync(() => goalStatus.Instance.ValueChanged.InvokeAsync(GoalStatus.PartlyReached));
        var reason = Input<MudSelect<ClosureReason?>>(cut, "close-reason");
        await cut.InvokeAsync(() => reason.Instance.ValueChanged.InvokeAsync(ClosureReason.GoalsReached));
        var agreed = Input<MudCheckBox<bool>>(cut, "close-resident-agreed");
        await cut.InvokeAsync(() => agreed.Instance.ValueChanged.InvokeAsync(true));

        await cut.Find("[data-testid=close-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("Mål nået", cut.Find("[data-testid=closure-reason]").TextContent));
        Assert.Equal("Afsluttet", cut.Find("[data-testid=case-status]").TextContent.Trim());
        Assert.NotEmpty(cut.FindAll("[data-testid=reopen]"));
        var saved = await LoadAsync();
        Assert.Equal(new Closure(Today, ClosureReason.GoalsReached, true, null), saved.Closure);
        Assert.Equal(GoalStatus.PartlyReached, Assert.Single(saved.Goals).Status);
    }

    [Fact]
    public async Task When_someone_else_saved_first_the_page_says_so_shows_their_change_and_keeps_the_typed_note()
    {
        var cut = RenderPage();
        await TypeNoteAsync(cut, "follow-up-note", "Talte om jobsøgning");
        // Meanwhile, on the leader's tablet:
        await new CaseService(_db, new FakeCurrentUser(_leader), TimeProvider.System).AddGoalAsync(_case.Id, 0, "Leaderens mål");

        await cut.Find("[data-testid=follow-up-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.StartsWith("Forløbet er lige blevet ændret af Lone Leder.", cut.Find("[data-testid=case-error]").TextContent.Trim()));
        Assert.Equal("Leaderens mål", cut.Find("[data-testid=goal-text]").TextContent.Trim());
        Assert.Equal("Talte om jobsøgning", Input<MudTextField<string>>(cut, "follow-up-note").Instance.GetState(x => x.Value));
        Assert.Equal(0, await Scenario.CountRowsAsync(_db, "LogbookEntries"));

        // Saving again applies what was typed on the version now shown, and empties the note.
        await cut.Find("[data-testid=follow-up-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("Talte om jobsøgning", cut.Find("[data-testid=timeline-item]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=case-error]"));
        Assert.Null(Input<MudTextField<string>>(cut, "follow-up-note").Instance.GetState(x => x.Value));
    }

    [Fact]
    public void A_case_out_of_scope_is_not_found()
    {
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(new Actor(Guid.NewGuid(), StaffRoles.Mentor, _mentor.TeamId)));

        var cut = Render<CasePage>(p => p.Add(x => x.Id, _case.Id));

        cut.WaitForElement("[data-testid=not-found]");
        Assert.Empty(cut.FindAll("[data-testid=case-title]"));
    }

    /// <summary>
    /// Types into a note that keeps a draft in the browser (DraftNote) once it may be typed in. bUnit's loose JS interop
    /// answers the draft module's calls with defaults: nothing stored, so nothing is offered.
    /// </summary>
    private static async Task TypeNoteAsync(IRenderedComponent<CasePage> cut, string testId, string text)
    {
        var selector = $"textarea[data-testid={testId}]";
        cut.WaitForAssertion(() => Assert.False(cut.Find(selector).HasAttribute("disabled")));
        await cut.Find(selector).InputAsync(new ChangeEventArgs { Value = text });
    }

    /// <summary>A MudBlazor input of the page by its data-testid, set in tests through its change callback, as a choice does.</summary>
    private static IRenderedComponent<TComponent> Input<TComponent>(IRenderedComponent<CasePage> cut, string testId)
        where TComponent : MudComponentBase =>
        cut.FindComponents<TComponent>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);
}
