using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Tests.Domain;

public sealed class RetentionTests
{
    private static readonly DateOnly Today = new(2030, 6, 1);
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly Guid Staff = Guid.NewGuid();
    private static readonly PlanPeriod Plan = new("HP21", "Helhedsplan 2021-2024", new(2021, 1, 1), new(2024, 9, 30));
    private static readonly Activity Mentoring = ReferralTests.MentorActivity(Plan);

    /// <summary>Departments 1 and 2 lie in housing area 10, department 3 in area 20.</summary>
    private static int AreaOf(int department) => department < 3 ? 10 : 20;

    private static Resident Person(DateOnly? born = null)
    {
        var resident = new Resident("Amina Hussein", born ?? new DateOnly(1994, 6, 15), "+45 20 30 40 50", Staff, new DateTimeOffset(2021, 1, 5, 9, 0, 0, TimeSpan.Zero));
        resident.MoveTo(1, new DateOnly(2015, 1, 1));
        resident.MoveTo(2, new DateOnly(2019, 3, 1));
        resident.MoveTo(3, new DateOnly(2022, 8, 1));
        resident.GiveRegistrationConsent(new DateOnly(2021, 1, 5), Staff, Today);
        return resident;
    }

    /// <summary>A referral accepted into a case with goals, an agreement, a closure note and an outcome on 1 March 2024.</summary>
    private static (Referral Referral, Case Case, Outcome Outcome, LogbookEntry StartMeeting) ClosedCaseOf(Resident resident)
    {
        var referral = new Referral(resident, Mentoring, "JobCounsellor", "Jens Jensen", "Jobcenter Odense", "Har brug for en mentor",
            new DateOnly(2022, 1, 10), Staff, Today);
        referral.AllocateTo(Staff, new DateOnly(2022, 1, 12));
        var course = referral.Accept(Mentoring, new DateOnly(2022, 1, 20));
        var meeting = course.RecordStartMeeting(Mentoring, new StartMeeting(new DateOnly(2022, 1, 25), "Jens Hansen", "Jobcenter Odense", [], "Talte om familien"),
            ["Finde praktikplads"], Staff, Today);
        course.AddAgreement("Sende CV til Netto", "Amina", new DateOnly(2022, 3, 1));
        var outcome = course.RecordOutcome(Mentoring, OutcomeKind.Internship, new DateOnly(2024, 3, 1), 20, Today);
        course.Close(new DateOnly(2024, 4, 1), ClosureReason.GoalsReached, course.Goals.ToDictionary(g => g.Id, _ => GoalStatus.Reached),
            residentAgreed: true, "Flytter til Aarhus", Today);
        return (referral, course, outcome, meeting);
    }

    private static ResidentRecords Records(Referral referral, Case course, Outcome outcome, params LogbookEntry[] entries) =>
        new([referral], [course], [outcome], entries, []);

    [Fact]
    public void Anonymising_removes_name_phone_birth_day_and_departments_and_keeps_the_areas()
    {
        var resident = Person();
        var (referral, course, outcome, meeting) = ClosedCaseOf(resident);

        Anonymisation.Anonymise(resident, [], Records(referral, course, outcome, meeting), AreaOf, Now);

        Assert.True(resident.IsAnonymised);
        Assert.Equal(Now, resident.AnonymisedAt);
        Assert.Equal(Resident.AnonymisedName, resident.Name);
        Assert.Null(resident.Phone);
        Assert.Equal(new DateOnly(1994, 1, 1), resident.BirthDate);
        Assert.Empty(resident.Residences);
        // Departments 1 and 2 are one area: one line from the first move into it.
        Assert.Equal([(10, new DateOnly(2015, 1, 1)), (20, new DateOnly(2022, 8, 1))],
            resident.AreaHistory.OrderBy(a => a.From).Select(a => (a.HousingAreaId, a.From)).ToArray());
        Assert.NotNull(resident.RegistrationConsent);
    }

    [Fact]
    public void Anonymising_keeps_the_age_band_of_each_outcome_that_the_birth_year_alone_would_change()
    {
        // 29 on 1 March 2024 (birthday in June); by 1 January 1994 alone they would be 30.
        var resident = Person(new DateOnly(1994, 6, 15));
        var (referral, course, outcome, meeting) = ClosedCaseOf(resident);
        var facts = new[] { new ResidentFact(resident.Id, resident.BirthDate) };
        var before = UniqueResidentCount.Compute(2024, 1, [new OutcomeFact(resident.Id, outcome.Kind, outcome.AchievedOn, "Korslokken")], facts, [], [Plan]);

        Anonymisation.Anonymise(resident, [], Records(referral, course, outcome, meeting), AreaOf, Now);

        Assert.Equal(UniqueResidentCount.Age18To29, outcome.AgeBand);
        Assert.Equal(30, resident.AgeOn(outcome.AchievedOn));
        var after = new[] { new ResidentFact(resident.Id, resident.BirthDate) };
        Assert.Equal(before,
            UniqueResidentCount.Compute(2024, 1, [new OutcomeFact(resident.Id, outcome.Kind, outcome.AchievedOn, "Korslokken", outcome.AgeBand)], after, [], [Plan]));
        Assert.NotEqual(before,
            UniqueResidentCount.Compute(2024, 1, [new OutcomeFact(resident.Id, outcome.Kind, outcome.AchievedOn, "Korslokken")], after, [], [Plan]));
    }

    [Fact]
    public void Outcomes_of_a_merged_record_are_counted_in_the_age_band_of_the_survivors_birth_date()
    {
        var survivor = Person(new DateOnly(1994, 6, 15));
        var duplicate = Person(new DateOnly(2000, 1, 1));
        var (referral, course, outcome, meeting) = ClosedCaseOf(duplicate);
        ResidentMerger.Merge(survivor, duplicate, [], new ResidentRecords([referral], [course], [outcome], [meeting], []));

        var counts = Anonymisation.Anonymise(survivor, [duplicate], Records(referral, course, outcome, meeting), AreaOf, Now);

        Assert.Equal(UniqueResidentCount.Age18To29, outcome.AgeBand);
        Assert.True(duplicate.IsAnonymised);
        Assert.Equal(Resident.AnonymisedName, duplicate.Name);
        Assert.Equal((1, 2, 1), (counts.Residents, counts.Records, counts.AgeBandsKept));
    }

    [Fact]
    public void Anonymising_removes_the_texts_of_cases_referrals_and_logbook_entries_shared_with_others()
    {
        var resident = Person();
        var neighbour = Person();
        var (referral, course, outcome, meeting) = ClosedCaseOf(resident);
        var shared = new LogbookEntry(new DateOnly(2023, 5, 1), Staff, Mentoring.Id, LogbookEntryKind.Conversation, [resident.Id, neighbour.Id], null,
            "Amina og naboen skændtes", Today);
        var deleted = new LogbookEntry(new DateOnly(2023, 6, 1), Staff, Mentoring.Id, LogbookEntryKind.PhoneCall, [resident.Id], null, "Ringede", Today);
        deleted.Delete("Forkert beboer: Amina", Staff, Now);

        var counts = Anonymisation.Anonymise(resident, [], Records(referral, course, outcome, meeting, shared, deleted), AreaOf, Now);

        Assert.Null(course.Closure!.Note);
        Assert.Null(course.StartMeetingParticipants);
        Assert.All(course.Goals, g => Assert.Equal(Anonymisation.RemovedText, g.Text));
        Assert.All(course.Agreements, a => Assert.Equal((Anonymisation.RemovedText, Anonymisation.RemovedText), (a.Text, a.Responsible)));
        Assert.Equal((Anonymisation.RemovedText, null), (referral.Reason, referral.ReferrerName));
        Assert.All(new[] { meeting, shared, deleted }, e => Assert.Null(e.Note));
        Assert.Equal(Anonymisation.RemovedText, deleted.DeletionReason);
        // What the figures count stays: the neighbour still took part, the entry's kind and date are unchanged.
        Assert.Equal([resident.Id, neighbour.Id], shared.Participants.Select(p => p.ResidentId).ToArray());
        Assert.Equal((course.Closure.ClosedOn, course.Closure.Reason), (new DateOnly(2024, 4, 1), ClosureReason.GoalsReached));
        Assert.Equal(new AnonymisationCounts(1, 1, 4, 4, 2, 1), counts);
    }

    [Fact]
    public void A_resident_with_an_open_case_or_referral_is_not_anonymised()
    {
        var resident = Person();
        var referral = new Referral(resident, Mentoring, "Self", null, null, "Vil gerne i job", new DateOnly(2022, 1, 10), Staff, Today);

        var e = Assert.Throws<DomainException>(() => Anonymisation.Anonymise(resident, [], new ResidentRecords([referral], [], [], [], []), AreaOf, Now));

        Assert.Equal("Beboeren har et åbent forløb eller en åben henvisning og kan ikke anonymiseres.", e.Message);
        Assert.False(resident.IsAnonymised);
        Assert.Equal("Amina Hussein", resident.Name);
    }

    [Fact]
    public void An_anonymised_resident_is_never_processed_again_nor_changed_merged_or_referred()
    {
        var resident = Person();
        Anonymisation.Anonymise(resident, [], new ResidentRecords([], [], [], [], []), AreaOf, Now);

        Assert.Equal("Beboeren er allerede anonymiseret.",
            Assert.Throws<DomainException>(() => Anonymisation.Anonymise(resident, [], new ResidentRecords([], [], [], [], []), AreaOf, Now)).Message);
        Assert.Throws<DomainException>(() => resident.UpdateDetails("Amina Hussein", new DateOnly(1994, 6, 15), null, Today));
        Assert.Throws<DomainException>(() => resident.MoveTo(1, Today));
        Assert.Equal("En anonymiseret beboer kan ikke lægges sammen med en anden.",
            Assert.Throws<DomainException>(() => ResidentMerger.Merge(Person(), resident, [], new ResidentRecords([], [], [], [], []))).Message);
        Assert.Throws<DomainException>(() => new Referral(resident, Mentoring, "Self", null, null, "Igen", new DateOnly(2022, 1, 10), Staff, Today));
    }

    [Fact]
    public void Records_of_someone_else_are_refused()
    {
        var resident = Person();
        var (referral, course, outcome, meeting) = ClosedCaseOf(Person());

        Assert.Throws<ArgumentException>(() => Anonymisation.Anonymise(resident, [], Records(referral, course, outcome, meeting), AreaOf, Now));
        Assert.False(resident.IsAnonymised);
    }

    [Fact]
    public void Due_when_nothing_open_and_the_last_thing_recorded_lies_before_the_period()
    {
        var schedule = new RetentionSchedule(RetentionSchedule.DefaultYears);
        var periodStart = new DateOnly(2025, 6, 1);

        Assert.Equal(periodStart, schedule.PeriodStart(Today));
        Assert.True(schedule.IsDue(new ResidentHistory(false, false, periodStart.AddDays(-1)), Today));
        Assert.False(schedule.IsDue(new ResidentHistory(false, false, periodStart), Today));
        Assert.False(schedule.IsDue(new ResidentHistory(true, false, new DateOnly(2010, 1, 1)), Today));
        Assert.False(schedule.IsDue(new ResidentHistory(false, true, new DateOnly(2010, 1, 1)), Today));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void The_period_is_one_to_thirty_years(int years)
    {
        var schedule = new RetentionSchedule(5);

        var e = Assert.Throws<DomainException>(() => schedule.ChangeYears(years));

        Assert.Equal("Opbevaringsperioden skal være mellem 1 og 30 år efter forløbets afslutning.", e.Message);
        Assert.Equal(5, schedule.Years);
    }

    [Fact]
    public void The_history_is_the_last_date_of_anything_recorded_not_counting_deleted_entries()
    {
        var resident = Person();
        var (referral, course, outcome, meeting) = ClosedCaseOf(resident);
        var deleted = new LogbookEntry(new DateOnly(2029, 1, 1), Staff, Mentoring.Id, LogbookEntryKind.PhoneCall, [resident.Id], null, null, Today);
        deleted.Delete("Fejl", Staff, Now);

        Assert.Equal(new ResidentHistory(false, false, new DateOnly(2024, 4, 1)),
            ResidentHistory.Of([resident], Records(referral, course, outcome, meeting, deleted)));

        var course2 = new GroupCourse(Mentoring.Id, "Dig, mig og arbejde", Staff, new DateOnly(2024, 9, 1));
        course2.Enrol(resident.Id);
        course2.PlanSession(new DateOnly(2024, 9, 15), null);
        Assert.Equal(new DateOnly(2024, 9, 15),
            ResidentHistory.Of([resident], new ResidentRecords([referral], [course], [outcome], [meeting], [course2])).LastActivityOn);
    }
}
