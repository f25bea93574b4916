using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

public sealed class AuditTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Guid _mentorId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentorId = (await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1")).StaffMemberId;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Changing_a_resident_without_an_audit_actor_throws_and_saves_nothing()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentorId);
        var before = await Scenario.LastAuditIdAsync(_database);

        await using (var db = _database.CreateDbContext())
        {
            var loaded = await db.Residents.SingleAsync(r => r.Id == resident.Id);
            loaded.UpdateDetails("Amina Ændret", loaded.BirthDate, null, Scenario.Today);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var check = _database.CreateDbContext();
        Assert.Equal("Amina Hussein", await check.Residents.Where(r => r.Id == resident.Id).Select(r => r.Name).SingleAsync());
        Assert.Empty(await Scenario.AuditSinceAsync(_database, before));
    }

    [Fact]
    public async Task Creating_a_resident_without_an_audit_actor_throws_and_saves_nothing()
    {
        var departmentId = await Scenario.DepartmentIdAsync(_database, "Granparken");
        await using (var db = _database.CreateDbContext())
        {
            var resident = new Resident("Amina Hussein", new DateOnly(1998, 2, 3), null, _mentorId, DateTimeOffset.UtcNow);
            resident.MoveTo(departmentId, new DateOnly(2020, 1, 1));
            db.Residents.Add(resident);
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using var check = _database.CreateDbContext();
        Assert.Equal(0, await check.Residents.CountAsync());
        Assert.Equal(0, await Scenario.CountRowsAsync(_database, "Residences"));
    }

    [Fact]
    public async Task Catalogue_changes_need_no_audit_actor()
    {
        await using var db = _database.CreateDbContext();
        var team = await db.Teams.SingleAsync(t => t.Code == "Team1");
        team.Rename("Team Et");

        await db.SaveChangesAsync();

        Assert.Empty(await db.AuditEntries.Where(a => a.EntityType == "Team").ToListAsync());
    }

    [Fact]
    public async Task Adding_goals_to_an_existing_case_writes_one_update_row_for_the_case()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentorId);
        var opened = await Scenario.AddCaseAsync(_database, resident.Id, Scenario.Team1Mentoring, _mentorId);
        var before = await Scenario.LastAuditIdAsync(_database);

        await using (var db = _database.CreateDbContext())
        {
            var loaded = await db.Cases.SingleAsync(c => c.Id == opened.Id);
            loaded.AddGoal("Skrive CV");
            loaded.AddGoal("Finde praktikplads");
            db.AuditActor = _mentorId.ToString();
            await db.SaveChangesAsync();
        }

        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(AuditAction.Update, row.Action);
        Assert.Equal("Case", row.EntityType);
        Assert.Equal(opened.Id.ToString(), row.EntityId);
        Assert.Equal(_mentorId.ToString(), row.Actor);
        await using var check = _database.CreateDbContext();
        Assert.Equal(2, (await check.Cases.SingleAsync(c => c.Id == opened.Id)).Goals.Count);
    }

    [Fact]
    public async Task Creating_a_resident_with_residences_and_consent_writes_one_create_row()
    {
        var granparken = await Scenario.DepartmentIdAsync(_database, "Granparken");
        var solbakken = await Scenario.DepartmentIdAsync(_database, "Solbakken");
        var before = await Scenario.LastAuditIdAsync(_database);
        var resident = new Resident("Amina Hussein", new DateOnly(1998, 2, 3), null, _mentorId, DateTimeOffset.UtcNow);
        resident.MoveTo(granparken, new DateOnly(2015, 1, 1));
        resident.MoveTo(solbakken, new DateOnly(2022, 6, 1));
        resident.GiveRegistrationConsent(new DateOnly(2025, 1, 1), _mentorId, Scenario.Today);

        await using (var db = _database.CreateDbContext())
        {
            db.Residents.Add(resident);
            db.AuditActor = _mentorId.ToString();
            await db.SaveChangesAsync();
        }

        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(AuditAction.Create, row.Action);
        Assert.Equal("Resident", row.EntityType);
        Assert.Equal(resident.Id.ToString(), row.EntityId);
    }

    [Fact]
    public async Task Moving_a_resident_writes_one_update_row_for_the_resident()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentorId);
        var solbakken = await Scenario.DepartmentIdAsync(_database, "Solbakken");
        var before = await Scenario.LastAuditIdAsync(_database);

        await using (var db = _database.CreateDbContext())
        {
            var loaded = await db.Residents.SingleAsync(r => r.Id == resident.Id);
            loaded.MoveTo(solbakken, new DateOnly(2024, 5, 1));
            db.AuditActor = _mentorId.ToString();
            await db.SaveChangesAsync();
        }

        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(AuditAction.Update, row.Action);
        Assert.Equal("Resident", row.EntityType);
        Assert.Equal(resident.Id.ToString(), row.EntityId);
    }

    [Fact]
    public async Task Opening_a_case_from_a_referral_writes_an_update_for_the_referral_and_a_create_for_the_case()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentorId);
        var referral = await Scenario.AddReferralAsync(_database, resident.Id, Scenario.Team1Mentoring, _mentorId);
        var before = await Scenario.LastAuditIdAsync(_database);

        Case opened;
        await using (var db = _database.CreateDbContext())
        {
            var loaded = await db.Referrals.SingleAsync(r => r.Id == referral.Id);
            var activity = await Scenario.ActivityAsync(db, Scenario.Team1Mentoring);
            opened = loaded.Accept(activity, Scenario.Accepted);
            opened.AddGoal("Skrive CV");
            db.Cases.Add(opened);
            db.AuditActor = _mentorId.ToString();
            await db.SaveChangesAsync();
        }

        var rows = await Scenario.AuditSinceAsync(_database, before);
        Assert.Equal(
            new[] { ("Case", opened.Id.ToString(), AuditAction.Create), ("Referral", referral.Id.ToString(), AuditAction.Update) },
            rows.Select(r => (r.EntityType, r.EntityId, r.Action)).OrderBy(r => r.EntityType, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Creating_a_logbook_entry_with_participants_writes_one_create_row_and_no_resident_update()
    {
        var amina = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentorId);
        var omar = await Scenario.AddResidentAsync(_database, "Omar Abdi", _mentorId);
        var before = await Scenario.LastAuditIdAsync(_database);

        var entry = await Scenario.AddLogbookEntryAsync(_database, _mentorId, Scenario.Team1Mentoring, [amina.Id, omar.Id], new DateOnly(2025, 5, 1));

        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(AuditAction.Create, row.Action);
        Assert.Equal("LogbookEntry", row.EntityType);
        Assert.Equal(entry.Id.ToString(), row.EntityId);
    }
}
