using System.Data.Common;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Audit;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>The administrators' audit log over a real SQLite database.</summary>
public sealed class AuditLogServiceTests : IAsyncLifetime
{
    private static readonly DateTime May1 = new(2025, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private TestDatabase _database = null!;
    private Actor _admin = null!;
    private Actor _mentor = null!;
    private FakeCurrentUser _user = null!;
    private AuditLogService _service = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _admin = await _database.AddStaffAsync("Anne Admin", StaffRoles.Administrator);
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        _user = new FakeCurrentUser(_admin);
        _service = new AuditLogService(_database, _user, TimeProvider.System);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<long> AddAsync(DateTime atUtc, string actor, AuditAction action, string entityType, string entityId)
    {
        await using var db = _database.CreateDbContext();
        var entry = new AuditEntry(atUtc, actor, action, entityType, entityId);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    [Fact]
    public async Task Filters_by_person_record_action_and_period_newest_first_with_staff_by_name_and_system_actors_as_they_are()
    {
        var mentor = _mentor.AuditName;
        var resident = Guid.NewGuid();
        var other = Guid.NewGuid();
        var early = await AddAsync(May1, mentor, AuditAction.Read, "Resident", resident.ToString());
        var middle = await AddAsync(May1.AddDays(2), mentor, AuditAction.Update, "Resident", resident.ToString());
        var late = await AddAsync(May1.AddDays(4), mentor, AuditAction.Read, "Resident", other.ToString());
        var import = await AddAsync(May1.AddDays(3), "import-logbook", AuditAction.Create, "LogbookEntry", Guid.NewGuid().ToString());

        var byPerson = await _service.SearchAsync(new AuditLogFilter(Actor: mentor));
        Assert.Equal([late, middle, early], byPerson.Rows.Select(r => r.Id));
        Assert.All(byPerson.Rows, r => Assert.Equal("Ahmed Hassan", r.ActorName));
        Assert.False(byPerson.More);

        var system = Assert.Single((await _service.SearchAsync(new AuditLogFilter(Actor: "import-logbook"))).Rows);
        Assert.Equal((import, "import-logbook"), (system.Id, system.ActorName));

        // An id typed in capitals, with spaces, is found as the log stores it.
        var byRecord = await _service.SearchAsync(new AuditLogFilter(EntityId: $" {resident.ToString().ToUpperInvariant()} "));
        Assert.Equal([middle, early], byRecord.Rows.Select(r => r.Id));

        var reads = await _service.SearchAsync(new AuditLogFilter(Action: AuditAction.Read));
        Assert.Equal([late, early], reads.Rows.Where(r => r.Actor == mentor).Select(r => r.Id));
        Assert.All(reads.Rows, r => Assert.Equal(AuditAction.Read, r.Action));

        var period = await _service.SearchAsync(new AuditLogFilter(From: new DateOnly(2025, 5, 2), To: new DateOnly(2025, 5, 4)));
        Assert.Equal([import, middle], period.Rows.Select(r => r.Id));

        var actors = await _service.ActorsAsync();
        Assert.Contains(new AuditActorOption(mentor, "Ahmed Hassan"), actors);
        Assert.Contains(new AuditActorOption("import-logbook", "import-logbook"), actors);
    }

    [Fact]
    public async Task A_capped_search_says_that_more_rows_exist_and_the_export_has_them_all()
    {
        for (var i = 0; i < 3; i++) await AddAsync(May1.AddMinutes(i), "test-actor", AuditAction.Read, "Case", Guid.NewGuid().ToString());

        var capped = await _service.SearchAsync(new AuditLogFilter(Actor: "test-actor"), cap: 2);
        Assert.Equal(2, capped.Rows.Count);
        Assert.True(capped.More);
        Assert.Equal(3, (await _service.ExportAsync(new AuditLogFilter(Actor: "test-actor"))).Count);
        Assert.False((await _service.SearchAsync(new AuditLogFilter(Actor: "test-actor"), cap: 3)).More);
    }

    [Fact]
    public async Task Who_read_a_resident_lists_the_reads_of_the_resident_and_of_their_referrals_cases_and_logbook_entries_only()
    {
        var amina = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentor.StaffMemberId);
        var bent = await Scenario.AddResidentAsync(_database, "Bent Hansen", _mentor.StaffMemberId);
        var aminasCase = await Scenario.AddCaseAsync(_database, amina.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var aminasReferral = await Scenario.AddReferralAsync(_database, amina.Id, Scenario.Team1Youth, null);
        var aminasEntry = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [amina.Id, bent.Id], Scenario.Received);
        var bentsCase = await Scenario.AddCaseAsync(_database, bent.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var mentor = _mentor.AuditName;

        var expected = new[]
        {
            await AddAsync(May1, mentor, AuditAction.Read, "Resident", amina.Id.ToString()),
            await AddAsync(May1.AddHours(1), mentor, AuditAction.Read, "Case", aminasCase.Id.ToString()),
            await AddAsync(May1.AddHours(2), mentor, AuditAction.Read, "Referral", aminasReferral.Id.ToString()),
            await AddAsync(May1.AddHours(3), mentor, AuditAction.Read, "LogbookEntry", aminasEntry.Id.ToString()),
        };
        await AddAsync(May1.AddHours(4), mentor, AuditAction.Update, "Resident", amina.Id.ToString());
        await AddAsync(May1.AddHours(5), mentor, AuditAction.Read, "Resident", bent.Id.ToString());
        await AddAsync(May1.AddHours(6), mentor, AuditAction.Read, "Case", bentsCase.Id.ToString());

        var result = await _service.SearchAsync(new AuditLogFilter(EntityId: amina.Id.ToString(), ResidentReads: true));

        Assert.Equal(expected.Reverse(), result.Rows.Select(r => r.Id));
        Assert.All(result.Rows, r => Assert.Equal("Ahmed Hassan", r.ActorName));
        Assert.Empty((await _service.SearchAsync(new AuditLogFilter(EntityId: "ikke-et-id", ResidentReads: true))).Rows);
    }

    [Fact]
    public async Task Sign_ins_and_refused_sign_ins_are_shown()
    {
        await using (var db = _database.CreateDbContext())
        {
            db.AuditActor = _mentor.AuditName;
            db.Record(AuditAction.SignIn, nameof(StaffMember), _mentor.StaffMemberId.ToString());
            await db.SaveChangesAsync();
        }
        await using (var db = _database.CreateDbContext())
        {
            db.AuditActor = "entra:unknown-object";
            db.Record(AuditAction.SignInRefused, nameof(StaffMember), "");
            await db.SaveChangesAsync();
        }

        var signIn = Assert.Single((await _service.SearchAsync(new AuditLogFilter(Action: AuditAction.SignIn))).Rows);
        Assert.Equal(("Ahmed Hassan", "StaffMember", _mentor.StaffMemberId.ToString()), (signIn.ActorName, signIn.EntityType, signIn.EntityId));
        var refused = Assert.Single((await _service.SearchAsync(new AuditLogFilter(Action: AuditAction.SignInRefused))).Rows);
        Assert.Equal("entra:unknown-object", refused.ActorName);
    }

    [Theory]
    [InlineData(StaffRoles.Mentor)]
    [InlineData(StaffRoles.TeamLeader)]
    [InlineData(StaffRoles.Head)]
    [InlineData(StaffRoles.Analyst)]
    public async Task Only_administrators_see_the_audit_log(StaffRoles role)
    {
        _user.Actor = new Actor(Guid.NewGuid(), role, 1);

        await Assert.ThrowsAsync<NotFoundException>(() => _service.SearchAsync(new AuditLogFilter()));
        await Assert.ThrowsAsync<NotFoundException>(() => _service.ExportAsync(new AuditLogFilter()));
        await Assert.ThrowsAsync<NotFoundException>(() => _service.ActorsAsync());
    }

    [Fact]
    public async Task A_row_of_the_audit_log_can_be_neither_changed_nor_deleted()
    {
        var id = await AddAsync(May1, _mentor.AuditName, AuditAction.Read, "Resident", Guid.NewGuid().ToString());

        await using (var db = _database.CreateDbContext())
        {
            var row = await db.AuditEntries.SingleAsync(a => a.Id == id);
            db.Entry(row).Property(a => a.Actor).CurrentValue = "someone-else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = _database.CreateDbContext())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using var check = _database.CreateDbContext();
        Assert.Equal(_mentor.AuditName, (await check.AuditEntries.SingleAsync(a => a.Id == id)).Actor);
    }

    [Fact]
    public async Task The_database_itself_refuses_to_change_or_delete_a_row_of_the_audit_log()
    {
        var id = await AddAsync(May1, _mentor.AuditName, AuditAction.Read, "Resident", Guid.NewGuid().ToString());
        await using var db = _database.CreateDbContext();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = 'x' WHERE \"Id\" = {id}"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {id}"));

        Assert.Contains("Revisionsloggen kan ikke ændres", update.Message);
        Assert.Contains("Revisionsloggen kan ikke slettes", delete.Message);
        Assert.Equal(_mentor.AuditName, (await db.AuditEntries.SingleAsync(a => a.Id == id)).Actor);
    }
}
