using BoligSocialt.App.Auth;
using BoligSocialt.App.Features.Home;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>The start page of a mentor: open cases ordered by what needs doing, and the aftercare calls due.</summary>
public sealed class MentorDayTests : IAsyncLifetime
{
    /// <summary>Forty days on: a follow-up agreed for ten days from now is then overdue.</summary>
    private static readonly DateOnly Later = Scenario.Today.AddDays(40);

    private TestDatabase _database = null!;
    private Actor _mentor = null!;
    private Actor _colleague = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        _colleague = await _database.AddStaffAsync("Sofie Nielsen", StaffRoles.Mentor, "Team1");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<StartPageContent> PageAsync() =>
        await new StartPageQueries(_database, new FakeCurrentUser(_mentor),
            new FixedClock(new DateTimeOffset(Later.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero))).GetAsync();

    private async Task<Guid> CaseAsync(string resident, string activity, Guid responsible, Action<Case, Activity>? shape = null)
    {
        var person = await Scenario.AddResidentAsync(_database, resident);
        return (await Scenario.AddCaseAsync(_database, person.Id, activity, responsible, shape)).Id;
    }

    /// <summary>A follow-up in the case's logbook on a date, with the next one due then.</summary>
    private async Task FollowUpAsync(Guid caseId, DateOnly on, DateOnly? next)
    {
        await using var db = _database.CreateDbContext();
        var found = await db.Cases.SingleAsync(c => c.Id == caseId);
        db.LogbookEntries.Add(found.RecordFollowUp(LogbookEntryKind.FollowUp, on, null, next, _mentor.StaffMemberId, Scenario.Today));
        db.AuditActor = "test";
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Open_cases_come_in_the_order_of_what_needs_doing()
    {
        var quiet = await CaseAsync("Stille Sara", Scenario.Team1Youth, _mentor.StaffMemberId);
        var overdue = await CaseAsync("Overskredet Omar", Scenario.Team1Youth, _mentor.StaffMemberId);
        var noMeeting = await CaseAsync("Mangler Mona", Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var agreement = await CaseAsync("Aftale Ali", Scenario.Team1Youth, _mentor.StaffMemberId,
            (c, _) => c.AddAgreement("Send CV", "Ali", Later.AddDays(-1)));
        await FollowUpAsync(quiet, Scenario.Today, Later.AddDays(5));
        await FollowUpAsync(overdue, Scenario.Today, Scenario.Today.AddDays(10));
        await FollowUpAsync(noMeeting, Scenario.Today, Later);
        await FollowUpAsync(agreement, Scenario.Today, Later);

        var cases = (await PageAsync()).MyCases!;

        Assert.Equal([overdue, noMeeting, agreement, quiet], cases.Select(c => c.Id).ToArray());
        Assert.Equal(Scenario.Today.AddDays(10), cases[0].FollowUpOverdueSince);
        Assert.True(cases[1].StartMeetingMissing);
        Assert.Equal(1, cases[2].AgreementsDue);
        Assert.Equal(((DateOnly?)null, 0, false), (cases[3].FollowUpOverdueSince, cases[3].AgreementsDue, cases[3].StartMeetingMissing));
    }

    [Fact]
    public async Task A_case_with_nothing_recorded_for_longer_than_the_activitys_interval_says_for_how_long()
    {
        var silent = await CaseAsync("Stille Sara", Scenario.Team1Youth, _mentor.StaffMemberId);
        await FollowUpAsync(silent, Scenario.Today, null);

        var item = Assert.Single((await PageAsync()).MyCases!);

        Assert.Equal(40, item.DaysWithoutFollowUp); // the youth activity's interval is the default 30 days
    }

    [Fact]
    public async Task Cases_I_assist_in_are_on_my_list_and_marked_so_and_a_colleagues_other_cases_are_not()
    {
        var assisting = await CaseAsync("Fælles Fatima", Scenario.Team1Youth, _colleague.StaffMemberId, (c, _) => c.AddAssistant(_mentor.StaffMemberId));
        await CaseAsync("Kollegas Karl", Scenario.Team1Youth, _colleague.StaffMemberId);

        var item = Assert.Single((await PageAsync()).MyCases!);

        Assert.Equal((assisting, true), (item.Id, item.Assisting));
    }

    [Fact]
    public async Task A_closed_case_with_aftercare_shows_one_line_for_the_oldest_call_due()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Efterværn Emil");
        Guid caseId;
        await using (var db = _database.CreateDbContext())
        {
            var directlyIntoWork = await Scenario.ActivityAsync(db, "DIJ");
            var opened = Case.Open(resident.Id, directlyIntoWork, _mentor.StaffMemberId, new DateOnly(2024, 1, 10));
            opened.Close(new DateOnly(2024, 6, 1), ClosureReason.GoalsReached, new Dictionary<Guid, GoalStatus>(), true, null, Scenario.Today);
            opened.SkipAftercareCall(opened.AftercareCalls.First().Id, "Ferie");
            db.Cases.Add(opened);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
            caseId = opened.Id;
        }

        var page = await PageAsync();

        var due = Assert.Single(page.AftercareCallsDue!);
        Assert.Equal((caseId, "Efterværn Emil", "Direkte i job", new DateOnly(2024, 8, 1)), (due.CaseId, due.Resident, due.Activity, due.DueOn));
        Assert.Empty(page.MyCases!);
    }
}
