using BoligSocialt.App.Auth;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// The leaders' figures on hand-made cases with a fixed today of 15-05-2026: the last complete quarter is
/// 01-01-2026..31-03-2026, and closures count for the median when dated after 15-05-2025.
/// </summary>
public sealed class TeamStatisticsServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 5, 15);

    private TestDatabase _database = null!;
    private Actor _leader = null!, _head2 = null!, _anna = null!, _bo = null!, _carl = null!, _inactive = null!, _dorte2 = null!;
    // Anna's cases (see InitializeAsync for what each one is).
    private Made _a1 = null!, _a2 = null!, _a3 = null!, _a4 = null!, _a5 = null!, _a6 = null!, _a7 = null!, _a8 = null!, _a9 = null!;

    private sealed record Made(Guid Id, Guid ResidentId, Guid StaffId, string ActivityCode);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _leader = await _database.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1");
        _anna = await _database.AddStaffAsync("Anna Mentor", StaffRoles.Mentor, "Team1");
        _bo = await _database.AddStaffAsync("Bo Rådgiver", StaffRoles.Counsellor, "Team1");
        _carl = await _database.AddStaffAsync("Carl Mentor", StaffRoles.Mentor, "Team1");
        _inactive = await _database.AddStaffAsync("Ib Inaktiv", StaffRoles.Mentor, "Team1");
        _head2 = await _database.AddStaffAsync("Hanne Chef", StaffRoles.Head, "Team2");
        _dorte2 = await _database.AddStaffAsync("Dorte To", StaffRoles.Mentor, "Team2");
        await using (var db = _database.CreateDbContext())
        {
            (await db.StaffMembers.SingleAsync(s => s.Id == _inactive.StaffMemberId)).Deactivate();
            // The youth activity follows up every 60 days, the mentoring one every 30 (the default).
            (await db.Activities.SingleAsync(a => a.Code == Scenario.Team1Youth)).SetFollowUpInterval(60);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        // a1: open; agreed follow-up 01-05-2026 has passed; last entry 31-03-2026 (45 days, interval 30); 2 follow-ups in the
        // quarter (10-02 and 31-03), not counted: an event in the quarter and a phone call before it.
        _a1 = await CaseAsync(_anna, Scenario.Team1Mentoring, new(2025, 12, 1), new(2025, 12, 10),
            c => [c.RecordFollowUp(LogbookEntryKind.FollowUp, new(2026, 2, 10), null, new(2026, 5, 1), _anna.StaffMemberId, new(2026, 2, 10))]);
        await EntryAsync(_a1, new(2026, 3, 31), LogbookEntryKind.Conversation);
        await EntryAsync(_a1, new(2026, 3, 15), LogbookEntryKind.Event);
        await EntryAsync(_a1, new(2025, 12, 20), LogbookEntryKind.PhoneCall);
        // a2: open in the 60-day activity; last entry 10-04-2026 (35 days): no "ingen opfølgning"; 1 follow-up in the quarter,
        // the one of April is after it.
        _a2 = await CaseAsync(_anna, Scenario.Team1Youth, new(2026, 1, 5), new(2026, 1, 10));
        await EntryAsync(_a2, new(2026, 3, 20), LogbookEntryKind.FollowUp);
        await EntryAsync(_a2, new(2026, 4, 10), LogbookEntryKind.FollowUp);
        // a3: opened after the quarter, no entry: 25 days since it opened.
        _a3 = await CaseAsync(_anna, Scenario.Team1Mentoring, new(2026, 4, 1), new(2026, 4, 20));
        // a4: closed in the quarter, 228 days from referral; a three-party meeting in the quarter.
        _a4 = await CaseAsync(_anna, Scenario.Team1Mentoring, new(2025, 6, 1), new(2025, 6, 10), c => Closed(c, new(2026, 1, 15)));
        await EntryAsync(_a4, new(2026, 1, 5), LogbookEntryKind.ThreePartyMeeting);
        // a5: closed 30-04-2025, outside the 12 months; an aftercare call in the quarter does not count (not open in it).
        _a5 = await CaseAsync(_anna, Scenario.Team1Mentoring, new(2024, 11, 1), new(2024, 11, 10), c => Closed(c, new(2025, 4, 30)));
        await EntryAsync(_a5, new(2026, 2, 1), LogbookEntryKind.PhoneCall);
        // a6: closed before the quarter, within the 12 months: 91 days.
        _a6 = await CaseAsync(_anna, Scenario.Team1Mentoring, new(2025, 9, 1), new(2025, 9, 5), c => Closed(c, new(2025, 12, 1)));
        // a7: closed within the 12 months but without a referral: not in the median.
        _a7 = await CaseAsync(_anna, Scenario.Team1Mentoring, null, new(2025, 7, 1), c => Closed(c, new(2025, 10, 1)));
        // a8: closed in the quarter (01-03-2026), 243 days from referral, no follow-up in the quarter.
        _a8 = await CaseAsync(_anna, Scenario.Team1Mentoring, new(2025, 7, 1), new(2025, 8, 1), c => Closed(c, new(2026, 3, 1)));
        // a9: Anna's case in a Team2 activity: outside the Team1 leader's scope.
        _a9 = await CaseAsync(_anna, Scenario.Team2Crime, new(2026, 1, 2), new(2026, 1, 3));

        // Bo: two closures, 10 and 21 days from referral (median 15.5), nothing open in the quarter.
        await CaseAsync(_bo, Scenario.Team1Youth, new(2025, 10, 1), new(2025, 10, 5), c => Closed(c, new(2025, 10, 11)));
        await CaseAsync(_bo, Scenario.Team1Youth, new(2025, 11, 1), new(2025, 11, 2), c => Closed(c, new(2025, 11, 22)));
        // An inactive mentor's and another team's cases.
        await CaseAsync(_inactive, Scenario.Team1Mentoring, new(2026, 1, 5), new(2026, 1, 6));
        await CaseAsync(_dorte2, Scenario.Team2Crime, new(2026, 1, 5), new(2026, 1, 6));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private TeamStatisticsService Service(Actor actor) =>
        new(_database, new FakeCurrentUser(actor), new FixedClock(new DateTimeOffset(Today.Year, Today.Month, Today.Day, 10, 0, 0, TimeSpan.Zero)));

    private static IEnumerable<LogbookEntry> Closed(Case c, DateOnly on)
    {
        c.Close(on, ClosureReason.GoalsReached, new Dictionary<Guid, GoalStatus>(), true, null, Today);
        return [];
    }

    /// <summary>A case opened on a date, from a referral received on a date (or none); the entries the shape returns are saved with it.</summary>
    private async Task<Made> CaseAsync(Actor staff, string activityCode, DateOnly? received, DateOnly opened,
        Func<Case, IEnumerable<LogbookEntry>>? shape = null)
    {
        var resident = await Scenario.AddResidentAsync(_database, $"Beboer {Guid.NewGuid():N}"[..14]);
        await using var db = _database.CreateDbContext();
        var activity = await Scenario.ActivityAsync(db, activityCode);
        Case made;
        if (received is { } on)
        {
            var referral = new Referral(await db.Residents.SingleAsync(r => r.Id == resident.Id), activity, Referral.SelfReferralSource,
                null, null, "Ønsker hjælp", on, null, Today);
            referral.AllocateTo(staff.StaffMemberId, on);
            made = referral.Accept(activity, opened);
            db.Referrals.Add(referral);
        }
        else
        {
            made = Case.Open(resident.Id, activity, staff.StaffMemberId, opened);
        }
        if (shape is not null) db.LogbookEntries.AddRange(shape(made).ToList());
        db.Cases.Add(made);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return new Made(made.Id, resident.Id, staff.StaffMemberId, activityCode);
    }

    private Task EntryAsync(Made c, DateOnly on, LogbookEntryKind kind) =>
        Scenario.AddLogbookEntryAsync(_database, c.StaffId, c.ActivityCode, [c.ResidentId], on, kind, caseId: c.Id);

    private async Task<HashSet<Guid>> ListAsync(Actor staff, TeamFigure figure) =>
        (await Service(_leader).CasesAsync(staff.StaffMemberId, figure)).Cases.Select(c => c.Id).ToHashSet();

    [Fact]
    public async Task Each_active_caseworker_of_the_team_gets_the_figures_as_defined()
    {
        var stats = await Service(_leader).LoadAsync();

        Assert.Equal(new DateOnly(2026, 1, 1), stats.QuarterStart);
        Assert.Equal(new DateOnly(2026, 3, 31), stats.QuarterEnd);
        Assert.Equal("1. kvartal 2026", stats.QuarterName);
        Assert.Equal(new DateOnly(2025, 5, 15), stats.ClosedAfter);
        // Not the leader, not the inactive mentor, not another team's mentor.
        Assert.Equal(["Anna Mentor", "Bo Rådgiver", "Carl Mentor"], stats.Staff.Select(s => s.Name));
        var anna = stats.Staff[0];
        Assert.Equal((3, 1, 1), (anna.OpenCases, anna.FollowUpOverdue, anna.WithoutFollowUp));
        Assert.Equal(228, anna.MedianDaysToClosure);             // of 91, 228 and 243
        Assert.Equal(0.3, anna.FollowUpsPerCaseMonth);           // 4 follow-ups / 4 cases (a1, a2, a4, a8) / 3
        Assert.Equal(["3", "1", "1", "228", "0,3"], Enum.GetValues<TeamFigure>().Select(anna.Display));
        var bo = stats.Staff[1];
        Assert.Equal(15.5, bo.MedianDaysToClosure);
        Assert.Null(bo.FollowUpsPerCaseMonth);
        Assert.Equal(["0", "0", "0", "15,5", "–"], Enum.GetValues<TeamFigure>().Select(bo.Display));
        Assert.Equal(["0", "0", "0", "–", "–"], Enum.GetValues<TeamFigure>().Select(stats.Staff[2].Display));
    }

    [Fact]
    public async Task The_list_behind_each_figure_holds_exactly_the_cases_it_counts()
    {
        Assert.Equal([_a1.Id, _a2.Id, _a3.Id], await ListAsync(_anna, TeamFigure.OpenCases));
        Assert.Equal([_a1.Id], await ListAsync(_anna, TeamFigure.FollowUpOverdue));
        Assert.Equal([_a1.Id], await ListAsync(_anna, TeamFigure.WithoutFollowUp));
        Assert.Equal([_a4.Id, _a6.Id, _a8.Id], await ListAsync(_anna, TeamFigure.ReferralToClosure));
        Assert.Equal([_a1.Id, _a2.Id, _a4.Id, _a8.Id], await ListAsync(_anna, TeamFigure.FollowUpsPerCase));
        Assert.Empty(await ListAsync(_carl, TeamFigure.OpenCases));
        Assert.DoesNotContain(_a9.Id, await ListAsync(_anna, TeamFigure.OpenCases));
        Assert.DoesNotContain(_a5.Id, await ListAsync(_anna, TeamFigure.ReferralToClosure));
        Assert.DoesNotContain(_a7.Id, await ListAsync(_anna, TeamFigure.ReferralToClosure));
    }

    [Fact]
    public async Task A_list_row_carries_the_days_and_the_date_of_its_figure()
    {
        var service = Service(_leader);

        var overdue = Assert.Single((await service.CasesAsync(_anna.StaffMemberId, TeamFigure.FollowUpOverdue)).Cases);
        Assert.Equal((14, new DateOnly(2026, 5, 1)), (overdue.Days, overdue.Date));
        Assert.Equal(new DateOnly(2025, 12, 10), overdue.OpenedOn);
        var without = Assert.Single((await service.CasesAsync(_anna.StaffMemberId, TeamFigure.WithoutFollowUp)).Cases);
        Assert.Equal((45, new DateOnly(2026, 3, 31), 30), (without.Days, without.Date, without.Extra));
        var closures = (await service.CasesAsync(_anna.StaffMemberId, TeamFigure.ReferralToClosure)).Cases;
        Assert.Equal([(243, new DateOnly(2026, 3, 1)), (228, new DateOnly(2026, 1, 15)), (91, new DateOnly(2025, 12, 1))],
            closures.Select(c => (c.Days, c.Date!.Value)));
        var quarter = (await service.CasesAsync(_anna.StaffMemberId, TeamFigure.FollowUpsPerCase)).Cases.ToDictionary(c => c.Id);
        // Days open in the quarter, the latest follow-up in it, how many.
        Assert.Equal((90, new DateOnly(2026, 3, 31), 2), (quarter[_a1.Id].Days, quarter[_a1.Id].Date, quarter[_a1.Id].Extra));
        Assert.Equal((81, new DateOnly(2026, 3, 20), 1), (quarter[_a2.Id].Days, quarter[_a2.Id].Date, quarter[_a2.Id].Extra));
        Assert.Equal((15, new DateOnly(2026, 1, 5), 1), (quarter[_a4.Id].Days, quarter[_a4.Id].Date, quarter[_a4.Id].Extra));
        Assert.Equal((60, (DateOnly?)null, 0), (quarter[_a8.Id].Days, quarter[_a8.Id].Date, quarter[_a8.Id].Extra));
    }

    [Fact]
    public async Task Every_figure_agrees_with_its_list()
    {
        var service = Service(_leader);
        foreach (var staff in (await service.LoadAsync()).Staff)
        {
            async Task<IReadOnlyList<FigureCase>> List(TeamFigure figure) => (await service.CasesAsync(staff.Id, figure)).Cases;
            Assert.Equal(staff.OpenCases, (await List(TeamFigure.OpenCases)).Count);
            Assert.Equal(staff.FollowUpOverdue, (await List(TeamFigure.FollowUpOverdue)).Count);
            Assert.Equal(staff.WithoutFollowUp, (await List(TeamFigure.WithoutFollowUp)).Count);
            var days = (await List(TeamFigure.ReferralToClosure)).Select(c => (double)c.Days).Order().ToList();
            Assert.Equal(days.Count == 0 ? null : (days[(days.Count - 1) / 2] + days[days.Count / 2]) / 2, staff.MedianDaysToClosure);
            var quarter = await List(TeamFigure.FollowUpsPerCase);
            Assert.Equal(quarter.Count == 0 ? null : Math.Round((double)quarter.Sum(c => c.Extra!.Value) / quarter.Count / 3, 1, MidpointRounding.AwayFromZero),
                staff.FollowUpsPerCaseMonth);
        }
    }

    [Fact]
    public async Task The_head_of_another_team_sees_only_that_team()
    {
        var service = Service(_head2);

        var staff = Assert.Single((await service.LoadAsync()).Staff);
        Assert.Equal(("Dorte To", 1), (staff.Name, staff.OpenCases));
        await Assert.ThrowsAsync<NotFoundException>(() => service.CasesAsync(_anna.StaffMemberId, TeamFigure.OpenCases));
    }

    [Fact]
    public async Task A_mentor_gets_not_found()
    {
        var service = Service(_anna);

        await Assert.ThrowsAsync<NotFoundException>(() => service.LoadAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => service.CasesAsync(_anna.StaffMemberId, TeamFigure.OpenCases));
    }

    [Fact]
    public async Task There_is_no_list_for_someone_not_in_the_table()
    {
        var service = Service(_leader);

        await Assert.ThrowsAsync<NotFoundException>(() => service.CasesAsync(_inactive.StaffMemberId, TeamFigure.OpenCases));
        await Assert.ThrowsAsync<NotFoundException>(() => service.CasesAsync(_leader.StaffMemberId, TeamFigure.OpenCases));
        await Assert.ThrowsAsync<NotFoundException>(() => service.CasesAsync(Guid.NewGuid(), TeamFigure.OpenCases));
    }
}
