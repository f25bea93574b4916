using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Tests.Domain;

public sealed class ReferralTests
{
    private static readonly DateOnly Today = new(2024, 6, 1);
    private static readonly DateOnly ReceivedOn = new(2024, 5, 1);
    private static readonly Guid StaffA = Guid.NewGuid();
    private static readonly Guid StaffB = Guid.NewGuid();
    private static readonly Resident Resident = ConsentingResident();
    private static readonly Guid ResidentId = Resident.Id;

    private static readonly PlanPeriod Plan = new("HP21", "Helhedsplan 2021-2024", new(2021, 1, 1), new(2024, 9, 30));

    internal static Activity MentorActivity(PlanPeriod? plan = null)
    {
        var focus = new FocusArea("Beskaeftigelse", "Beskæftigelse", new Team("Team1", "Team 1"));
        var activity = new Activity("BESK1", focus, plan ?? Plan);
        activity.Describe("Beskæftigelsesmentor for jobparate", ActivityKind.Mentoring, StartMeetingKind.ThreePartyMeeting,
            "Ledige 18-64 år", acceptsSelfReferral: true, acceptsOutreach: true, ["JobCounsellor"],
            [OutcomeKind.Internship, OutcomeKind.OrdinaryJob]);
        return activity;
    }

    internal static Resident ConsentingResident()
    {
        var resident = new Resident("Amina Hussein", new DateOnly(1990, 1, 1), null, null, new DateTimeOffset(2024, 4, 1, 9, 0, 0, TimeSpan.Zero));
        resident.GiveRegistrationConsent(new DateOnly(2024, 4, 1), StaffA, Today);
        return resident;
    }

    private static Referral Receive(Activity? activity = null, DateOnly? receivedOn = null, DateOnly? today = null) =>
        new(Resident, activity ?? MentorActivity(), "JobCounsellor", "Jens Jensen", "Jobcenter Odense",
            "Har brug for en mentor", receivedOn ?? ReceivedOn, Guid.NewGuid(), today ?? Today);

    private static Referral Allocated(Guid? staff = null)
    {
        var referral = Receive();
        referral.AllocateTo(staff ?? StaffA, ReceivedOn.AddDays(2));
        return referral;
    }

    [Fact]
    public void New_referral_is_received_and_not_allocated()
    {
        var referral = Receive();

        Assert.Equal(ReferralStatus.Received, referral.Status);
        Assert.Equal(ResidentId, referral.ResidentId);
        Assert.Equal("JobCounsellor", referral.Source);
        Assert.Equal(ReceivedOn, referral.ReceivedOn);
        Assert.Null(referral.AllocatedToId);
        Assert.Null(referral.CaseId);
        Assert.Equal(31, referral.DaysWaiting(Today));
    }

    [Fact]
    public void Allocating_records_the_staff_member_and_the_date()
    {
        var referral = Receive();

        referral.AllocateTo(StaffA, new DateOnly(2024, 5, 3));

        Assert.Equal(ReferralStatus.Allocated, referral.Status);
        Assert.Equal(StaffA, referral.AllocatedToId);
        Assert.Equal(new DateOnly(2024, 5, 3), referral.AllocatedOn);
    }

    [Fact]
    public void Allocating_before_the_referral_was_received_throws()
    {
        var referral = Receive();

        var ex = Assert.Throws<DomainException>(() => referral.AllocateTo(StaffA, ReceivedOn.AddDays(-1)));
        Assert.Equal("En henvisning kan ikke fordeles før den er modtaget.", ex.Message);
        Assert.Equal(ReferralStatus.Received, referral.Status);
    }

    [Fact]
    public void Accepting_opens_a_case_with_the_allocated_staff_member_responsible()
    {
        var activity = MentorActivity();
        var referral = Receive(activity);
        referral.AllocateTo(StaffB, new DateOnly(2024, 5, 3));

        var opened = referral.Accept(activity, new DateOnly(2024, 5, 10));

        Assert.Equal(ReferralStatus.Accepted, referral.Status);
        Assert.Equal(opened.Id, referral.CaseId);
        Assert.Equal(new DateOnly(2024, 5, 10), referral.DecidedOn);
        Assert.True(opened.IsOpen);
        Assert.Equal(CaseStatus.Open, opened.Status);
        Assert.Equal(StaffB, opened.ResponsibleStaffId);
        Assert.Equal(ResidentId, opened.ResidentId);
        Assert.Equal(referral.Id, opened.ReferralId);
        Assert.Equal(new DateOnly(2024, 5, 10), opened.OpenedOn);
    }

    [Fact]
    public void Accepting_before_the_allocation_date_throws()
    {
        var activity = MentorActivity();
        var referral = Receive(activity);
        referral.AllocateTo(StaffA, new DateOnly(2024, 5, 3));

        Assert.Throws<DomainException>(() => referral.Accept(activity, new DateOnly(2024, 5, 2)));
        Assert.Equal(ReferralStatus.Allocated, referral.Status);
        Assert.Null(referral.CaseId);
    }

    [Fact]
    public void Declining_records_the_reason_and_the_note()
    {
        var referral = Allocated();

        referral.Decline(ReferralDeclineReason.NotReached, "  Tre opkald uden svar  ", new DateOnly(2024, 5, 20));

        Assert.Equal(ReferralStatus.Declined, referral.Status);
        Assert.Equal(ReferralDeclineReason.NotReached, referral.DeclineReason);
        Assert.Equal("Tre opkald uden svar", referral.DeclineNote);
        Assert.Equal(new DateOnly(2024, 5, 20), referral.DecidedOn);
        Assert.Null(referral.CaseId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Declining_with_a_blank_note_throws(string note)
    {
        var referral = Allocated();

        var ex = Assert.Throws<DomainException>(() => referral.Decline(ReferralDeclineReason.ResidentDeclined, note, new DateOnly(2024, 5, 20)));
        Assert.Equal("Bemærkning skal udfyldes.", ex.Message);
        Assert.Equal(ReferralStatus.Allocated, referral.Status);
        Assert.Null(referral.DeclineReason);
    }

    [Fact]
    public void Declined_referral_can_be_allocated_again()
    {
        var referral = Allocated(StaffA);
        referral.Decline(ReferralDeclineReason.ReferredElsewhere, "Henvist til anden mentor", new DateOnly(2024, 5, 20));

        referral.AllocateTo(StaffB, new DateOnly(2024, 5, 21));

        Assert.Equal(ReferralStatus.Allocated, referral.Status);
        Assert.Equal(StaffB, referral.AllocatedToId);
        Assert.Equal(new DateOnly(2024, 5, 21), referral.AllocatedOn);
        Assert.Null(referral.DeclineReason);
        Assert.Null(referral.DeclineNote);
        Assert.Null(referral.DecidedOn);
    }

    [Fact]
    public void Allocating_an_allocated_referral_throws_with_a_Danish_message()
    {
        var referral = Allocated(StaffA);

        var ex = Assert.Throws<DomainException>(() => referral.AllocateTo(StaffB, new DateOnly(2024, 5, 5)));
        Assert.Equal("Henvisningen er allerede fordelt.", ex.Message);
        Assert.Equal(StaffA, referral.AllocatedToId);
    }

    [Fact]
    public void Allocating_an_accepted_referral_throws()
    {
        var activity = MentorActivity();
        var referral = Receive(activity);
        referral.AllocateTo(StaffA, new DateOnly(2024, 5, 3));
        referral.Accept(activity, new DateOnly(2024, 5, 4));

        var ex = Assert.Throws<DomainException>(() => referral.AllocateTo(StaffB, new DateOnly(2024, 5, 5)));
        Assert.Equal("Henvisningen er accepteret og kan ikke fordeles igen.", ex.Message);
    }

    [Fact]
    public void Accepting_a_referral_that_is_not_allocated_throws()
    {
        var activity = MentorActivity();
        var referral = Receive(activity);

        var ex = Assert.Throws<DomainException>(() => referral.Accept(activity, new DateOnly(2024, 5, 3)));
        Assert.Equal("Kun en fordelt henvisning kan accepteres (status nu: Modtaget).", ex.Message);
        Assert.Null(referral.CaseId);
    }

    [Fact]
    public void Accepting_an_accepted_referral_again_throws()
    {
        var activity = MentorActivity();
        var referral = Receive(activity);
        referral.AllocateTo(StaffA, new DateOnly(2024, 5, 3));
        var first = referral.Accept(activity, new DateOnly(2024, 5, 4));

        var ex = Assert.Throws<DomainException>(() => referral.Accept(activity, new DateOnly(2024, 5, 5)));
        Assert.Equal("Kun en fordelt henvisning kan accepteres (status nu: Accepteret).", ex.Message);
        Assert.Equal(first.Id, referral.CaseId);
    }

    [Fact]
    public void Declining_a_referral_that_is_not_allocated_throws()
    {
        var referral = Receive();

        var ex = Assert.Throws<DomainException>(() => referral.Decline(ReferralDeclineReason.Other, "Ikke relevant", new DateOnly(2024, 5, 3)));
        Assert.Equal("Kun en fordelt henvisning kan afvises (status nu: Modtaget).", ex.Message);
        Assert.Equal(ReferralStatus.Received, referral.Status);
    }

    [Theory]
    [InlineData(2020, 12, 31)]
    [InlineData(2024, 10, 1)]
    public void Referral_received_outside_the_activitys_plan_period_throws(int year, int month, int day)
    {
        var ex = Assert.Throws<DomainException>(() => Receive(receivedOn: new DateOnly(year, month, day), today: new DateOnly(2024, 12, 1)));
        Assert.StartsWith("Aktiviteten Beskæftigelsesmentor for jobparate hører ikke til den helhedsplan", ex.Message);
    }

    [Theory]
    [InlineData(2021, 1, 1)]
    [InlineData(2024, 9, 30)]
    public void Referral_received_on_the_first_or_last_day_of_the_plan_period_is_accepted(int year, int month, int day)
    {
        var referral = Receive(receivedOn: new DateOnly(year, month, day), today: new DateOnly(2024, 12, 1));

        Assert.Equal(ReferralStatus.Received, referral.Status);
    }

    [Fact]
    public void Referral_received_in_the_future_throws()
    {
        var ex = Assert.Throws<DomainException>(() => Receive(receivedOn: Today.AddDays(1)));
        Assert.Equal("Modtagelsesdatoen kan ikke ligge i fremtiden.", ex.Message);
    }

    [Fact]
    public void Referral_to_an_inactive_activity_throws()
    {
        var activity = MentorActivity();
        activity.Deactivate();

        var ex = Assert.Throws<DomainException>(() => Receive(activity));
        Assert.Equal("Aktiviteten Beskæftigelsesmentor for jobparate er ikke længere aktiv.", ex.Message);
    }

    [Fact]
    public void Referral_needs_a_reason_and_a_source()
    {
        var activity = MentorActivity();

        Assert.Throws<DomainException>(() => new Referral(Resident, activity, "JobCounsellor", null, null, "  ", ReceivedOn, null, Today));
        Assert.Throws<DomainException>(() => new Referral(Resident, activity, "", null, null, "Mentor", ReceivedOn, null, Today));
    }

    [Fact]
    public void Referral_of_a_resident_without_registration_consent_throws()
    {
        var resident = new Resident("Omar Ali", new DateOnly(1985, 2, 3), null, null, new DateTimeOffset(2024, 4, 1, 9, 0, 0, TimeSpan.Zero));

        var ex = Assert.Throws<DomainException>(() =>
            new Referral(resident, MentorActivity(), "JobCounsellor", null, null, "Mentor", ReceivedOn, null, Today));
        Assert.Equal("Beboerens samtykke til registrering skal være registreret (dato og af hvem), før henvisningen kan gemmes.", ex.Message);
    }

    [Fact]
    public void Every_step_changes_the_version_so_a_concurrent_step_is_detected()
    {
        var activity = MentorActivity();
        var referral = Receive(activity);
        var versions = new List<int> { referral.Version };

        referral.AllocateTo(StaffA, new DateOnly(2024, 5, 3));
        versions.Add(referral.Version);
        referral.Decline(ReferralDeclineReason.NotReached, "Ingen svar", new DateOnly(2024, 5, 4));
        versions.Add(referral.Version);
        referral.AllocateTo(StaffB, new DateOnly(2024, 5, 5));
        versions.Add(referral.Version);
        referral.Accept(activity, new DateOnly(2024, 5, 6));
        versions.Add(referral.Version);

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public void A_failed_step_leaves_the_version_alone()
    {
        var referral = Allocated(StaffA);
        var version = referral.Version;

        Assert.Throws<DomainException>(() => referral.AllocateTo(StaffB, new DateOnly(2024, 5, 5)));

        Assert.Equal(version, referral.Version);
    }
}
