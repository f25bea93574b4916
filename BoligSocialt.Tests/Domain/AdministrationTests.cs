using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;

namespace BoligSocialt.Tests.Domain;

/// <summary>The administrators' rules for activities, plan periods and baselines.</summary>
public sealed class AdministrationTests
{
    private static readonly Team Team1 = new("Team1", "Team 1");
    private static readonly Team Team2 = new("Team2", "Team 2");
    private static readonly FocusArea Employment = new("Employment", "Beskæftigelse", Team1);
    private static readonly FocusArea Education = new("Education", "Uddannelse og livschancer", Team1);
    private static readonly FocusArea Crime = new("Crime", "Kriminalitetsforebyggelse", Team2);

    private static PlanPeriod Plan2024() => new("2024-2028", "Helhedsplan 2024-2028", new(2024, 10, 1), new(2028, 9, 30));

    private static Activity Mentoring(PlanPeriod? plan = null)
    {
        var activity = new Activity("UBMJ", Employment, plan ?? Plan2024());
        activity.Describe("Mentorforløb for jobparate", ActivityKind.Mentoring, StartMeetingKind.ThreePartyMeeting, "Ledige",
            acceptsSelfReferral: true, acceptsOutreach: false, ["JobCounsellor"], [OutcomeKind.OrdinaryJob]);
        activity.SetFollowUpInterval(14);
        activity.SetAftercare(12);
        return activity;
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_activity_cannot_be_renamed_to_nothing(string name)
    {
        var activity = Mentoring();

        var error = Assert.Throws<DomainException>(() => activity.Rename(name));

        Assert.Equal("Navn skal udfyldes.", error.Message);
        Assert.Equal("Mentorforløb for jobparate", activity.Name);
    }

    [Fact]
    public void Rename_trims_the_name()
    {
        var activity = Mentoring();

        activity.Rename("  Jobmentor  ");

        Assert.Equal("Jobmentor", activity.Name);
    }

    [Fact]
    public void An_activity_with_open_work_may_change_focus_area_within_its_team_but_not_team()
    {
        var activity = Mentoring();

        activity.ChangeFocusArea(Education, hasOpenWork: true);
        Assert.Same(Education, activity.FocusArea);

        var error = Assert.Throws<DomainException>(() => activity.ChangeFocusArea(Crime, hasOpenWork: true));
        Assert.Contains("kan ikke skifte team", error.Message);
        Assert.Same(Education, activity.FocusArea);
    }

    [Fact]
    public void An_activity_without_open_work_may_change_team()
    {
        var activity = Mentoring();

        activity.ChangeFocusArea(Crime, hasOpenWork: false);

        Assert.Same(Crime, activity.FocusArea);
    }

    [Fact]
    public void Start_meeting_and_allowed_outcomes_can_be_changed()
    {
        var activity = Mentoring();

        activity.ChangeStartMeeting(StartMeetingKind.None);
        activity.AllowOutcomes([OutcomeKind.Internship, OutcomeKind.Internship, OutcomeKind.EducationStarted]);

        Assert.Equal(StartMeetingKind.None, activity.StartMeeting);
        Assert.Equal([OutcomeKind.Internship, OutcomeKind.EducationStarted], activity.AllowedOutcomeKinds);
        Assert.False(activity.Allows(OutcomeKind.OrdinaryJob));
    }

    [Fact]
    public void Unknown_start_meeting_or_outcome_is_refused()
    {
        var activity = Mentoring();

        Assert.Throws<DomainException>(() => activity.ChangeStartMeeting((StartMeetingKind)42));
        Assert.Throws<DomainException>(() => activity.AllowOutcomes([(OutcomeKind)42]));
        Assert.Equal(StartMeetingKind.ThreePartyMeeting, activity.StartMeeting);
        Assert.Equal([OutcomeKind.OrdinaryJob], activity.AllowedOutcomeKinds);
    }

    [Fact]
    public void A_copy_keeps_the_description_in_the_new_plan_under_its_own_code()
    {
        var activity = Mentoring();
        var next = new PlanPeriod("2028-2032", "Helhedsplan 2028-2032", new(2028, 10, 1), new(2032, 9, 30));

        var copy = activity.CopyTo(next, "UBMJ-28");

        Assert.Equal("UBMJ-28", copy.Code);
        Assert.Same(next, copy.PlanPeriod);
        Assert.Same(Employment, copy.FocusArea);
        Assert.Equal(activity.Name, copy.Name);
        Assert.Equal(StartMeetingKind.ThreePartyMeeting, copy.StartMeeting);
        Assert.Equal([OutcomeKind.OrdinaryJob], copy.AllowedOutcomeKinds);
        Assert.Equal(["JobCounsellor"], copy.ReferredBy);
        Assert.Equal(14, copy.FollowUpIntervalDays);
        Assert.Equal(12, copy.AftercareMonths);
        Assert.True(copy.IsActive);
        Assert.NotSame(activity.AllowedOutcomeKinds, copy.AllowedOutcomeKinds);
    }

    [Fact]
    public void An_activity_is_not_copied_into_its_own_plan()
    {
        var plan = Plan2024();
        var activity = Mentoring(plan);

        Assert.Throws<DomainException>(() => activity.CopyTo(plan, "UBMJ-X"));
    }

    [Fact]
    public void An_activity_of_a_deactivated_plan_cannot_be_activated()
    {
        var plan = Plan2024();
        var activity = Mentoring(plan);
        plan.Deactivate([activity]);

        var error = Assert.Throws<DomainException>(activity.Activate);

        Assert.Equal("Helhedsplanen Helhedsplan 2024-2028 er deaktiveret: aktivér den først.", error.Message);
        Assert.False(activity.IsActive);
        plan.Activate();
        activity.Activate();
        Assert.True(activity.IsActive);
    }

    [Theory]
    [InlineData(2028, 9, 30)]
    [InlineData(2024, 10, 1)]
    public void A_plan_ends_after_it_starts(int year, int month, int day)
    {
        var error = Assert.Throws<DomainException>(() => new PlanPeriod("X", "Plan", new(2028, 9, 30), new(year, month, day)));

        Assert.Equal("En helhedsplan skal slutte efter den starter.", error.Message);
    }

    [Fact]
    public void A_plan_needs_a_name_and_a_housing_area()
    {
        Assert.Equal("Navn skal udfyldes.", Assert.Throws<DomainException>(() => new PlanPeriod("X", " ", new(2029, 1, 1), new(2030, 1, 1))).Message);
        var plan = Plan2024();
        Assert.Equal("Vælg mindst ét boligområde.", Assert.Throws<DomainException>(() => plan.CoverHousingAreas([])).Message);
        plan.CoverHousingAreas([3, 1, 3]);
        Assert.Equal([1, 3], plan.HousingAreaIds);
    }

    [Fact]
    public void Plans_may_follow_each_other_but_not_share_a_day()
    {
        var previous = new PlanPeriod("2021-2024", "Helhedsplan 2021-2024", new(2021, 1, 1), new(2024, 9, 30));
        var plan = Plan2024();

        plan.EnsureNoOverlap([previous, plan]);

        plan.Update(plan.Name, new(2024, 9, 30), plan.End);
        var error = Assert.Throws<DomainException>(() => plan.EnsureNoOverlap([previous]));
        Assert.Equal("Helhedsplanen overlapper Helhedsplan 2021-2024 (01-01-2021 til 30-09-2024).", error.Message);
    }

    [Fact]
    public void A_plan_copied_from_the_previous_gets_its_housing_areas_and_a_copy_of_each_activity()
    {
        var previous = Plan2024();
        previous.CoverHousingAreas([1, 2, 6]);
        var activities = new[] { Mentoring(previous), new Activity("KFN24", Crime, previous) };
        activities[1].Describe("Kriminalitetsforebyggelse i netværk", ActivityKind.NetworkActivity, StartMeetingKind.NetworkMeeting, null,
            acceptsSelfReferral: false, acceptsOutreach: true, [], []);

        var (plan, copies) = PlanPeriod.CopyFrom(previous, activities, "2028-2032", "Helhedsplan 2028-2032",
            new(2028, 10, 1), new(2032, 9, 30), [], a => a.Code + "-28");

        Assert.Equal([1, 2, 6], plan.HousingAreaIds);
        Assert.True(plan.IsActive);
        Assert.Equal(["UBMJ-28", "KFN24-28"], copies.Select(c => c.Code));
        Assert.All(copies, c => Assert.Same(plan, c.PlanPeriod));
        Assert.Equal(activities.Select(a => a.Name), copies.Select(c => c.Name));
        Assert.All(activities, a => Assert.Same(previous, a.PlanPeriod));
    }

    [Fact]
    public void A_copied_plan_may_cover_other_housing_areas_and_must_start_after_the_previous()
    {
        var previous = Plan2024();
        previous.CoverHousingAreas([1, 2]);

        var (plan, _) = PlanPeriod.CopyFrom(previous, [], "2028-2032", "Helhedsplan 2028-2032", new(2028, 10, 1), new(2032, 9, 30), [2, 7], a => a.Code);
        Assert.Equal([2, 7], plan.HousingAreaIds);

        var error = Assert.Throws<DomainException>(() =>
            PlanPeriod.CopyFrom(previous, [], "X", "Tidligere", new(2024, 10, 1), new(2025, 9, 30), [], a => a.Code));
        Assert.Equal("Den nye helhedsplan skal starte efter Helhedsplan 2024-2028.", error.Message);
    }

    [Fact]
    public void Deactivating_a_plan_deactivates_its_activities()
    {
        var plan = Plan2024();
        var activities = new[] { Mentoring(plan), Mentoring(plan) };

        plan.Deactivate(activities);

        Assert.False(plan.IsActive);
        Assert.All(activities, a => Assert.False(a.IsActive));
    }

    [Fact]
    public void Employment_baselines_are_by_age_band_and_the_others_for_all_ages()
    {
        var plan = Plan2024();

        Assert.Equal("30-64", new IndicatorBaseline(plan, Indicator.EmploymentOrEducation, "30-64", "Vollsmose", 40).AgeBand);
        Assert.Equal(IndicatorBaseline.AllAges, new IndicatorBaseline(plan, Indicator.Volunteering, IndicatorBaseline.AllAges, "Rising", 10).AgeBand);
        Assert.Equal("Beskæftigelse og uddannelse har referencetal for 18-29 og 30-64 år.",
            Assert.Throws<DomainException>(() => new IndicatorBaseline(plan, Indicator.EmploymentOrEducation, IndicatorBaseline.AllAges, "Rising", 1)).Message);
        Assert.Equal("Indikatoren deles ikke op efter alder.",
            Assert.Throws<DomainException>(() => new IndicatorBaseline(plan, Indicator.SpareTimeJob, "18-29", "Rising", 1)).Message);
        Assert.Equal("Referencetallet kan ikke være negativt.",
            Assert.Throws<DomainException>(() => new IndicatorBaseline(plan, Indicator.SpareTimeJob, IndicatorBaseline.AllAges, "Rising", -1)).Message);
    }
}
