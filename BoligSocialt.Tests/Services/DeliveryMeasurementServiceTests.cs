using BoligSocialt.App.Auth;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// The per-activity figures of the delivery measurement, each against a hand-counted data set around the first
/// quarter of 2025 (1 January – 31 March): things just before and just after the quarter must not count.
/// </summary>
public sealed class DeliveryMeasurementServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private TestDatabase _database = null!;
    private Actor _mentor = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static DateOnly D(int month, int day, int year = 2025) => new(year, month, day);

    [Fact]
    public async Task Each_activity_figure_counts_exactly_what_happened_in_the_quarter()
    {
        await using (var db = _database.CreateDbContext())
        {
            var activity = await Scenario.ActivityAsync(db, Scenario.Team1Mentoring);
            var granparken = await db.Departments.Include(d => d.HousingArea).SingleAsync(d => d.Name == "Granparken");
            Resident Person(string name)
            {
                var resident = new Resident(name, new DateOnly(1990, 4, 12), null, null, DateTimeOffset.UtcNow);
                resident.MoveTo(granparken.Id, new DateOnly(2015, 1, 1));
                resident.GiveRegistrationConsent(new DateOnly(2021, 1, 1), _mentor.StaffMemberId, Today);
                db.Residents.Add(resident);
                return resident;
            }
            Referral Refer(Resident who, DateOnly received, DateOnly? allocated)
            {
                var referral = new Referral(who, activity, Referral.SelfReferralSource, null, null, "Ønsker hjælp", received, null, Today);
                if (allocated is { } on) referral.AllocateTo(_mentor.StaffMemberId, on);
                db.Referrals.Add(referral);
                return referral;
            }
            Case Opened(Resident who, DateOnly received, DateOnly allocated, DateOnly accepted)
            {
                var opened = Refer(who, received, allocated).Accept(activity, accepted);
                db.Cases.Add(opened);
                return opened;
            }
            void Entry(DateOnly on, LogbookEntryKind kind, Guid[] residents, int? headCount = null) =>
                db.LogbookEntries.Add(new LogbookEntry(on, _mentor.StaffMemberId, activity.Id, kind, residents, headCount, null, Today));

            var (anna, bo, cem, dina, emil) = (Person("Anna"), Person("Bo"), Person("Cem"), Person("Dina"), Person("Emil"));

            // Referrals: received in Q1 = anna, bo (+ the cases of cem and dina, received in Q1) = 4; emil's arrived in Q4 2024.
            Refer(anna, D(1, 10), D(1, 20));             // allocated in Q1 after 10 days
            Refer(bo, D(3, 30), D(4, 2));                // received in Q1, allocated in Q2: not allocated in Q1
            Refer(emil, D(12, 20, 2024), D(1, 2));        // allocated in Q1 after 13 days
            var cemCase = Opened(cem, D(1, 5), D(1, 6), D(1, 8));   // allocated after 1 day, opened in Q1
            var dinaCase = Opened(dina, D(2, 1), D(2, 5), D(2, 6)); // allocated after 4 days, opened in Q1
            var oldCase = Opened(anna, D(11, 1, 2024), D(11, 2, 2024), D(11, 3, 2024)); // opened before Q1

            // Closures: cem's in Q1 (goals reached), the old case's on 1 April (after Q1): still active at the end of Q1.
            cemCase.Close(D(3, 31), ClosureReason.GoalsReached, new Dictionary<Guid, GoalStatus>(), true, null, Today);
            oldCase.Close(D(4, 1), ClosureReason.NoContact, new Dictionary<Guid, GoalStatus>(), false, null, Today);

            // Logbook: 2 follow-ups, 1 three-party meeting, 2 conversations (one with two residents), an event with 30 people,
            // outreach with 5; outside Q1 one conversation on 31 December and one on 1 April; one deleted follow-up.
            Entry(D(1, 15), LogbookEntryKind.FollowUp, [cem.Id]);
            Entry(D(2, 15), LogbookEntryKind.FollowUp, [dina.Id]);
            Entry(D(1, 9), LogbookEntryKind.ThreePartyMeeting, [cem.Id]);
            Entry(D(1, 1), LogbookEntryKind.Conversation, [anna.Id, bo.Id]);
            Entry(D(3, 31), LogbookEntryKind.Conversation, [anna.Id]);
            Entry(D(3, 1), LogbookEntryKind.Event, [], 30);
            Entry(D(3, 2), LogbookEntryKind.Outreach, [], 5);
            Entry(D(12, 31, 2024), LogbookEntryKind.Conversation, [emil.Id]);
            Entry(D(4, 1), LogbookEntryKind.Conversation, [emil.Id]);
            var deleted = new LogbookEntry(D(2, 20), _mentor.StaffMemberId, activity.Id, LogbookEntryKind.FollowUp, [emil.Id], null, null, Today);
            deleted.Delete("Registreret på den forkerte beboer", _mentor.StaffMemberId, DateTimeOffset.UtcNow);
            db.LogbookEntries.Add(deleted);

            // Outcomes: two in Q1 (internship, ordinary job), one on 1 April; one registered with the deleted entry.
            db.Outcomes.Add(dinaCase.RecordOutcome(activity, OutcomeKind.Internship, D(3, 1), granparken.HousingAreaId, Today));
            db.Outcomes.Add(new Outcome(bo.Id, activity.Id, OutcomeKind.OrdinaryJob, D(2, 1), granparken.HousingAreaId, null));
            db.Outcomes.Add(new Outcome(bo.Id, activity.Id, OutcomeKind.EducationStarted, D(4, 1), granparken.HousingAreaId, null));
            db.Outcomes.Add(new Outcome(emil.Id, activity.Id, OutcomeKind.OrdinaryJob, D(2, 20), granparken.HousingAreaId, null, deleted.Id));

            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        await using var context = _database.CreateDbContext();
        var measurement = await DeliveryMeasurementService.MeasureAsync(context, 2025, 1);

        Assert.Equal((D(1, 1), D(3, 31)), (measurement.From, measurement.To));
        var figures = Assert.Single(measurement.Activities, a => a.Activity == Scenario.Team1Mentoring);
        Assert.Equal(4, figures.ReferralsReceived);
        Assert.Equal(4, figures.ReferralsAllocated);
        Assert.Equal(7, figures.MedianDaysToAllocation); // 1, 4, 10, 13
        Assert.Equal(2, figures.CasesOpened);
        Assert.Equal(2, figures.CasesActiveAtEnd); // dina's, and the old case closed on 1 April
        Assert.Equal(new Dictionary<string, int> { ["GoalsReached"] = 1 }, figures.CasesClosed);
        Assert.Equal(new Dictionary<string, int> { ["FollowUp"] = 2, ["ThreePartyMeeting"] = 1 }, figures.Meetings);
        Assert.Equal(new Dictionary<string, int> { ["Conversation"] = 2, ["Event"] = 1, ["FollowUp"] = 2, ["Outreach"] = 1, ["ThreePartyMeeting"] = 1 },
            figures.LogbookEntries);
        Assert.Equal(4, figures.DistinctResidents); // anna, bo, cem, dina
        Assert.Equal(35, figures.HeadCount);
        Assert.Equal(new Dictionary<string, int> { ["Internship"] = 1, ["OrdinaryJob"] = 1 }, figures.Outcomes);
        Assert.Equal("Vollsmose", Assert.Single(measurement.Indicators, r => r.YearToDate > 0 && r.AgeBand == "30-64").Area);
    }

    [Fact]
    public async Task Two_records_of_one_person_reached_in_the_quarter_count_once_when_merged_even_through_a_chain()
    {
        var first = await Scenario.AddResidentAsync(_database, "Amina Husein");
        var second = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        var third = await Scenario.AddResidentAsync(_database, "Amina Hussain");
        var other = await Scenario.AddResidentAsync(_database, "Bo Jensen");
        foreach (var resident in new[] { first, second, third, other })
            await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [resident.Id], D(2, 10));
        await using var db = _database.CreateDbContext();
        async Task<int> ReachedAsync() =>
            (await DeliveryMeasurementService.MeasureAsync(db, 2025, 1)).Activities.Single(a => a.Activity == Scenario.Team1Mentoring).DistinctResidents;
        Assert.Equal(4, await ReachedAsync());

        // Records marked merged with their entries left where they were (first → second → third).
        await db.Database.ExecuteSqlAsync($"UPDATE \"Residents\" SET \"MergedIntoId\" = {second.Id} WHERE \"Id\" = {first.Id}");
        await db.Database.ExecuteSqlAsync($"UPDATE \"Residents\" SET \"MergedIntoId\" = {third.Id} WHERE \"Id\" = {second.Id}");

        Assert.Equal(2, await ReachedAsync());
    }

    [Fact]
    public async Task Activities_of_the_plan_in_force_are_listed_even_without_figures_and_with_none_the_median_is_null()
    {
        await using var db = _database.CreateDbContext();

        var measurement = await DeliveryMeasurementService.MeasureAsync(db, 2023, 2);

        var planActivities = await db.Activities.CountAsync(a => a.PlanPeriod!.Code == "2021-2024");
        Assert.Equal(planActivities, measurement.Activities.Count);
        Assert.All(measurement.Activities, a =>
        {
            Assert.Null(a.MedianDaysToAllocation);
            Assert.Equal(0, a.ReferralsReceived + a.CasesOpened + a.DistinctResidents + a.HeadCount);
            Assert.Empty(a.LogbookEntries);
            Assert.NotEqual("", a.ActivityName);
        });
        // The reference figures of the plan are rows of their own, with nobody counted yet.
        Assert.Equal(12, measurement.Indicators.Count);
        Assert.Contains(new IndicatorRow(Indicator.Volunteering, "Korslokken", "all", 0, 0, 0, 10), measurement.Indicators);
        Assert.Equal("Korsløkken", measurement.AreaNames["Korslokken"]);
    }

    [Theory]
    [InlineData(StaffRoles.Analyst, true)]
    [InlineData(StaffRoles.TeamLeader, true)]
    [InlineData(StaffRoles.Head, true)]
    [InlineData(StaffRoles.Mentor, false)]
    [InlineData(StaffRoles.Counsellor, false)]
    [InlineData(StaffRoles.Administrator, false)]
    public async Task Only_analysts_and_leaders_get_the_measurement(StaffRoles role, bool allowed)
    {
        var service = new DeliveryMeasurementService(_database, new FakeCurrentUser(new Actor(Guid.NewGuid(), role, 1)));

        if (allowed) Assert.Equal(2, (await service.GetAsync(2025, 2)).Quarter);
        else await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(2025, 2));
    }

    [Theory]
    [InlineData(2026, 11, 24, 2026, 3)]
    [InlineData(2026, 1, 1, 2025, 4)]
    [InlineData(2026, 3, 31, 2025, 4)]
    [InlineData(2026, 4, 1, 2026, 1)]
    public void The_default_quarter_is_the_last_complete_one(int year, int month, int day, int expectedYear, int expectedQuarter) =>
        Assert.Equal((expectedYear, expectedQuarter), DeliveryMeasurementService.LastCompleteQuarter(new DateOnly(year, month, day)));
}
