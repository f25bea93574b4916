using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Staff;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

public sealed class StaffServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Actor _administrator = null!;
    private int _team1;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _administrator = await _database.AddStaffAsync("Birgit Admin", StaffRoles.Administrator);
        await using var db = _database.CreateDbContext();
        _team1 = await db.Teams.Where(t => t.Code == "Team1").Select(t => t.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private StaffService ServiceFor(Actor actor) => new(_database, new FakeCurrentUser(actor));

    private StaffForm MentorForm(string email = "sofie@boligsocialt.example") => new()
    {
        Name = "Sofie Nielsen",
        Email = email,
        Roles = [StaffRoles.Mentor],
        TeamId = _team1,
    };

    private async Task<int> StaffCountAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.StaffMembers.CountAsync();
    }

    [Fact]
    public async Task Administrator_lists_staff_with_roles_and_team()
    {
        await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor | StaffRoles.Counsellor, "Team1");

        var staff = await ServiceFor(_administrator).ListAsync();

        Assert.Equal(["Ahmed Hassan", "Birgit Admin"], staff.Select(s => s.Name).ToArray());
        var ahmed = staff[0];
        Assert.Equal(StaffRoles.Mentor | StaffRoles.Counsellor, ahmed.Roles);
        Assert.Equal("Team 1", ahmed.Team);
        Assert.True(ahmed.IsActive);
        Assert.Null(staff[1].Team);
    }

    [Fact]
    public async Task Mentor_cannot_list_staff()
    {
        var mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");

        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(mentor).ListAsync());
    }

    [Fact]
    public async Task Team_leader_cannot_save_staff_and_nothing_is_saved()
    {
        var leader = await _database.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader | StaffRoles.Head, "Team1");
        var before = await StaffCountAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(leader).SaveAsync(null, MentorForm()));

        Assert.Equal(before, await StaffCountAsync());
    }

    [Fact]
    public async Task Mentor_cannot_deactivate_anyone()
    {
        var mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");

        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(mentor).SetActiveAsync(_administrator.StaffMemberId, false));

        await using var db = _database.CreateDbContext();
        Assert.True(await db.StaffMembers.Where(s => s.Id == _administrator.StaffMemberId).Select(s => s.IsActive).SingleAsync());
    }

    [Fact]
    public async Task Administrator_creates_a_mentor_in_a_team_with_a_lower_case_email()
    {
        var form = MentorForm("Sofie@BoligSocialt.Example");

        var id = await ServiceFor(_administrator).SaveAsync(null, form);

        await using var db = _database.CreateDbContext();
        var saved = await db.StaffMembers.SingleAsync(s => s.Id == id);
        Assert.Equal("Sofie Nielsen", saved.Name);
        Assert.Equal("sofie@boligsocialt.example", saved.Email);
        Assert.Equal(StaffRoles.Mentor, saved.Roles);
        Assert.Equal(_team1, saved.TeamId);
        Assert.True(saved.IsActive);
    }

    [Fact]
    public async Task Creating_a_mentor_without_a_team_is_refused_with_a_danish_message()
    {
        var form = MentorForm();
        form.TeamId = null;
        var before = await StaffCountAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_administrator).SaveAsync(null, form));

        Assert.Equal("Mentorer, rådgivere, teamledere og chefen skal høre til et team.", error.Message);
        Assert.Equal(before, await StaffCountAsync());
    }

    [Fact]
    public async Task Creating_staff_in_an_unknown_team_is_refused()
    {
        var form = MentorForm();
        form.TeamId = 999;

        var error = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_administrator).SaveAsync(null, form));

        Assert.Equal("Vælg et team fra listen.", error.Message);
    }

    [Fact]
    public async Task Duplicate_email_is_refused_whatever_its_case()
    {
        var service = ServiceFor(_administrator);
        await service.SaveAsync(null, MentorForm("sofie@boligsocialt.example"));
        var before = await StaffCountAsync();
        var second = MentorForm(" SOFIE@boligsocialt.example ");
        second.Name = "Sofie Anden";

        var error = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(null, second));

        Assert.Equal("Der findes allerede en medarbejder med den e-mailadresse.", error.Message);
        Assert.Equal(before, await StaffCountAsync());
    }

    [Fact]
    public async Task Saving_a_staff_member_with_their_own_email_is_not_a_duplicate()
    {
        var service = ServiceFor(_administrator);
        var id = await service.SaveAsync(null, MentorForm());
        var form = MentorForm();
        form.Name = "Sofie Nielsen Berg";

        await service.SaveAsync(id, form);

        await using var db = _database.CreateDbContext();
        Assert.Equal("Sofie Nielsen Berg", await db.StaffMembers.Where(s => s.Id == id).Select(s => s.Name).SingleAsync());
    }

    [Fact]
    public async Task Administrator_deactivates_and_reactivates_a_staff_member()
    {
        var service = ServiceFor(_administrator);
        var id = await service.SaveAsync(null, MentorForm());

        await service.SetActiveAsync(id, false);
        Assert.False((await service.ListAsync()).Single(s => s.Id == id).IsActive);

        await service.SetActiveAsync(id, true);
        Assert.True((await service.ListAsync()).Single(s => s.Id == id).IsActive);
    }

    [Fact]
    public async Task Administrator_cannot_deactivate_themselves()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_administrator).SetActiveAsync(_administrator.StaffMemberId, false));

        Assert.Equal("Du kan ikke deaktivere dig selv.", error.Message);
        await using var db = _database.CreateDbContext();
        Assert.True(await db.StaffMembers.Where(s => s.Id == _administrator.StaffMemberId).Select(s => s.IsActive).SingleAsync());
    }

    [Fact]
    public async Task Saving_an_unknown_staff_id_throws_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_administrator).SaveAsync(Guid.NewGuid(), MentorForm()));
    }

    [Fact]
    public async Task Staff_changes_are_audited_with_the_administrator_as_actor()
    {
        var service = ServiceFor(_administrator);
        var before = await Scenario.LastAuditIdAsync(_database);

        var id = await service.SaveAsync(null, MentorForm());
        var form = MentorForm();
        form.Roles = [StaffRoles.Mentor, StaffRoles.Counsellor];
        await service.SaveAsync(id, form);
        await service.SetActiveAsync(id, false);

        var rows = await Scenario.AuditSinceAsync(_database, before);
        Assert.Equal([AuditAction.Create, AuditAction.Update, AuditAction.Update], rows.Select(r => r.Action).ToArray());
        Assert.All(rows, r =>
        {
            Assert.Equal("StaffMember", r.EntityType);
            Assert.Equal(id.ToString(), r.EntityId);
            Assert.Equal(_administrator.StaffMemberId.ToString(), r.Actor);
        });
    }

    [Fact]
    public async Task Administrator_cannot_remove_their_own_administrator_role()
    {
        var form = new StaffForm { Name = "Birgit Admin", Roles = [StaffRoles.Analyst] };

        await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_administrator).SaveAsync(_administrator.StaffMemberId, form));

        await using var db = _database.CreateDbContext();
        Assert.Equal(StaffRoles.Administrator,
            await db.StaffMembers.Where(s => s.Id == _administrator.StaffMemberId).Select(s => s.Roles).SingleAsync());
    }
}
