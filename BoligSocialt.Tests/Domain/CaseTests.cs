using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;

namespace BoligSocialt.Tests.Domain;

public sealed class CaseTests
{
    private static readonly DateOnly Today = new(2024, 6, 1);
    private static readonly DateOnly OpenedOn = new(2024, 1, 15);
    private static readonly Guid ResidentId = Guid.NewGuid();
    private static readonly Guid StaffId = Guid.NewGuid();

    private static Case OpenCase(Activity? activity = null) =>
        Case.Open(ResidentId, activity ?? ReferralTests.MentorActivity(), StaffId, OpenedOn);

    private static readonly Dictionary<Guid, GoalStatus> NoGoals = [];

    private static StartMeeting Meeting(DateOnly on) => new(on, "Jens Hansen", "Jobcenter Odense", [], null);

    private static Case ClosedCase(DateOnly closedOn)
    {
        var opened = OpenCase();
        opened.Close(closedOn, ClosureReason.GoalsReached, NoGoals, residentAgreed: true, note: null, Today);
        return opened;
    }

    [Fact]
    public void Opened_case_is_open()
    {
        var opened = OpenCase();

        Assert.Equal(CaseStatus.Open, opened.Status);
        Assert.True(opened.IsOpen);
        Assert.Equal(ResidentId, opened.ResidentId);
        Assert.Equal(StaffId, opened.ResponsibleStaffId);
        Assert.Equal(OpenedOn, opened.OpenedOn);
        Assert.Null(opened.Closure);
        Assert.Null(opened.ReferralId);
        Assert.Equal(138, opened.DaysOpen(Today));
    }

    [Fact]
    public void Adding_goals_keeps_them_trimmed_and_in_progress()
    {
        var opened = OpenCase();

        opened.AddGoal("  Finde praktikplads  ");
        opened.AddGoal("Lære at skrive CV");

        Assert.Equal(["Finde praktikplads", "Lære at skrive CV"], opened.Goals.Select(g => g.Text).ToArray());
        Assert.All(opened.Goals, g => Assert.Equal(GoalStatus.InProgress, g.Status));
        Assert.Equal(2, opened.Goals.Select(g => g.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_goal_throws(string text)
    {
        var opened = OpenCase();

        var ex = Assert.Throws<DomainException>(() => opened.AddGoal(text));
        Assert.Equal("Målet skal udfyldes.", ex.Message);
        Assert.Empty(opened.Goals);
    }

    [Fact]
    public void Goal_longer_than_300_characters_throws()
    {
        var opened = OpenCase();

        opened.AddGoal(new string('x', 300));
        Assert.Throws<DomainException>(() => opened.AddGoal(new string('x', 301)));
        Assert.Single(opened.Goals);
    }

    [Fact]
    public void Start_meeting_records_the_date_and_the_agreed_goals()
    {
        var activity = ReferralTests.MentorActivity();
        var opened = OpenCase(activity);

        var entry = opened.RecordStartMeeting(activity, new StartMeeting(new DateOnly(2024, 1, 20), " Jens Hansen ", "Jobcenter Odense", [], "God stemning"),
            ["Praktik inden sommer", "Danskundervisning", " "], StaffId, Today);

        Assert.Equal(new DateOnly(2024, 1, 20), opened.StartMeetingHeldOn);
        Assert.Equal("Jobrådgiver Jens Hansen, Jobcenter Odense", opened.StartMeetingParticipants);
        Assert.Equal(["Praktik inden sommer", "Danskundervisning"], opened.Goals.Select(g => g.Text).ToArray());
        // The meeting is the case's logbook entry: one source of truth.
        Assert.Equal((LogbookEntryKind.ThreePartyMeeting, new DateOnly(2024, 1, 20), (Guid?)opened.Id, StaffId),
            (entry.Kind, entry.Date, entry.CaseId, entry.StaffMemberId));
        Assert.Equal([ResidentId], entry.Participants.Select(p => p.ResidentId).ToArray());
        Assert.Equal("Startmøde med Jobrådgiver Jens Hansen, Jobcenter Odense. God stemning", entry.Note);
    }

    [Fact]
    public void Start_meeting_before_the_case_opened_throws()
    {
        var activity = ReferralTests.MentorActivity();
        var opened = OpenCase(activity);

        var ex = Assert.Throws<DomainException>(() => opened.RecordStartMeeting(activity, Meeting(OpenedOn.AddDays(-1)), ["Mål"], StaffId, Today));
        Assert.Equal("Startmødet kan ikke ligge før forløbet startede.", ex.Message);
        Assert.Null(opened.StartMeetingHeldOn);
        Assert.Empty(opened.Goals);
    }

    [Fact]
    public void Closing_with_a_status_for_every_goal_closes_the_case()
    {
        var opened = OpenCase();
        var praktik = opened.AddGoal("Praktik");
        var cv = opened.AddGoal("CV");

        opened.Close(new DateOnly(2024, 5, 1), ClosureReason.GoalsReached,
            new Dictionary<Guid, GoalStatus> { [praktik.Id] = GoalStatus.Reached, [cv.Id] = GoalStatus.PartlyReached },
            residentAgreed: true, note: " Direkte i job ", Today);

        Assert.Equal(CaseStatus.Closed, opened.Status);
        Assert.False(opened.IsOpen);
        Assert.Equal(new Closure(new DateOnly(2024, 5, 1), ClosureReason.GoalsReached, true, "Direkte i job"), opened.Closure);
        Assert.Equal(GoalStatus.Reached, praktik.Status);
        Assert.Equal(GoalStatus.PartlyReached, cv.Status);
        Assert.Equal(107, opened.DaysOpen(Today));
    }

    [Fact]
    public void Closing_without_a_status_for_every_goal_throws()
    {
        var opened = OpenCase();
        var praktik = opened.AddGoal("Praktik");
        opened.AddGoal("CV");

        var ex = Assert.Throws<DomainException>(() => opened.Close(new DateOnly(2024, 5, 1), ClosureReason.GoalsReached,
            new Dictionary<Guid, GoalStatus> { [praktik.Id] = GoalStatus.Reached }, true, null, Today));
        Assert.Equal("Angiv status for alle mål før forløbet afsluttes.", ex.Message);
        Assert.True(opened.IsOpen);
        Assert.Equal(GoalStatus.InProgress, praktik.Status);
    }

    [Fact]
    public void Closing_with_a_status_for_a_goal_of_another_case_throws()
    {
        var opened = OpenCase();
        var praktik = opened.AddGoal("Praktik");
        var foreign = OpenCase().AddGoal("Andet forløbs mål");

        var ex = Assert.Throws<DomainException>(() => opened.Close(new DateOnly(2024, 5, 1), ClosureReason.Other,
            new Dictionary<Guid, GoalStatus> { [praktik.Id] = GoalStatus.Reached, [foreign.Id] = GoalStatus.NotReached }, true, null, Today));
        Assert.Equal("Et af målene hører ikke til forløbet.", ex.Message);
        Assert.True(opened.IsOpen);
    }

    [Fact]
    public void Closing_before_the_case_opened_throws()
    {
        var opened = OpenCase();

        var ex = Assert.Throws<DomainException>(() => opened.Close(OpenedOn.AddDays(-1), ClosureReason.NoContact, NoGoals, false, null, Today));
        Assert.Equal("Forløbet kan ikke afsluttes før det startede.", ex.Message);
        Assert.True(opened.IsOpen);
    }

    [Fact]
    public void Closing_in_the_future_throws()
    {
        var opened = OpenCase();

        var ex = Assert.Throws<DomainException>(() => opened.Close(Today.AddDays(1), ClosureReason.Moved, NoGoals, false, null, Today));
        Assert.Equal("Afslutningsdatoen kan ikke ligge i fremtiden.", ex.Message);
        Assert.True(opened.IsOpen);
    }

    [Fact]
    public void Closing_a_closed_case_throws()
    {
        var closed = ClosedCase(new DateOnly(2024, 3, 1));

        Assert.Throws<DomainException>(() => closed.Close(new DateOnly(2024, 4, 1), ClosureReason.Other, NoGoals, true, null, Today));
        Assert.Equal(new DateOnly(2024, 3, 1), closed.Closure!.ClosedOn);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(90)]
    public void Reopening_within_90_days_of_closure_works(int daysAfterClosure)
    {
        var closedOn = new DateOnly(2024, 3, 1);
        var closed = ClosedCase(closedOn);

        closed.Reopen(closedOn.AddDays(daysAfterClosure));

        Assert.Equal(CaseStatus.Reopened, closed.Status);
        Assert.True(closed.IsOpen);
        Assert.Null(closed.Closure);
    }

    [Fact]
    public void Reopening_91_days_after_closure_throws()
    {
        var closedOn = new DateOnly(2024, 3, 1);
        var closed = ClosedCase(closedOn);

        var ex = Assert.Throws<DomainException>(() => closed.Reopen(closedOn.AddDays(91)));
        Assert.Equal("Forløbet blev afsluttet for mere end 90 dage siden. Opret en ny henvisning.", ex.Message);
        Assert.Equal(CaseStatus.Closed, closed.Status);
    }

    [Fact]
    public void Reopening_before_the_closure_date_throws()
    {
        var closedOn = new DateOnly(2024, 3, 1);
        var closed = ClosedCase(closedOn);

        Assert.Throws<DomainException>(() => closed.Reopen(closedOn.AddDays(-1)));
        Assert.Equal(CaseStatus.Closed, closed.Status);
    }

    [Fact]
    public void Reopening_an_open_case_throws()
    {
        var opened = OpenCase();

        var ex = Assert.Throws<DomainException>(() => opened.Reopen(Today));
        Assert.Equal("Kun et afsluttet forløb kan genåbnes.", ex.Message);
        Assert.Equal(CaseStatus.Open, opened.Status);
    }

    [Fact]
    public void Reopened_case_can_be_closed_again()
    {
        var closed = ClosedCase(new DateOnly(2024, 3, 1));
        closed.Reopen(new DateOnly(2024, 3, 10));

        closed.Close(new DateOnly(2024, 4, 1), ClosureReason.TransferredElsewhere, NoGoals, false, null, Today);

        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal(new DateOnly(2024, 4, 1), closed.Closure!.ClosedOn);
        Assert.Equal(ClosureReason.TransferredElsewhere, closed.Closure.Reason);
    }

    [Fact]
    public void Recording_an_outcome_stores_the_housing_area_given()
    {
        var activity = ReferralTests.MentorActivity();
        var opened = OpenCase(activity);

        var outcome = opened.RecordOutcome(activity, OutcomeKind.OrdinaryJob, new DateOnly(2024, 4, 2), housingAreaId: 7, Today);

        Assert.Equal(7, outcome.HousingAreaId);
        Assert.Equal(OutcomeKind.OrdinaryJob, outcome.Kind);
        Assert.Equal(new DateOnly(2024, 4, 2), outcome.AchievedOn);
        Assert.Equal(ResidentId, outcome.ResidentId);
        Assert.Equal(opened.Id, outcome.CaseId);
        Assert.Equal(activity.Id, outcome.ActivityId);
        Assert.Same(outcome, Assert.Single(opened.Outcomes));
    }

    [Fact]
    public void Recording_an_outcome_on_a_closed_case_throws()
    {
        var activity = ReferralTests.MentorActivity();
        var opened = OpenCase(activity);
        opened.Close(new DateOnly(2024, 3, 1), ClosureReason.GoalsReached, NoGoals, true, null, Today);

        var ex = Assert.Throws<DomainException>(() => opened.RecordOutcome(activity, OutcomeKind.OrdinaryJob, new DateOnly(2024, 2, 1), 1, Today));
        Assert.Equal("Forløbet er afsluttet. Genåbn det først.", ex.Message);
        Assert.Empty(opened.Outcomes);
    }

    [Theory]
    [InlineData(OutcomeKind.WageSubsidyJob)]
    [InlineData(OutcomeKind.EducationStarted)]
    [InlineData(OutcomeKind.SpareTimeJob)]
    [InlineData(OutcomeKind.Volunteering)]
    public void Recording_an_outcome_kind_the_activity_does_not_allow_throws(OutcomeKind kind)
    {
        var activity = ReferralTests.MentorActivity();
        var opened = OpenCase(activity);

        var ex = Assert.Throws<DomainException>(() => opened.RecordOutcome(activity, kind, new DateOnly(2024, 4, 2), 1, Today));
        Assert.Equal("Aktiviteten Beskæftigelsesmentor for jobparate registrerer ikke den slags resultat.", ex.Message);
        Assert.Empty(opened.Outcomes);
    }

    [Fact]
    public void Recording_an_outcome_before_the_case_opened_throws()
    {
        var activity = ReferralTests.MentorActivity();
        var opened = OpenCase(activity);

        var ex = Assert.Throws<DomainException>(() => opened.RecordOutcome(activity, OutcomeKind.Internship, OpenedOn.AddDays(-1), 1, Today));
        Assert.Equal("Et resultat kan ikke ligge før forløbet startede.", ex.Message);
        Assert.Empty(opened.Outcomes);
    }

    [Fact]
    public void Recording_an_outcome_in_the_future_throws()
    {
        var activity = ReferralTests.MentorActivity();
        var opened = OpenCase(activity);

        var ex = Assert.Throws<DomainException>(() => opened.RecordOutcome(activity, OutcomeKind.Internship, Today.AddDays(1), 1, Today));
        Assert.Equal("Resultatets dato kan ikke ligge i fremtiden.", ex.Message);
    }

    [Fact]
    public void Adding_a_goal_to_a_closed_case_throws()
    {
        var closed = ClosedCase(new DateOnly(2024, 3, 1));

        Assert.Throws<DomainException>(() => closed.AddGoal("For sent"));
        Assert.Empty(closed.Goals);
    }

    [Fact]
    public void Handing_over_changes_the_responsible_staff_member_of_an_open_case_only()
    {
        var opened = OpenCase();
        var other = Guid.NewGuid();

        opened.HandOverTo(other);
        Assert.Equal(other, opened.ResponsibleStaffId);

        opened.Close(new DateOnly(2024, 3, 1), ClosureReason.Other, NoGoals, true, null, Today);
        Assert.Throws<DomainException>(() => opened.HandOverTo(StaffId));
        Assert.Equal(other, opened.ResponsibleStaffId);
    }

    [Fact]
    public void Case_status_has_Danish_names()
    {
        Assert.Equal("Åben", CaseStatus.Open.Danish());
        Assert.Equal("Afsluttet", CaseStatus.Closed.Danish());
        Assert.Equal("Genåbnet", CaseStatus.Reopened.Danish());
    }

    [Fact]
    public void An_agreement_is_added_open_and_can_be_marked_done()
    {
        var opened = OpenCase();

        var agreement = opened.AddAgreement("Send CV til Netto", "Beboeren", new DateOnly(2024, 2, 1));
        opened.CompleteAgreement(agreement.Id);

        Assert.Same(agreement, Assert.Single(opened.Agreements));
        Assert.True(agreement.Done);
        Assert.Equal("Aftalen er allerede markeret som overholdt.", Assert.Throws<DomainException>(() => opened.CompleteAgreement(agreement.Id)).Message);
    }

    [Fact]
    public void An_agreement_needs_a_text_and_someone_responsible()
    {
        var opened = OpenCase();

        Assert.Throws<DomainException>(() => opened.AddAgreement(" ", "Beboeren", new DateOnly(2024, 2, 1)));
        Assert.Throws<DomainException>(() => opened.AddAgreement("Send CV", "", new DateOnly(2024, 2, 1)));
        Assert.Empty(opened.Agreements);
    }

    [Fact]
    public void No_agreement_can_be_added_to_a_closed_case() =>
        Assert.Throws<DomainException>(() => ClosedCase(new DateOnly(2024, 3, 1)).AddAgreement("Send CV", "Beboeren", new DateOnly(2024, 4, 1)));
}
