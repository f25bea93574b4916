using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BoligSocialt.Tests.Services;

public sealed class CaseServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Actor _leader = null!;
    private Actor _mentor = null!;
    private Actor _colleague = null!;
    private Actor _otherTeamMentor = null!;
    private Actor _analyst = null!;
    private Actor _administrator = null!;
    private Resident _resident = null!;
    private Case _case = null!;

    private static DateOnly Today => Scenario.Today;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _leader = await _database.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1");
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        _colleague = await _database.AddStaffAsync("Sofie Nielsen", StaffRoles.Counsellor, "Team1");
        _otherTeamMentor = await _database.AddStaffAsync("Karim Yousef", StaffRoles.Mentor, "Team2");
        _analyst = await _database.AddStaffAsync("Peter Analytiker", StaffRoles.Analyst);
        _administrator = await _database.AddStaffAsync("Anne Admin", StaffRoles.Administrator);
        _resident = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentor.StaffMemberId);
        _case = await Scenario.AddCaseAsync(_database, _resident.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CaseService ServiceFor(Actor actor, IDbContextFactory<AppDbContext>? factory = null) =>
        new(factory ?? _database, new FakeCurrentUser(actor), TimeProvider.System);

    private CaseQueries QueriesFor(Actor actor, DateOnly? today = null) =>
        new(_database, new FakeCurrentUser(actor), today is { } d ? new FixedClock(new DateTimeOffset(d.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)) : TimeProvider.System);

    private async Task<Case> LoadAsync(Guid? id = null)
    {
        await using var db = _database.CreateDbContext();
        return await db.Cases.AsNoTracking().Include(c => c.Outcomes).SingleAsync(c => c.Id == (id ?? _case.Id));
    }

    private async Task<List<LogbookEntry>> EntriesAsync(Guid? caseId = null)
    {
        await using var db = _database.CreateDbContext();
        return await db.LogbookEntries.AsNoTracking().Where(e => e.CaseId == (caseId ?? _case.Id)).OrderBy(e => e.Date).ToListAsync();
    }

    private async Task<Case> WithStartMeetingAsync(params string[] goals)
    {
        await ServiceFor(_mentor).RecordStartMeetingAsync(_case.Id, 0, Scenario.Accepted.AddDays(4), "Jens Hansen", "Jobcenter Odense", [],
            goals.Length == 0 ? ["Skrive CV"] : goals, null);
        return await LoadAsync();
    }

    /// <summary>A case of an activity of the 2021-2024 plan, opened directly (its referral would have arrived in that plan).</summary>
    private async Task<Case> AddOldPlanCaseAsync(string activityCode, Actor responsible, DateOnly openedOn)
    {
        await using var db = _database.CreateDbContext();
        var activity = await Scenario.ActivityAsync(db, activityCode);
        var opened = Case.Open(_resident.Id, activity, responsible.StaffMemberId, openedOn);
        db.Cases.Add(opened);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return opened;
    }

    // ---- start meeting ----

    [Fact]
    public async Task A_three_party_start_meeting_records_who_took_part_the_goals_and_a_logbook_entry_of_the_case()
    {
        var before = await Scenario.LastAuditIdAsync(_database);
        var heldOn = Scenario.Accepted.AddDays(4);

        await ServiceFor(_mentor).RecordStartMeetingAsync(_case.Id, 0, heldOn, "Jens Hansen", "Jobcenter Odense", [],
            ["Skrive CV", " ", "Finde praktikplads"], "Godt møde");

        var saved = await LoadAsync();
        Assert.Equal(heldOn, saved.StartMeetingHeldOn);
        Assert.Equal("Jobrådgiver Jens Hansen, Jobcenter Odense", saved.StartMeetingParticipants);
        Assert.Equal(["Finde praktikplads", "Skrive CV"], saved.Goals.Select(g => g.Text).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, saved.Version);
        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((heldOn, LogbookEntryKind.ThreePartyMeeting, _mentor.StaffMemberId), (entry.Date, entry.Kind, entry.StaffMemberId));
        Assert.Equal("Startmøde med Jobrådgiver Jens Hansen, Jobcenter Odense. Godt møde", entry.Note);
        var audit = await Scenario.AuditSinceAsync(_database, before);
        Assert.Contains(audit, a => a is { Action: AuditAction.Update, EntityType: "Case" } && a.EntityId == _case.Id.ToString() && a.Actor == _mentor.AuditName);
        Assert.Contains(audit, a => a is { Action: AuditAction.Create, EntityType: "LogbookEntry" } && a.EntityId == entry.Id.ToString());
        Assert.False((await QueriesFor(_mentor).GetAsync(_case.Id)).StartMeetingMissing);
    }

    [Fact]
    public async Task A_network_start_meeting_records_the_participants()
    {
        var teamTwoCase = await AddOldPlanCaseAsync("TKF", _otherTeamMentor, new DateOnly(2023, 5, 1));

        await ServiceFor(_otherTeamMentor).RecordStartMeetingAsync(teamTwoCase.Id, 0, new DateOnly(2023, 5, 8), null, null,
            ["Beboeren/barnet", "Skole", " SSP "], ["Komme i skole hver dag"], null);

        var saved = await LoadAsync(teamTwoCase.Id);
        Assert.Equal("Beboeren/barnet, Skole, SSP", saved.StartMeetingParticipants);
        Assert.Equal(LogbookEntryKind.NetworkMeeting, Assert.Single(await EntriesAsync(teamTwoCase.Id)).Kind);
        var details = await QueriesFor(_otherTeamMentor).GetAsync(teamTwoCase.Id);
        Assert.Equal((StartMeetingKind.NetworkMeeting, "Netværksmøde"), (details.StartMeeting!.Kind, details.StartMeeting.Name));
    }

    [Fact]
    public async Task A_start_meeting_without_a_goal_or_the_job_counsellor_is_refused_in_Danish_and_nothing_is_saved()
    {
        var service = ServiceFor(_mentor);

        var noGoal = await Assert.ThrowsAsync<DomainException>(() =>
            service.RecordStartMeetingAsync(_case.Id, 0, Today, "Jens Hansen", "Jobcenter Odense", [], [" "], null));
        var noCounsellor = await Assert.ThrowsAsync<DomainException>(() =>
            service.RecordStartMeetingAsync(_case.Id, 0, Today, " ", "Jobcenter Odense", [], ["Skrive CV"], null));
        var noDate = await Assert.ThrowsAsync<DomainException>(() =>
            service.RecordStartMeetingAsync(_case.Id, 0, null, "Jens Hansen", "Jobcenter Odense", [], ["Skrive CV"], null));

        Assert.Equal("Skriv mindst ét mål, der blev aftalt på startmødet.", noGoal.Message);
        Assert.Equal("Jobrådgiverens navn skal udfyldes.", noCounsellor.Message);
        Assert.Equal("Angiv datoen for startmødet.", noDate.Message);
        var saved = await LoadAsync();
        Assert.Equal((0, (DateOnly?)null), (saved.Version, saved.StartMeetingHeldOn));
        Assert.Empty(saved.Goals);
        Assert.Empty(await EntriesAsync());
    }

    // ---- follow-up ----

    [Fact]
    public async Task A_note_counts_as_already_saved_only_for_the_staff_member_who_saved_it_that_day()
    {
        await ServiceFor(_leader).RecordFollowUpAsync(_case.Id, 0, LogbookEntryKind.FollowUp, Today, "Ringede om CV", null);

        var details = await QueriesFor(_mentor).GetAsync(_case.Id);

        Assert.True(details.HasNote(_leader.StaffMemberId, Today, " Ringede om CV "));
        Assert.False(details.HasNote(_mentor.StaffMemberId, Today, "Ringede om CV"));
        Assert.False(details.HasNote(_leader.StaffMemberId, Today.AddDays(-1), "Ringede om CV"));
    }

    [Fact]
    public async Task A_follow_up_is_a_logbook_entry_of_the_case_and_sets_the_next_follow_up()
    {
        var before = await Scenario.LastAuditIdAsync(_database);

        await ServiceFor(_mentor).RecordFollowUpAsync(_case.Id, 0, LogbookEntryKind.PhoneCall, Today, "Ringede om CV", Today.AddDays(14));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((Today, LogbookEntryKind.PhoneCall, "Ringede om CV"), (entry.Date, entry.Kind, entry.Note));
        Assert.Equal([_resident.Id], entry.Participants.Select(p => p.ResidentId).ToArray());
        Assert.Equal(Today.AddDays(14), (await LoadAsync()).NextFollowUpOn);
        var audit = await Scenario.AuditSinceAsync(_database, before);
        Assert.Equal(["Create LogbookEntry", "Update Case"], audit.Select(a => $"{a.Action} {a.EntityType}").Order().ToArray());
        Assert.All(audit, a => Assert.Equal(_mentor.AuditName, a.Actor));
    }

    [Fact]
    public async Task A_next_follow_up_before_today_or_a_follow_up_without_a_kind_is_refused_and_nothing_is_saved()
    {
        var service = ServiceFor(_mentor);

        var past = await Assert.ThrowsAsync<DomainException>(() =>
            service.RecordFollowUpAsync(_case.Id, 0, LogbookEntryKind.FollowUp, Today, "Note", Today.AddDays(-1)));
        var noKind = await Assert.ThrowsAsync<DomainException>(() => service.RecordFollowUpAsync(_case.Id, 0, null, Today, "Note", null));

        Assert.Equal("Næste opfølgning kan ikke ligge før i dag.", past.Message);
        Assert.Equal("Vælg en slags opfølgning fra listen.", noKind.Message);
        Assert.Empty(await EntriesAsync());
        Assert.Equal(0, (await LoadAsync()).Version);
    }

    [Fact]
    public async Task The_page_flags_an_overdue_follow_up_and_a_case_without_follow_up_for_longer_than_the_activitys_interval()
    {
        // Opened 2025-03-10 with nothing recorded: far beyond the 30 days of the activity.
        var silent = await QueriesFor(_mentor).GetAsync(_case.Id);
        Assert.True(silent.FollowUp.NoRecentFollowUp);
        Assert.Equal((30, Today.DayNumber - Scenario.Accepted.DayNumber), (silent.FollowUp.IntervalDays, silent.FollowUp.DaysSinceLast));
        Assert.False(silent.FollowUp.Overdue);

        await ServiceFor(_mentor).RecordFollowUpAsync(_case.Id, 0, LogbookEntryKind.FollowUp, Today, null, Today.AddDays(7));

        var fresh = await QueriesFor(_mentor).GetAsync(_case.Id);
        Assert.Equal((Today.AddDays(7), false, false), (fresh.FollowUp.NextOn, fresh.FollowUp.Overdue, fresh.FollowUp.NoRecentFollowUp));
        var eightDaysLater = await QueriesFor(_mentor, Today.AddDays(8)).GetAsync(_case.Id);
        Assert.Equal((true, false), (eightDaysLater.FollowUp.Overdue, eightDaysLater.FollowUp.NoRecentFollowUp));
        var monthLater = await QueriesFor(_mentor, Today.AddDays(31)).GetAsync(_case.Id);
        Assert.True(monthLater.FollowUp.NoRecentFollowUp);
    }

    // ---- goals and agreements ----

    [Fact]
    public async Task Goals_are_added_and_their_status_changed()
    {
        var service = ServiceFor(_mentor);
        await service.AddGoalAsync(_case.Id, 0, "Finde praktikplads");
        var goal = Assert.Single((await LoadAsync()).Goals);

        await service.SetGoalStatusAsync(_case.Id, 1, goal.Id, GoalStatus.PartlyReached);

        var details = await QueriesFor(_mentor).GetAsync(_case.Id);
        Assert.Equal(new GoalView(goal.Id, "Finde praktikplads", GoalStatus.PartlyReached), Assert.Single(details.Goals));
        Assert.Equal(2, details.Version);
        var blank = await Assert.ThrowsAsync<DomainException>(() => service.AddGoalAsync(_case.Id, 2, "  "));
        Assert.Equal("Målet skal udfyldes.", blank.Message);
    }

    [Fact]
    public async Task Agreements_are_added_with_a_deadline_and_completed()
    {
        var service = ServiceFor(_mentor);
        var missing = await Assert.ThrowsAsync<DomainException>(() => service.AddAgreementAsync(_case.Id, 0, "Sende CV", "Amina", null));
        Assert.Equal("Angiv en frist for aftalen.", missing.Message);

        await service.AddAgreementAsync(_case.Id, 0, "Sende CV", "Amina", Today.AddDays(7));
        var agreement = Assert.Single((await LoadAsync()).Agreements);
        await service.CompleteAgreementAsync(_case.Id, 1, agreement.Id);

        var view = Assert.Single((await QueriesFor(_mentor).GetAsync(_case.Id)).Agreements);
        Assert.Equal(new AgreementView(agreement.Id, "Sende CV", "Amina", Today.AddDays(7), Done: true, Overdue: false), view);
    }

    // ---- outcomes ----

    [Fact]
    public async Task An_outcome_keeps_the_housing_area_of_its_date_after_the_resident_moves()
    {
        var vollsmoseOutcomeOn = new DateOnly(2025, 5, 1);
        await ServiceFor(_mentor).RecordOutcomeAsync(_case.Id, 0, OutcomeKind.Internship, vollsmoseOutcomeOn);
        var solbakken = await Scenario.DepartmentIdAsync(_database, "Solbakken");
        await using (var db = _database.CreateDbContext())
        {
            var resident = await db.Residents.SingleAsync(r => r.Id == _resident.Id);
            resident.MoveTo(solbakken, new DateOnly(2025, 6, 1));
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        await ServiceFor(_mentor).RecordOutcomeAsync(_case.Id, 1, OutcomeKind.OrdinaryJob, Today);

        await using var check = _database.CreateDbContext();
        var areas = await check.HousingAreas.ToDictionaryAsync(a => a.Id, a => a.Code);
        var outcomes = await check.Outcomes.AsNoTracking().Where(o => o.CaseId == _case.Id).OrderBy(o => o.AchievedOn).ToListAsync();
        Assert.Equal(["Internship Vollsmose", "OrdinaryJob Rising"], outcomes.Select(o => $"{o.Kind} {areas[o.HousingAreaId]}").ToArray());
        Assert.All(outcomes, o => Assert.Equal((_resident.Id, (Guid?)_case.Id), (o.ResidentId, o.CaseId)));
        Assert.Equal(["Praktikplads", "Ordinært arbejde"], (await QueriesFor(_mentor).GetAsync(_case.Id)).Outcomes.Select(o => o.Kind).ToArray());
    }

    [Fact]
    public async Task An_outcome_before_the_case_opened_in_the_future_or_outside_the_activitys_kinds_is_refused_and_nothing_is_saved()
    {
        var service = ServiceFor(_mentor);

        var early = await Assert.ThrowsAsync<DomainException>(() => service.RecordOutcomeAsync(_case.Id, 0, OutcomeKind.Internship, Scenario.Accepted.AddDays(-1)));
        var future = await Assert.ThrowsAsync<DomainException>(() => service.RecordOutcomeAsync(_case.Id, 0, OutcomeKind.Internship, Today.AddDays(1)));
        var kind = await Assert.ThrowsAsync<DomainException>(() => service.RecordOutcomeAsync(_case.Id, 0, OutcomeKind.Volunteering, Today));
        var none = await Assert.ThrowsAsync<DomainException>(() => service.RecordOutcomeAsync(_case.Id, 0, null, Today));

        Assert.Equal("Et resultat kan ikke ligge før forløbet startede.", early.Message);
        Assert.Equal("Resultatets dato kan ikke ligge i fremtiden.", future.Message);
        Assert.StartsWith("Aktiviteten Uddannelses- og beskæftigelsesmentorforløb for jobparate registrerer ikke", kind.Message);
        Assert.Equal("Vælg hvilket resultat beboeren har opnået.", none.Message);
        Assert.Equal(0, await Scenario.CountRowsAsync(_database, "Outcomes"));
        Assert.Equal(0, (await LoadAsync()).Version);
    }

    [Fact]
    public async Task An_outcome_on_a_date_the_resident_lived_in_no_department_is_refused_in_Danish()
    {
        var granparken = await Scenario.DepartmentIdAsync(_database, "Granparken");
        var newcomer = new Resident("Omar Abdi", new DateOnly(1995, 1, 1), null, _mentor.StaffMemberId, DateTimeOffset.UtcNow);
        newcomer.MoveTo(granparken, new DateOnly(2025, 4, 1));
        newcomer.GiveRegistrationConsent(new DateOnly(2025, 1, 1), _mentor.StaffMemberId, Today);
        await using (var db = _database.CreateDbContext())
        {
            db.Residents.Add(newcomer);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        var opened = await Scenario.AddCaseAsync(_database, newcomer.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            ServiceFor(_mentor).RecordOutcomeAsync(opened.Id, 0, OutcomeKind.Internship, new DateOnly(2025, 3, 20)));

        Assert.Equal("Beboeren boede ikke i en boligafdeling den 20-03-2025. Ret beboerens boligoplysninger først.", refused.Message);
        Assert.Equal(0, await Scenario.CountRowsAsync(_database, "Outcomes"));
    }

    // ---- closure, aftercare, reopening ----

    [Fact]
    public async Task Closing_without_a_reason_or_without_a_status_for_every_goal_is_refused_and_nothing_is_saved()
    {
        var withGoals = await WithStartMeetingAsync("Skrive CV", "Finde praktikplads");
        var first = withGoals.Goals.First().Id;
        var service = ServiceFor(_mentor);
        var before = await Scenario.LastAuditIdAsync(_database);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => service.CloseAsync(_case.Id, 1, Today, null,
            withGoals.Goals.ToDictionary(g => g.Id, _ => (GoalStatus?)GoalStatus.Reached), true, null));
        var oneGoal = await Assert.ThrowsAsync<DomainException>(() => service.CloseAsync(_case.Id, 1, Today, ClosureReason.GoalsReached,
            new Dictionary<Guid, GoalStatus?> { [first] = GoalStatus.Reached, [withGoals.Goals.Last().Id] = null }, true, null));

        Assert.Equal("Vælg en årsag til afslutningen.", noReason.Message);
        Assert.Equal("Angiv status for alle mål før forløbet afsluttes.", oneGoal.Message);
        var saved = await LoadAsync();
        Assert.Equal((CaseStatus.Open, 1), (saved.Status, saved.Version));
        Assert.All(saved.Goals, g => Assert.Equal(GoalStatus.InProgress, g.Status));
        Assert.Empty(await Scenario.AuditSinceAsync(_database, before));
    }

    [Fact]
    public async Task Closing_records_the_reason_every_goals_status_and_the_residents_agreement()
    {
        var withGoals = await WithStartMeetingAsync("Skrive CV", "Finde praktikplads");
        var cv = withGoals.Goals.Single(g => g.Text == "Skrive CV").Id;
        var internship = withGoals.Goals.Single(g => g.Text == "Finde praktikplads").Id;
        var statuses = new Dictionary<Guid, GoalStatus?> { [cv] = GoalStatus.Reached, [internship] = GoalStatus.NotReached };

        await ServiceFor(_mentor).CloseAsync(_case.Id, 1, Today, ClosureReason.ResidentEnded, statuses, residentAgreed: true, "Flytter til Aarhus");

        var saved = await LoadAsync();
        Assert.Equal(CaseStatus.Closed, saved.Status);
        Assert.Equal(new Closure(Today, ClosureReason.ResidentEnded, true, "Flytter til Aarhus"), saved.Closure);
        Assert.Equal((GoalStatus.Reached, GoalStatus.NotReached), (saved.Goals.Single(g => g.Id == cv).Status, saved.Goals.Single(g => g.Id == internship).Status));
        Assert.Empty(saved.AftercareCalls);
        var details = await QueriesFor(_mentor).GetAsync(_case.Id);
        Assert.Equal(new ClosureView(Today, "Beboeren har afsluttet", true, "Flytter til Aarhus", MayReopen: true), details.Closure);
        Assert.False(details.IsOpen);
    }

    [Fact]
    public async Task Closing_a_case_of_an_activity_with_aftercare_creates_twelve_monthly_calls_from_the_closure_date()
    {
        var dij = await AddOldPlanCaseAsync("DIJ", _otherTeamMentor, new DateOnly(2023, 5, 1));
        var closedOn = new DateOnly(2024, 1, 31);
        var service = ServiceFor(_otherTeamMentor);

        await service.CloseAsync(dij.Id, 0, closedOn, ClosureReason.GoalsReached, new Dictionary<Guid, GoalStatus?>(), true, null);

        var calls = (await LoadAsync(dij.Id)).AftercareCalls.OrderBy(c => c.DueOn).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(closedOn.AddMonths).ToArray(), calls.Select(c => c.DueOn).ToArray());
        Assert.All(calls, c => Assert.Equal(AftercareCallStatus.Pending, c.Status));

        await service.RecordAftercareCallAsync(dij.Id, 1, calls[0].Id, new DateOnly(2024, 3, 1), "Går godt i jobbet");
        await service.SkipAftercareCallAsync(dij.Id, 2, calls[1].Id, "Ikke til at træffe");
        var blank = await Assert.ThrowsAsync<DomainException>(() => service.SkipAftercareCallAsync(dij.Id, 3, calls[2].Id, " "));

        Assert.Equal("Årsagen skal udfyldes.", blank.Message);
        var entry = Assert.Single(await EntriesAsync(dij.Id));
        Assert.Equal((new DateOnly(2024, 3, 1), LogbookEntryKind.PhoneCall, "Går godt i jobbet"), (entry.Date, entry.Kind, entry.Note));
        var view = (await QueriesFor(_otherTeamMentor).GetAsync(dij.Id)).AftercareCalls;
        Assert.Equal([AftercareCallStatus.Done, AftercareCallStatus.Skipped], view.Take(2).Select(c => c.Status).ToArray());
        Assert.Equal("Ikke til at træffe", view[1].SkipReason);
        // Every later call of the year has come due by now.
        Assert.All(view.Skip(2), c => Assert.True(c.IsDue));
    }

    [Fact]
    public async Task A_closed_case_is_reopened_within_90_days_and_the_reopening_is_audited()
    {
        await ServiceFor(_mentor).CloseAsync(_case.Id, 0, Today.AddDays(-90), ClosureReason.NoContact, new Dictionary<Guid, GoalStatus?>(), false, null);
        var before = await Scenario.LastAuditIdAsync(_database);

        await ServiceFor(_mentor).ReopenAsync(_case.Id, 1);

        var saved = await LoadAsync();
        Assert.Equal((CaseStatus.Reopened, (Closure?)null), (saved.Status, saved.Closure));
        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal((AuditAction.Update, "Case", _case.Id.ToString(), _mentor.AuditName), (row.Action, row.EntityType, row.EntityId, row.Actor));
    }

    [Fact]
    public async Task A_case_closed_more_than_90_days_ago_is_not_reopened_a_new_referral_is_needed()
    {
        await ServiceFor(_mentor).CloseAsync(_case.Id, 0, Today.AddDays(-91), ClosureReason.NoContact, new Dictionary<Guid, GoalStatus?>(), false, null);

        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).ReopenAsync(_case.Id, 1));

        Assert.Equal("Forløbet blev afsluttet for mere end 90 dage siden. Opret en ny henvisning.", refused.Message);
        Assert.Equal(CaseStatus.Closed, (await LoadAsync()).Status);
        Assert.False((await QueriesFor(_mentor).GetAsync(_case.Id)).Closure!.MayReopen);
    }

    // ---- assistants and scope ----

    [Fact]
    public async Task An_assistant_of_the_team_is_added_may_then_change_the_case_and_is_removed()
    {
        var details = await QueriesFor(_mentor).GetAsync(_case.Id);
        Assert.Equal(["Sofie Nielsen"], details.AssistantCandidates.Select(s => s.Name).ToArray());
        await ServiceFor(_mentor).AddAssistantAsync(_case.Id, 0, _colleague.StaffMemberId);

        await ServiceFor(_colleague).AddGoalAsync(_case.Id, 1, "Skrive CV");

        var withAssistant = await QueriesFor(_colleague).GetAsync(_case.Id);
        Assert.Equal(new StaffView(_colleague.StaffMemberId, "Sofie Nielsen"), Assert.Single(withAssistant.Assistants));
        Assert.Empty(withAssistant.AssistantCandidates);
        await ServiceFor(_mentor).RemoveAssistantAsync(_case.Id, 2, _colleague.StaffMemberId);
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_colleague).AddGoalAsync(_case.Id, 3, "Finde praktikplads"));
    }

    [Fact]
    public async Task Only_an_active_mentor_or_counsellor_of_the_activitys_team_can_assist()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).AddAssistantAsync(_case.Id, 0, _otherTeamMentor.StaffMemberId));

        Assert.Equal("Vælg en aktiv mentor eller rådgiver fra aktivitetens team.", refused.Message);
        Assert.Empty((await LoadAsync()).Assistants);
    }

    [Fact]
    public async Task Staff_outside_the_case_get_not_found_even_by_id_and_nothing_is_saved_or_audited()
    {
        var before = await Scenario.LastAuditIdAsync(_database);

        foreach (var outsider in new[] { _otherTeamMentor, _colleague, _analyst, _administrator })
        {
            var service = ServiceFor(outsider);
            await Assert.ThrowsAsync<NotFoundException>(() => service.AddGoalAsync(_case.Id, 0, "Skrive CV"));
            await Assert.ThrowsAsync<NotFoundException>(() => service.RecordFollowUpAsync(_case.Id, 0, LogbookEntryKind.FollowUp, Today, null, null));
            await Assert.ThrowsAsync<NotFoundException>(() =>
                service.CloseAsync(_case.Id, 0, Today, ClosureReason.Other, new Dictionary<Guid, GoalStatus?>(), true, null));
            await Assert.ThrowsAsync<NotFoundException>(() => service.AddAssistantAsync(_case.Id, 0, outsider.StaffMemberId));
        }

        Assert.Empty(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(0, (await LoadAsync()).Version);
    }

    [Fact]
    public async Task A_leader_of_the_team_may_change_the_case()
    {
        await ServiceFor(_leader).RecordFollowUpAsync(_case.Id, 0, LogbookEntryKind.Conversation, Today, "Teamlederen talte med beboeren", null);

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal(_leader.StaffMemberId, entry.StaffMemberId);
    }

    // ---- two tablets at once ----

    [Fact]
    public async Task A_save_on_a_version_someone_else_has_changed_is_refused_with_who_changed_it()
    {
        await ServiceFor(_leader).AddGoalAsync(_case.Id, 0, "Skrive CV");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            ServiceFor(_mentor).RecordFollowUpAsync(_case.Id, 0, LogbookEntryKind.FollowUp, Today, "Min note", null));

        Assert.StartsWith("Forløbet er lige blevet ændret af Lone Leder.", refused.Message);
        Assert.Contains("Det, du skrev, er ikke gemt, men står der stadig", refused.Message);
        Assert.Empty(await EntriesAsync());
        Assert.Equal(1, (await LoadAsync()).Version);
    }

    [Fact]
    public async Task Of_two_saves_on_the_same_version_at_the_same_moment_exactly_one_wins()
    {
        // The mentor's save reaches the database just after the leader's, both having loaded version 0.
        var leaderSaves = new RunOnceBeforeSave(() => ServiceFor(_leader).AddGoalAsync(_case.Id, 0, "Leaderens mål"));
        var mentor = ServiceFor(_mentor, new InterceptedFactory(_database, leaderSaves));

        var refused = await Assert.ThrowsAsync<DomainException>(() => mentor.AddGoalAsync(_case.Id, 0, "Mentorens mål"));

        Assert.StartsWith("Forløbet er lige blevet ændret af Lone Leder.", refused.Message);
        var saved = await LoadAsync();
        Assert.Equal(["Leaderens mål"], saved.Goals.Select(g => g.Text).ToArray());
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task Closing_meanwhile_is_named_in_the_message()
    {
        await ServiceFor(_leader).CloseAsync(_case.Id, 0, Today, ClosureReason.Other, new Dictionary<Guid, GoalStatus?>(), true, null);

        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).AddGoalAsync(_case.Id, 0, "Skrive CV"));

        Assert.StartsWith("Forløbet er lige blevet ændret af Lone Leder, og det er nu afsluttet.", refused.Message);
    }

    // ---- the page's read model ----

    [Fact]
    public async Task The_page_offers_the_activitys_outcome_kinds_the_follow_up_kinds_and_the_closure_reasons_by_their_Danish_names()
    {
        var details = await QueriesFor(_mentor).GetAsync(_case.Id);

        Assert.Equal(["Praktikplads", "Løntilskud", "Ordinært arbejde", "Påbegyndt uddannelse"], details.OutcomeKinds.Select(k => k.Name).ToArray());
        Assert.Equal(["Opfølgning", "Samtale", "Telefonopfølgning", "3-partssamtale", "Netværksmøde"], details.FollowUpKinds.Select(k => k.Name).ToArray());
        Assert.Contains(new Choice<ClosureReason>(ClosureReason.GoalsReached, "Mål nået"), details.ClosureReasons);
        Assert.Equal((StartMeetingKind.ThreePartyMeeting, "3-partssamtale", (DateOnly?)null),
            (details.StartMeeting!.Kind, details.StartMeeting.Name, details.StartMeeting.HeldOn));
        Assert.True(details.StartMeetingMissing);
    }

    /// <summary>Runs a competing change once, just before this context's save reaches the database.</summary>
    private sealed class RunOnceBeforeSave(Func<Task> competitor) : SaveChangesInterceptor
    {
        private Func<Task>? _pending = competitor;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _pending, null) is { } run) await run();
            return result;
        }
    }

    private sealed class InterceptedFactory(TestDatabase database, IInterceptor interceptor) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => database.CreateDbContext(interceptor);
    }
}
