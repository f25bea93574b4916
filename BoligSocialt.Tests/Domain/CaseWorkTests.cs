using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;

namespace BoligSocialt.Tests.Domain;

/// <summary>The daily work in a case: start meeting, follow-ups, goals, agreements, assistants, aftercare.</summary>
public sealed class CaseWorkTests
{
    private static readonly DateOnly Today = new(2024, 6, 1);
    private static readonly DateOnly OpenedOn = new(2024, 1, 15);
    private static readonly Guid ResidentId = Guid.NewGuid();
    private static readonly Guid StaffId = Guid.NewGuid();
    private static readonly Guid Colleague = Guid.NewGuid();

    private static Activity NetworkActivity()
    {
        var focus = new FocusArea("Uddannelse", "Uddannelse og livschancer", new Team("Team1", "Team 1"));
        var activity = new Activity("NET1", focus, new PlanPeriod("HP21", "Helhedsplan", new(2021, 1, 1), new(2024, 9, 30)));
        activity.Describe("Netværksforløb for unge", ActivityKind.Mentoring, StartMeetingKind.NetworkMeeting, null, true, true, [], []);
        return activity;
    }

    private static Activity AftercareActivity(int months = 12)
    {
        var activity = ReferralTests.MentorActivity();
        activity.SetAftercare(months);
        return activity;
    }

    private static Case Open(Activity activity) => Case.Open(ResidentId, activity, StaffId, OpenedOn);

    private static readonly Dictionary<Guid, GoalStatus> NoGoals = [];

    [Fact]
    public void A_network_meeting_records_who_took_part_as_a_network_meeting_entry()
    {
        var activity = NetworkActivity();
        var opened = Open(activity);

        var entry = opened.RecordStartMeeting(activity, new StartMeeting(new DateOnly(2024, 2, 1), null, null, ["Beboeren", " Mor ", "", "SSP"], null),
            ["Gå i skole hver dag"], StaffId, Today);

        Assert.Equal("Beboeren, Mor, SSP", opened.StartMeetingParticipants);
        Assert.Equal(LogbookEntryKind.NetworkMeeting, entry.Kind);
    }

    [Fact]
    public void A_start_meeting_needs_its_participants_and_a_goal_and_is_recorded_once()
    {
        var activity = ReferralTests.MentorActivity();
        var network = NetworkActivity();
        var opened = Open(activity);
        var networkCase = Open(network);
        var on = new DateOnly(2024, 2, 1);

        Assert.Equal("Jobrådgiverens navn skal udfyldes.", Assert.Throws<DomainException>(() =>
            opened.RecordStartMeeting(activity, new StartMeeting(on, " ", "Jobcenter Odense", [], null), ["Mål"], StaffId, Today)).Message);
        Assert.Equal("Jobcenter skal udfyldes.", Assert.Throws<DomainException>(() =>
            opened.RecordStartMeeting(activity, new StartMeeting(on, "Jens", null, [], null), ["Mål"], StaffId, Today)).Message);
        Assert.Equal("Angiv hvem der deltog i netværksmødet.", Assert.Throws<DomainException>(() =>
            networkCase.RecordStartMeeting(network, new StartMeeting(on, null, null, [" "], null), ["Mål"], StaffId, Today)).Message);
        Assert.Equal("Skriv mindst ét mål, der blev aftalt på startmødet.", Assert.Throws<DomainException>(() =>
            opened.RecordStartMeeting(activity, new StartMeeting(on, "Jens", "Jobcenter Odense", [], null), [" "], StaffId, Today)).Message);
        Assert.Null(opened.StartMeetingHeldOn);
        Assert.Empty(opened.Goals);

        opened.RecordStartMeeting(activity, new StartMeeting(on, "Jens", "Jobcenter Odense", [], null), ["Mål"], StaffId, Today);
        Assert.Equal("Startmødet er allerede registreret.", Assert.Throws<DomainException>(() =>
            opened.RecordStartMeeting(activity, new StartMeeting(on, "Jens", "Jobcenter Odense", [], null), ["Mål 2"], StaffId, Today)).Message);
        Assert.Single(opened.Goals);
    }

    [Fact]
    public void An_activity_without_a_start_meeting_refuses_one()
    {
        var activity = NetworkActivity();
        activity.Describe("Rådgivning", ActivityKind.ShortCounselling, StartMeetingKind.None, null, true, true, [], []);
        var opened = Open(activity);

        var ex = Assert.Throws<DomainException>(() =>
            opened.RecordStartMeeting(activity, new StartMeeting(new DateOnly(2024, 2, 1), "Jens", "Jobcenter", ["Beboeren"], null), ["Mål"], StaffId, Today));

        Assert.Equal("Aktiviteten Rådgivning har intet startmøde.", ex.Message);
    }

    [Fact]
    public void A_follow_up_is_a_logbook_entry_of_the_case_and_sets_when_the_next_is_due()
    {
        var opened = Open(ReferralTests.MentorActivity());

        var entry = opened.RecordFollowUp(LogbookEntryKind.PhoneCall, new DateOnly(2024, 5, 30), "Talte om CV", Today.AddDays(14), StaffId, Today);

        Assert.Equal((LogbookEntryKind.PhoneCall, new DateOnly(2024, 5, 30), (Guid?)opened.Id, "Talte om CV"), (entry.Kind, entry.Date, entry.CaseId, entry.Note));
        Assert.Equal(Today.AddDays(14), opened.NextFollowUpOn);
        Assert.False(opened.IsFollowUpOverdue(Today.AddDays(14)));
        Assert.True(opened.IsFollowUpOverdue(Today.AddDays(15)));
    }

    [Fact]
    public void A_follow_up_without_a_next_date_keeps_the_agreed_one()
    {
        var opened = Open(ReferralTests.MentorActivity());
        opened.RecordFollowUp(LogbookEntryKind.FollowUp, Today, null, Today.AddDays(30), StaffId, Today);

        opened.RecordFollowUp(LogbookEntryKind.Conversation, Today, "Kort snak", null, StaffId, Today);

        Assert.Equal(Today.AddDays(30), opened.NextFollowUpOn);
    }

    [Fact]
    public void A_follow_up_due_before_today_before_the_case_or_of_another_kind_is_refused()
    {
        var opened = Open(ReferralTests.MentorActivity());

        Assert.Equal("Næste opfølgning kan ikke ligge før i dag.", Assert.Throws<DomainException>(() =>
            opened.RecordFollowUp(LogbookEntryKind.FollowUp, Today, null, Today.AddDays(-1), StaffId, Today)).Message);
        Assert.Equal("Opfølgningen kan ikke ligge før forløbet startede.", Assert.Throws<DomainException>(() =>
            opened.RecordFollowUp(LogbookEntryKind.FollowUp, OpenedOn.AddDays(-1), null, null, StaffId, Today)).Message);
        Assert.Equal("Vælg en slags opfølgning fra listen.", Assert.Throws<DomainException>(() =>
            opened.RecordFollowUp(LogbookEntryKind.Event, Today, null, null, StaffId, Today)).Message);
        Assert.Throws<DomainException>(() => opened.RecordFollowUp(LogbookEntryKind.FollowUp, Today.AddDays(1), null, null, StaffId, Today));
        Assert.Null(opened.NextFollowUpOn);
        Assert.Equal(0, opened.Version);
    }

    [Fact]
    public void A_closed_case_is_never_overdue()
    {
        var opened = Open(ReferralTests.MentorActivity());
        opened.RecordFollowUp(LogbookEntryKind.FollowUp, Today, null, Today.AddDays(1), StaffId, Today);
        opened.Close(Today, ClosureReason.GoalsReached, NoGoals, true, null, Today);

        Assert.False(opened.IsFollowUpOverdue(Today.AddDays(10)));
    }

    [Fact]
    public void Goal_status_and_agreements_change_only_on_their_own_case()
    {
        var opened = Open(ReferralTests.MentorActivity());
        var goal = opened.AddGoal("Praktik");
        var agreement = opened.AddAgreement("Send CV", "Beboeren", Today);

        opened.SetGoalStatus(goal.Id, GoalStatus.PartlyReached);
        opened.CompleteAgreement(agreement.Id);

        Assert.Equal(GoalStatus.PartlyReached, goal.Status);
        Assert.True(agreement.Done);
        Assert.Throws<DomainException>(() => opened.SetGoalStatus(Guid.NewGuid(), GoalStatus.Reached));
        Assert.Throws<DomainException>(() => opened.CompleteAgreement(Guid.NewGuid()));
    }

    [Fact]
    public void Every_change_raises_the_version()
    {
        var activity = ReferralTests.MentorActivity();
        var opened = Open(activity);
        var versions = new List<int> { opened.Version };
        void Step(Action change)
        {
            change();
            versions.Add(opened.Version);
        }

        Step(() => opened.RecordStartMeeting(activity, new StartMeeting(OpenedOn, "Jens", "Jobcenter", [], null), ["Mål"], StaffId, Today));
        Step(() => opened.RecordFollowUp(LogbookEntryKind.FollowUp, Today, null, null, StaffId, Today));
        Step(() => opened.SetGoalStatus(opened.Goals.First().Id, GoalStatus.Reached));
        Step(() => opened.AddAgreement("Send CV", "Beboeren", Today));
        Step(() => opened.CompleteAgreement(opened.Agreements.First().Id));
        Step(() => opened.RecordOutcome(activity, OutcomeKind.Internship, Today, 1, Today));
        Step(() => opened.AddAssistant(Colleague));
        Step(() => opened.RemoveAssistant(Colleague));
        Step(() => opened.HandOverTo(Colleague));
        Step(() => opened.Close(Today, ClosureReason.GoalsReached, opened.Goals.ToDictionary(g => g.Id, _ => GoalStatus.Reached), true, null, Today));
        Step(() => opened.Reopen(Today));

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public void An_assistant_is_added_once_and_not_the_responsible_and_leaves_when_made_responsible()
    {
        var opened = Open(ReferralTests.MentorActivity());

        opened.AddAssistant(Colleague);

        Assert.Equal([Colleague], opened.Assistants.Select(a => a.StaffMemberId).ToArray());
        Assert.Throws<DomainException>(() => opened.AddAssistant(Colleague));
        Assert.Throws<DomainException>(() => opened.AddAssistant(StaffId));
        opened.HandOverTo(Colleague);
        Assert.Empty(opened.Assistants);
        Assert.Equal(Colleague, opened.ResponsibleStaffId);
    }

    [Fact]
    public void Closing_a_case_of_an_activity_with_aftercare_schedules_a_call_each_month()
    {
        var opened = Open(AftercareActivity());

        opened.Close(new DateOnly(2024, 1, 31), ClosureReason.GoalsReached, NoGoals, true, null, Today);

        var due = opened.AftercareCalls.Select(c => c.DueOn).ToArray();
        Assert.Equal(12, due.Length);
        Assert.Equal(new DateOnly(2024, 2, 29), due[0]); // the end of a shorter month
        Assert.Equal(new DateOnly(2024, 3, 31), due[1]);
        Assert.Equal(new DateOnly(2025, 1, 31), due[11]);
        Assert.All(opened.AftercareCalls, c => Assert.Equal(AftercareCallStatus.Pending, c.Status));
    }

    [Fact]
    public void A_case_of_an_activity_without_aftercare_has_no_calls()
    {
        var opened = Open(ReferralTests.MentorActivity());

        opened.Close(Today, ClosureReason.GoalsReached, NoGoals, true, null, Today);

        Assert.Empty(opened.AftercareCalls);
    }

    [Fact]
    public void Aftercare_calls_are_due_from_their_date_and_are_made_or_skipped_once()
    {
        var opened = Open(AftercareActivity(3));
        opened.Close(new DateOnly(2024, 3, 15), ClosureReason.GoalsReached, NoGoals, true, null, Today);
        var (first, second) = (opened.AftercareCalls.ElementAt(0), opened.AftercareCalls.ElementAt(1));

        Assert.Equal([first.Id, second.Id], opened.AftercareCallsDue(Today).Select(c => c.Id).ToArray());

        var entry = opened.RecordAftercareCall(first.Id, new DateOnly(2024, 4, 16), "Trives i jobbet", StaffId, Today);
        opened.SkipAftercareCall(second.Id, "Kunne ikke træffes");

        Assert.Equal((LogbookEntryKind.PhoneCall, (Guid?)opened.Id), (entry.Kind, entry.CaseId));
        Assert.Equal((AftercareCallStatus.Done, (DateOnly?)new DateOnly(2024, 4, 16)), (first.Status, first.DoneOn));
        Assert.Equal((AftercareCallStatus.Skipped, "Kunne ikke træffes"), (second.Status, second.SkipReason));
        Assert.Empty(opened.AftercareCallsDue(Today));
        Assert.Throws<DomainException>(() => opened.SkipAftercareCall(first.Id, "Igen"));
        Assert.Equal("Årsagen skal udfyldes.", Assert.Throws<DomainException>(() => opened.SkipAftercareCall(opened.AftercareCalls.Last().Id, " ")).Message);
    }

    [Fact]
    public void Reopening_skips_the_calls_not_yet_made_and_closing_again_schedules_new_ones()
    {
        var opened = Open(AftercareActivity(2));
        opened.Close(new DateOnly(2024, 4, 1), ClosureReason.GoalsReached, NoGoals, true, null, Today);
        opened.RecordAftercareCall(opened.AftercareCalls.First().Id, new DateOnly(2024, 5, 1), null, StaffId, Today);

        opened.Reopen(Today);

        Assert.Equal([AftercareCallStatus.Done, AftercareCallStatus.Skipped], opened.AftercareCalls.Select(c => c.Status).ToArray());
        Assert.Throws<DomainException>(() => opened.RecordAftercareCall(opened.AftercareCalls.Last().Id, Today, null, StaffId, Today));

        opened.Close(Today, ClosureReason.GoalsReached, NoGoals, true, null, Today);
        Assert.Equal(2, opened.AftercareCalls.Count(c => c.Status == AftercareCallStatus.Pending));
    }

    [Fact]
    public void Aftercare_belongs_to_a_closed_case()
    {
        var opened = Open(AftercareActivity());

        var ex = Assert.Throws<DomainException>(() => opened.SkipAftercareCall(Guid.NewGuid(), "x"));

        Assert.Equal("Efterværn hører til et afsluttet forløb.", ex.Message);
    }
}
