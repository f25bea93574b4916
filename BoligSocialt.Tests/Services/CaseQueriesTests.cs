using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

public sealed class CaseQueriesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;
    private Actor _mentor = null!;
    private Actor _mentor2 = null!;
    private Resident _resident = null!;
    private Case _case = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        _mentor2 = await _database.AddStaffAsync("Karim Yousef", StaffRoles.Mentor, "Team2");
        _resident = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentor.StaffMemberId, birthDate: new DateOnly(1998, 2, 3));
        int vollsmose;
        await using (var db = _database.CreateDbContext())
            vollsmose = await db.HousingAreas.Where(a => a.Code == "Vollsmose").Select(a => a.Id).SingleAsync();
        _case = await Scenario.AddCaseAsync(_database, _resident.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId, (c, activity) =>
        {
            c.RecordStartMeeting(activity, Scenario.ThreePartyMeeting(new DateOnly(2025, 3, 14)), ["Skrive CV", "Finde praktikplads"], _mentor.StaffMemberId, Scenario.Today);
            c.RecordOutcome(activity, OutcomeKind.Internship, new DateOnly(2025, 4, 20), vollsmose, Scenario.Today);
        });
        await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_resident.Id],
            new DateOnly(2025, 3, 14), LogbookEntryKind.ThreePartyMeeting, "Startmøde holdt", _case.Id);
        await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_resident.Id],
            new DateOnly(2025, 4, 2), LogbookEntryKind.FollowUp, "Opfølgning", _case.Id);
        // Not part of the case: a logbook entry with the same resident but no case.
        await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_resident.Id],
            new DateOnly(2025, 4, 5), LogbookEntryKind.Outreach, "Mødt i beboerhuset");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CaseQueries QueriesFor(Actor actor) => new(_database, new FakeCurrentUser(actor), new FixedClock(Now));

    [Fact]
    public async Task The_case_shows_whether_the_resident_consented_to_sharing_with_the_job_counsellor()
    {
        var without = await QueriesFor(_mentor).GetAsync(_case.Id);
        await using (var db = _database.CreateDbContext())
        {
            var resident = await db.Residents.SingleAsync(r => r.Id == _resident.Id);
            resident.GiveSharingConsent(new DateOnly(2025, 3, 14), _mentor.StaffMemberId, Scenario.Today);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        var with = await QueriesFor(_mentor).GetAsync(_case.Id);

        Assert.Null(without.SharingConsentGivenOn);
        Assert.Equal(new DateOnly(2025, 3, 14), with.SharingConsentGivenOn);
    }

    [Fact]
    public async Task Mentor_reads_their_own_case_with_resident_activity_and_responsible()
    {
        var details = await QueriesFor(_mentor).GetAsync(_case.Id);

        Assert.Equal(_case.Id, details.Id);
        Assert.Equal(_resident.Id, details.ResidentId);
        Assert.Equal("Amina Hussein", details.Resident);
        Assert.Equal("Uddannelses- og beskæftigelsesmentorforløb for jobparate", details.Activity);
        Assert.Equal("Ahmed Hassan", details.Responsible);
        Assert.Equal("Åben", details.Status);
        Assert.Equal(Scenario.Accepted, details.OpenedOn);
        Assert.Equal(DateOnly.FromDateTime(Now.UtcDateTime).DayNumber - Scenario.Accepted.DayNumber, details.DaysOpen);
        Assert.False(details.StartMeetingMissing);
    }

    [Fact]
    public async Task Case_page_shows_the_goals_and_the_outcomes()
    {
        var details = await QueriesFor(_mentor).GetAsync(_case.Id);

        Assert.Equal(["Finde praktikplads", "Skrive CV"], details.Goals.Select(g => g.Text).Order(StringComparer.Ordinal).ToArray());
        Assert.All(details.Goals, g => Assert.Equal(GoalStatus.InProgress, g.Status));
        var outcome = Assert.Single(details.Outcomes);
        Assert.Equal(new DateOnly(2025, 4, 20), outcome.AchievedOn);
        Assert.Equal("Praktikplads", outcome.Kind);
    }

    [Fact]
    public async Task Case_timeline_holds_the_logbook_entries_of_the_case_newest_first()
    {
        var details = await QueriesFor(_mentor).GetAsync(_case.Id);

        Assert.Equal([new DateOnly(2025, 4, 2), new DateOnly(2025, 3, 14)], details.Timeline.Select(t => t.Date).ToArray());
        Assert.Equal(new string?[] { "Opfølgning", "Startmøde holdt" }, details.Timeline.Select(t => t.Note).ToArray());
        Assert.All(details.Timeline, t => Assert.Equal("Ahmed Hassan", t.StaffMember));
        Assert.DoesNotContain(details.Timeline, t => t.Note == "Mødt i beboerhuset");
        // Kinds are shown by their catalogue names, not their codes.
        Assert.Equal(["Opfølgning", "3-partssamtale"], details.Timeline.Select(t => t.Kind).ToArray());
    }

    [Fact]
    public async Task Case_without_its_start_meeting_says_the_start_meeting_is_missing()
    {
        var other = await Scenario.AddResidentAsync(_database, "Omar Abdi", _mentor.StaffMemberId);
        var opened = await Scenario.AddCaseAsync(_database, other.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);

        Assert.True((await QueriesFor(_mentor).GetAsync(opened.Id)).StartMeetingMissing);
    }

    [Fact]
    public async Task Reading_a_case_writes_one_read_audit_row_for_the_case()
    {
        var before = await Scenario.LastAuditIdAsync(_database);

        await QueriesFor(_mentor).GetAsync(_case.Id);

        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(AuditAction.Read, row.Action);
        Assert.Equal("Case", row.EntityType);
        Assert.Equal(_case.Id.ToString(), row.EntityId);
        Assert.Equal(_mentor.StaffMemberId.ToString(), row.Actor);
    }

    [Fact]
    public async Task Another_teams_case_is_not_found_and_its_read_is_not_recorded()
    {
        var before = await Scenario.LastAuditIdAsync(_database);

        await Assert.ThrowsAsync<NotFoundException>(() => QueriesFor(_mentor2).GetAsync(_case.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => QueriesFor(_mentor2).GetAsync(Guid.NewGuid()));

        Assert.Empty(await Scenario.AuditSinceAsync(_database, before));
    }

    [Fact]
    public async Task Team_leader_reads_a_case_of_their_team()
    {
        var leader = await _database.AddStaffAsync("Lone Mikkelsen", StaffRoles.TeamLeader, "Team1");

        var details = await QueriesFor(leader).GetAsync(_case.Id);

        Assert.Equal("Amina Hussein", details.Resident);
    }
}
