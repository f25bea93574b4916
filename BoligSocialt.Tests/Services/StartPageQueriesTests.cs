using BoligSocialt.App.Auth;
using BoligSocialt.App.Features.Home;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

public sealed class StartPageQueriesTests : IAsyncLifetime
{
    /// <summary>Q4 2025.</summary>
    private static readonly DateTimeOffset Now = new(2025, 11, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2025, 11, 15);

    private TestDatabase _database = null!;
    private Actor _mentor = null!;
    private Actor _colleague = null!;
    private Actor _leader = null!;
    private Actor _mentor2 = null!;
    private Guid _openCaseId, _closedCaseId, _colleagueCaseId, _myReferralId, _colleagueReferralId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        _colleague = await _database.AddStaffAsync("Sofie Nielsen", StaffRoles.Counsellor, "Team1");
        _leader = await _database.AddStaffAsync("Lone Mikkelsen", StaffRoles.TeamLeader, "Team1");
        _mentor2 = await _database.AddStaffAsync("Karim Yousef", StaffRoles.Mentor, "Team2");

        int vollsmose, kertemindevej;
        await using (var db = _database.CreateDbContext())
        {
            vollsmose = await db.HousingAreas.Where(a => a.Code == "Vollsmose").Select(a => a.Id).SingleAsync();
            kertemindevej = await db.HousingAreas.Where(a => a.Code == "Kertemindevejkvarteret").Select(a => a.Id).SingleAsync();
        }

        // Ahmed: an open case without its three-party meeting (age 27 at the outcome in Q2), a closed case, an allocated referral.
        var amina = await Scenario.AddResidentAsync(_database, "Amina Hussein", birthDate: new DateOnly(1998, 2, 3));
        _openCaseId = (await Scenario.AddCaseAsync(_database, amina.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId,
            (c, a) => c.RecordOutcome(a, OutcomeKind.Internship, new DateOnly(2025, 4, 20), vollsmose, Scenario.Today))).Id;
        var omar = await Scenario.AddResidentAsync(_database, "Omar Abdi", department: "Hybenhaven", birthDate: new DateOnly(1990, 1, 1));
        _closedCaseId = (await Scenario.AddCaseAsync(_database, omar.Id, Scenario.Team1Youth, _mentor.StaffMemberId, (c, a) =>
        {
            c.RecordOutcome(a, OutcomeKind.EducationStarted, new DateOnly(2025, 10, 20), kertemindevej, Scenario.Today);
            c.Close(new DateOnly(2025, 10, 30), ClosureReason.GoalsReached, new Dictionary<Guid, GoalStatus>(), true, null, Scenario.Today);
        })).Id;
        var sara = await Scenario.AddResidentAsync(_database, "Sara Khan");
        _myReferralId = (await Scenario.AddReferralAsync(_database, sara.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId)).Id;

        // Sofie: an open case and an allocated referral.
        var leyla = await Scenario.AddResidentAsync(_database, "Leyla Yilmaz");
        _colleagueCaseId = (await Scenario.AddCaseAsync(_database, leyla.Id, Scenario.Team1Youth, _colleague.StaffMemberId)).Id;
        var yusuf = await Scenario.AddResidentAsync(_database, "Yusuf Osman");
        _colleagueReferralId = (await Scenario.AddReferralAsync(_database, yusuf.Id, Scenario.Team1Youth, _colleague.StaffMemberId)).Id;

        // Waiting referrals: one in Team1, one in Team2.
        var hiba = await Scenario.AddResidentAsync(_database, "Hiba Farah");
        await Scenario.AddReferralAsync(_database, hiba.Id, Scenario.Team1Mentoring, null);
        var ali = await Scenario.AddResidentAsync(_database, "Ali Kaya");
        await Scenario.AddReferralAsync(_database, ali.Id, Scenario.Team2Crime, null);
        var ida = await Scenario.AddResidentAsync(_database, "Ida Larsen");
        await Scenario.AddCaseAsync(_database, ida.Id, Scenario.Team2Crime, _mentor2.StaffMemberId);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<StartPageContent> PageFor(Actor actor) =>
        new StartPageQueries(_database, new FakeCurrentUser(actor), new FixedClock(Now)).GetAsync();

    [Fact]
    public async Task Mentors_start_page_lists_their_open_cases_only()
    {
        var page = await PageFor(_mentor);

        Assert.Equal("Ahmed Hassan", page.Name);
        Assert.NotNull(page.MyCases);
        var mine = Assert.Single(page.MyCases);
        Assert.Equal(_openCaseId, mine.Id);
        Assert.Equal("Amina Hussein", mine.Resident);
        Assert.Equal(Today.DayNumber - Scenario.Accepted.DayNumber, mine.DaysOpen);
        Assert.True(mine.StartMeetingMissing);
        Assert.DoesNotContain(page.MyCases, c => c.Id == _closedCaseId || c.Id == _colleagueCaseId);
    }

    [Fact]
    public async Task Mentors_start_page_lists_the_referrals_allocated_to_them_only()
    {
        var page = await PageFor(_mentor);

        Assert.NotNull(page.MyReferrals);
        var mine = Assert.Single(page.MyReferrals);
        Assert.Equal(_myReferralId, mine.Id);
        Assert.Equal("Sara Khan", mine.Resident);
        Assert.Equal(Today.DayNumber - Scenario.Allocated.DayNumber, mine.DaysSinceAllocation);
        Assert.DoesNotContain(page.MyReferrals, r => r.Id == _colleagueReferralId);
    }

    [Fact]
    public async Task Mentors_start_page_has_no_team_figures_or_administration()
    {
        var page = await PageFor(_mentor);

        Assert.Null(page.Team);
        Assert.Null(page.Figures);
        Assert.Null(page.Administration);
    }

    [Fact]
    public async Task Leader_gets_the_teams_waiting_referrals_and_oldest_wait()
    {
        var page = await PageFor(_leader);

        Assert.NotNull(page.Team);
        Assert.Equal("Team 1", page.Team.Team);
        Assert.Equal(1, page.Team.ReferralsWaiting); // Team2's waiting referral is not counted
        Assert.Equal(Today.DayNumber - Scenario.Received.DayNumber, page.Team.OldestWaitingDays);
        Assert.Null(page.MyCases);
        Assert.Null(page.MyReferrals);
    }

    [Fact]
    public async Task Leader_gets_the_caseload_of_the_teams_caseworkers()
    {
        var page = await PageFor(_leader);

        Assert.NotNull(page.Team);
        Assert.Equal(
            [("Ahmed Hassan", "Mentor", 1, 1), ("Sofie Nielsen", "Rådgiver", 1, 1)],
            page.Team.Caseload.Select(c => (c.Name, c.Roles, c.OpenCases, c.AwaitingDecision)).ToArray());
    }

    [Fact]
    public async Task Leaders_caseload_leaves_out_inactive_staff()
    {
        await using (var db = _database.CreateDbContext())
        {
            var sofie = await db.StaffMembers.SingleAsync(s => s.Id == _colleague.StaffMemberId);
            sofie.Deactivate();
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        var page = await PageFor(_leader);

        Assert.Equal(["Ahmed Hassan"], page.Team!.Caseload.Select(c => c.Name).ToArray());
    }

    [Fact]
    public async Task Analyst_gets_figures_by_the_counting_rule_and_no_names()
    {
        var analyst = await _database.AddStaffAsync("Peter Dahl", StaffRoles.Analyst);

        var page = await PageFor(analyst);

        Assert.Null(page.MyCases);
        Assert.Null(page.MyReferrals);
        Assert.Null(page.Team);
        Assert.NotNull(page.Figures);
        Assert.Equal(2025, page.Figures.Year);
        Assert.Equal(4, page.Figures.Quarter);
        // Amina: internship in Q2, age 27, Vollsmose. Omar: education in Q4, age 35, Kertemindevejkvarteret = Vollsmose.
        Assert.Equal(
            [
                new IndicatorRow(Indicator.EmploymentOrEducation, "Vollsmose", UniqueResidentCount.Age18To29, 0, 1, 1, null),
                new IndicatorRow(Indicator.EmploymentOrEducation, "Vollsmose", UniqueResidentCount.Age30To64, 1, 1, 1, null),
            ],
            page.Figures.Rows.ToArray());
    }

    [Fact]
    public async Task Administrator_gets_the_administration_counts_and_no_personal_data()
    {
        var administrator = await _database.AddStaffAsync("Birgit Holm", StaffRoles.Administrator);
        await using (var db = _database.CreateDbContext())
        {
            (await db.StaffMembers.SingleAsync(s => s.Id == _mentor2.StaffMemberId)).Deactivate();
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        var page = await PageFor(administrator);

        Assert.Equal(new AdministrationOverview(ActiveStaff: 4, InactiveStaff: 1, Activities: 31), page.Administration);
        Assert.Null(page.MyCases);
        Assert.Null(page.MyReferrals);
        Assert.Null(page.Team);
        Assert.Null(page.Figures);
    }

    [Fact]
    public async Task Person_with_several_roles_sees_several_sections()
    {
        var both = await _database.AddStaffAsync("Jonas Berg", StaffRoles.Mentor | StaffRoles.TeamLeader | StaffRoles.Analyst, "Team1");

        var page = await PageFor(both);

        Assert.NotNull(page.MyCases);
        Assert.NotNull(page.MyReferrals);
        Assert.NotNull(page.Team);
        Assert.NotNull(page.Figures);
        Assert.Null(page.Administration);
    }
}
