using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

public sealed class AccessRuleTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    // Team1: two mentors and the team leader; Team2: a mentor and the head.
    private Actor _mentor1 = null!;
    private Actor _colleague1 = null!;
    private Actor _leader1 = null!;
    private Actor _mentor2 = null!;
    private Actor _head2 = null!;
    private Actor _administrator = null!;
    private Actor _analyst = null!;
    private Actor _administratorMentor = null!;

    // Residents: one per situation.
    private Resident _ownCase = null!;            // case of _mentor1 in a Team1 activity
    private Resident _colleagueCase = null!;      // case of _colleague1 in a Team1 activity
    private Resident _team2Case = null!;          // case of _mentor2 in a Team2 activity
    private Resident _ownReferral = null!;        // referral allocated to _mentor1 (Team1)
    private Resident _colleagueReferral = null!;  // referral allocated to _colleague1 (Team1)
    private Resident _team2Waiting = null!;       // referral received, not allocated (Team2)
    private Resident _administratorsCase = null!; // case of _administratorMentor (Team1)

    private Guid _ownCaseReferralId;
    private Guid _ownCaseId, _colleagueCaseId, _team2CaseId, _administratorsCaseId;
    private Guid _ownReferralId, _colleagueReferralId, _team2WaitingId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor1 = await _database.AddStaffAsync("Mentor Et", StaffRoles.Mentor, "Team1");
        _colleague1 = await _database.AddStaffAsync("Kollega Et", StaffRoles.Counsellor, "Team1");
        _leader1 = await _database.AddStaffAsync("Leder Et", StaffRoles.TeamLeader, "Team1");
        _mentor2 = await _database.AddStaffAsync("Mentor To", StaffRoles.Mentor, "Team2");
        _head2 = await _database.AddStaffAsync("Chef To", StaffRoles.Head, "Team2");
        _administrator = await _database.AddStaffAsync("Admin", StaffRoles.Administrator);
        _analyst = await _database.AddStaffAsync("Analytiker", StaffRoles.Analyst);
        _administratorMentor = await _database.AddStaffAsync("Admin Mentor", StaffRoles.Administrator | StaffRoles.Mentor, "Team1");

        _ownCase = await Scenario.AddResidentAsync(_database, "Egen Sag");
        _colleagueCase = await Scenario.AddResidentAsync(_database, "Kollegas Sag");
        _team2Case = await Scenario.AddResidentAsync(_database, "Team To Sag");
        _ownReferral = await Scenario.AddResidentAsync(_database, "Egen Henvisning");
        _colleagueReferral = await Scenario.AddResidentAsync(_database, "Kollegas Henvisning");
        _team2Waiting = await Scenario.AddResidentAsync(_database, "Team To Venter");
        _administratorsCase = await Scenario.AddResidentAsync(_database, "Admins Sag");

        var ownCase = await Scenario.AddCaseAsync(_database, _ownCase.Id, Scenario.Team1Mentoring, _mentor1.StaffMemberId);
        _ownCaseId = ownCase.Id;
        _ownCaseReferralId = ownCase.ReferralId!.Value;
        _colleagueCaseId = (await Scenario.AddCaseAsync(_database, _colleagueCase.Id, Scenario.Team1Youth, _colleague1.StaffMemberId)).Id;
        _team2CaseId = (await Scenario.AddCaseAsync(_database, _team2Case.Id, Scenario.Team2Crime, _mentor2.StaffMemberId)).Id;
        _administratorsCaseId = (await Scenario.AddCaseAsync(_database, _administratorsCase.Id, Scenario.Team1Youth, _administratorMentor.StaffMemberId)).Id;
        _ownReferralId = (await Scenario.AddReferralAsync(_database, _ownReferral.Id, Scenario.Team1Mentoring, _mentor1.StaffMemberId)).Id;
        _colleagueReferralId = (await Scenario.AddReferralAsync(_database, _colleagueReferral.Id, Scenario.Team1Youth, _colleague1.StaffMemberId)).Id;
        _team2WaitingId = (await Scenario.AddReferralAsync(_database, _team2Waiting.Id, Scenario.Team2Cohesion, null)).Id;
        await Scenario.AddLogbookEntryAsync(_database, _mentor1.StaffMemberId, Scenario.Team1Mentoring, [_ownCase.Id],
            new DateOnly(2025, 4, 1), caseId: _ownCaseId);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<HashSet<Guid>> ResidentsSeenBy(Actor actor)
    {
        await using var db = _database.CreateDbContext();
        return (await db.VisibleResidents(actor).Select(r => r.Id).ToListAsync()).ToHashSet();
    }

    private async Task<HashSet<Guid>> CasesSeenBy(Actor actor)
    {
        await using var db = _database.CreateDbContext();
        return (await db.VisibleCases(actor).Select(c => c.Id).ToListAsync()).ToHashSet();
    }

    private async Task<HashSet<Guid>> ReferralsSeenBy(Actor actor)
    {
        await using var db = _database.CreateDbContext();
        return (await db.VisibleReferrals(actor).Select(r => r.Id).ToListAsync()).ToHashSet();
    }

    private static void AssertSame(IEnumerable<Guid> actual, params Guid[] expected) =>
        Assert.Equal(expected.Order().ToList(), actual.Order().ToList());

    [Fact]
    public async Task Mentor_sees_their_own_case_and_its_resident()
    {
        Assert.Contains(_ownCaseId, await CasesSeenBy(_mentor1));
        Assert.Contains(_ownCase.Id, await ResidentsSeenBy(_mentor1));
    }

    [Fact]
    public async Task Mentor_does_not_see_a_colleagues_case_in_the_same_team()
    {
        Assert.DoesNotContain(_colleagueCaseId, await CasesSeenBy(_mentor1));
        Assert.DoesNotContain(_colleagueCase.Id, await ResidentsSeenBy(_mentor1));
    }

    [Fact]
    public async Task Mentor_does_not_see_another_teams_case()
    {
        Assert.DoesNotContain(_team2CaseId, await CasesSeenBy(_mentor1));
        Assert.DoesNotContain(_team2Case.Id, await ResidentsSeenBy(_mentor1));
    }

    [Fact]
    public async Task Mentor_sees_exactly_their_own_cases_referrals_and_residents()
    {
        AssertSame(await CasesSeenBy(_mentor1), _ownCaseId);
        // The accepted referral behind their case stays allocated to them.
        AssertSame(await ReferralsSeenBy(_mentor1), _ownReferralId, _ownCaseReferralId);
        AssertSame(await ResidentsSeenBy(_mentor1), _ownCase.Id, _ownReferral.Id);
    }

    [Fact]
    public async Task Mentor_sees_a_referral_allocated_to_them_and_its_resident()
    {
        Assert.Contains(_ownReferralId, await ReferralsSeenBy(_mentor1));
        Assert.Contains(_ownReferral.Id, await ResidentsSeenBy(_mentor1));
    }

    [Fact]
    public async Task Mentor_does_not_see_a_referral_allocated_to_someone_else()
    {
        Assert.DoesNotContain(_colleagueReferralId, await ReferralsSeenBy(_mentor1));
        Assert.DoesNotContain(_colleagueReferral.Id, await ResidentsSeenBy(_mentor1));
    }

    [Fact]
    public async Task Mentor_does_not_see_an_unallocated_referral_even_of_their_own_team()
    {
        var waiting = await Scenario.AddResidentAsync(_database, "Venter Team Et");
        var referral = await Scenario.AddReferralAsync(_database, waiting.Id, Scenario.Team1Mentoring, null);

        Assert.DoesNotContain(referral.Id, await ReferralsSeenBy(_mentor1));
        Assert.DoesNotContain(waiting.Id, await ResidentsSeenBy(_mentor1));
        Assert.Contains(waiting.Id, await ResidentsSeenBy(_leader1));
    }

    [Fact]
    public async Task Team_leader_sees_every_case_referral_and_resident_of_team1_activities()
    {
        AssertSame(await CasesSeenBy(_leader1), _ownCaseId, _colleagueCaseId, _administratorsCaseId);
        AssertSame(await ResidentsSeenBy(_leader1),
            _ownCase.Id, _colleagueCase.Id, _administratorsCase.Id, _ownReferral.Id, _colleagueReferral.Id);
        // The referrals behind the cases count too: every referral of a Team1 activity.
        var referrals = await ReferralsSeenBy(_leader1);
        Assert.Contains(_ownReferralId, referrals);
        Assert.Contains(_colleagueReferralId, referrals);
        Assert.Equal(5, referrals.Count);
    }

    [Fact]
    public async Task Team_leader_sees_nothing_of_team2()
    {
        Assert.DoesNotContain(_team2CaseId, await CasesSeenBy(_leader1));
        Assert.DoesNotContain(_team2WaitingId, await ReferralsSeenBy(_leader1));
        var residents = await ResidentsSeenBy(_leader1);
        Assert.DoesNotContain(_team2Case.Id, residents);
        Assert.DoesNotContain(_team2Waiting.Id, residents);
    }

    [Fact]
    public async Task Head_of_team2_sees_team2_only()
    {
        AssertSame(await CasesSeenBy(_head2), _team2CaseId);
        var referrals = await ReferralsSeenBy(_head2);
        Assert.Contains(_team2WaitingId, referrals);
        Assert.Equal(2, referrals.Count); // the waiting one and the one behind the Team2 case
        AssertSame(await ResidentsSeenBy(_head2), _team2Case.Id, _team2Waiting.Id);
    }

    [Fact]
    public async Task Administrator_sees_no_resident_case_or_referral()
    {
        Assert.Empty(await ResidentsSeenBy(_administrator));
        Assert.Empty(await CasesSeenBy(_administrator));
        Assert.Empty(await ReferralsSeenBy(_administrator));
    }

    [Fact]
    public async Task Analyst_sees_no_resident_case_or_referral()
    {
        Assert.Empty(await ResidentsSeenBy(_analyst));
        Assert.Empty(await CasesSeenBy(_analyst));
        Assert.Empty(await ReferralsSeenBy(_analyst));
    }

    [Fact]
    public async Task Administrator_who_is_also_a_mentor_sees_their_own_cases_only()
    {
        AssertSame(await CasesSeenBy(_administratorMentor), _administratorsCaseId);
        AssertSame(await ResidentsSeenBy(_administratorMentor), _administratorsCase.Id);
    }

    [Fact]
    public async Task Administrator_does_not_see_a_resident_record_they_created()
    {
        var created = await Scenario.AddResidentAsync(_database, "Oprettet Af Admin", _administrator.StaffMemberId);

        Assert.DoesNotContain(created.Id, await ResidentsSeenBy(_administrator));
    }

    [Fact]
    public async Task Mentor_sees_a_resident_who_takes_part_in_their_logbook_entry()
    {
        var participant = await Scenario.AddResidentAsync(_database, "Deltager");
        await Scenario.AddReferralAsync(_database, participant.Id, Scenario.Team2Crime, _mentor2.StaffMemberId);
        await Scenario.AddLogbookEntryAsync(_database, _mentor1.StaffMemberId, Scenario.Team1Mentoring, [participant.Id], new DateOnly(2025, 5, 1));

        Assert.Contains(participant.Id, await ResidentsSeenBy(_mentor1));
        Assert.DoesNotContain(participant.Id, await ResidentsSeenBy(_colleague1));
    }

    [Fact]
    public async Task New_resident_without_referral_or_case_is_visible_to_its_creator_and_their_team_leader_only()
    {
        var created = await Scenario.AddResidentAsync(_database, "Ny Beboer", _mentor1.StaffMemberId);

        Assert.Contains(created.Id, await ResidentsSeenBy(_mentor1));
        Assert.Contains(created.Id, await ResidentsSeenBy(_leader1));
        Assert.DoesNotContain(created.Id, await ResidentsSeenBy(_colleague1));
        Assert.DoesNotContain(created.Id, await ResidentsSeenBy(_mentor2));
        Assert.DoesNotContain(created.Id, await ResidentsSeenBy(_head2));
        Assert.DoesNotContain(created.Id, await ResidentsSeenBy(_administrator));
    }

    [Fact]
    public async Task Once_a_referral_to_another_team_exists_the_creator_and_their_leader_no_longer_see_the_resident()
    {
        var created = await Scenario.AddResidentAsync(_database, "Ny Beboer", _mentor1.StaffMemberId);
        await Scenario.AddReferralAsync(_database, created.Id, Scenario.Team2Crime, null);

        Assert.DoesNotContain(created.Id, await ResidentsSeenBy(_mentor1));
        Assert.DoesNotContain(created.Id, await ResidentsSeenBy(_leader1));
        Assert.Contains(created.Id, await ResidentsSeenBy(_head2));
    }

    [Fact]
    public async Task Once_a_referral_exists_the_creator_still_sees_the_resident_when_it_is_allocated_to_them()
    {
        var created = await Scenario.AddResidentAsync(_database, "Ny Beboer", _mentor1.StaffMemberId);
        await Scenario.AddReferralAsync(_database, created.Id, Scenario.Team1Mentoring, _mentor1.StaffMemberId);

        Assert.Contains(created.Id, await ResidentsSeenBy(_mentor1));
        Assert.Contains(created.Id, await ResidentsSeenBy(_leader1));
    }

    [Fact]
    public async Task Merged_resident_is_visible_to_no_one()
    {
        // There is no merge operation in the domain yet: the column is set the way a merge would set it.
        await using (var db = _database.CreateDbContext())
        {
            var survivor = await db.Residents.SingleAsync(r => r.Id == _colleagueCase.Id);
            var merged = await db.Residents.SingleAsync(r => r.Id == _ownCase.Id);
            db.Entry(merged).Property(r => r.MergedIntoId).CurrentValue = survivor.Id;
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain(_ownCase.Id, await ResidentsSeenBy(_mentor1));
        Assert.DoesNotContain(_ownCase.Id, await ResidentsSeenBy(_leader1));
        // The case itself is still there: only the merged record is hidden.
        Assert.Contains(_ownCaseId, await CasesSeenBy(_mentor1));
    }
}
