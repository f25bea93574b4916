using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// Builds scenario data directly with the domain's constructors, saved through the app's own context.
/// Activities of the 2024-2028 plan, dates in 2025 (inside the plan).
/// </summary>
internal static class Scenario
{
    /// <summary>Team1 (Employment), starts with a three-party meeting, records employment outcomes.</summary>
    public const string Team1Mentoring = "UBMJ";
    /// <summary>Team1 (EducationAndLifeChances).</summary>
    public const string Team1Youth = "UNG";
    /// <summary>Team2 (CrimePrevention).</summary>
    public const string Team2Crime = "KFN24";
    /// <summary>Team2 (CohesionAndCitizenship).</summary>
    public const string Team2Cohesion = "MOF24";

    public static readonly DateOnly Received = new(2025, 3, 3);
    public static readonly DateOnly Allocated = new(2025, 3, 5);
    public static readonly DateOnly Accepted = new(2025, 3, 10);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);
    /// <summary>Who recorded the consent of a resident the test created without a staff member.</summary>
    public static readonly Guid ConsentRecorder = Guid.NewGuid();

    /// <summary>A three-party meeting with the job counsellor on a date.</summary>
    public static StartMeeting ThreePartyMeeting(DateOnly on) => new(on, "Jens Hansen", "Jobcenter Odense", [], null);

    public static async Task<int> DepartmentIdAsync(TestDatabase database, string name)
    {
        await using var db = database.CreateDbContext();
        return await db.Departments.Where(d => d.Name == name).Select(d => d.Id).SingleAsync();
    }

    public static async Task<Activity> ActivityAsync(AppDbContext db, string code) =>
        await db.Activities.Include(a => a.PlanPeriod).Include(a => a.FocusArea).SingleAsync(a => a.Code == code);

    public static async Task<Resident> AddResidentAsync(
        TestDatabase database, string name, Guid? createdById = null, string department = "Granparken", DateOnly? birthDate = null)
    {
        var departmentId = await DepartmentIdAsync(database, department);
        await using var db = database.CreateDbContext();
        var resident = new Resident(name, birthDate ?? new DateOnly(1990, 4, 12), null, createdById, DateTimeOffset.UtcNow);
        resident.MoveTo(departmentId, new DateOnly(2015, 1, 1));
        resident.GiveRegistrationConsent(new DateOnly(2025, 1, 1), createdById ?? ConsentRecorder, Today);
        db.Residents.Add(resident);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return resident;
    }

    /// <summary>A referral, received and (when <paramref name="allocatedToId"/> is given) allocated.</summary>
    public static async Task<Referral> AddReferralAsync(TestDatabase database, Guid residentId, string activityCode, Guid? allocatedToId)
    {
        await using var db = database.CreateDbContext();
        var activity = await ActivityAsync(db, activityCode);
        var resident = await db.Residents.SingleAsync(r => r.Id == residentId);
        var referral = new Referral(resident, activity, Referral.SelfReferralSource, null, null, "Ønsker hjælp", Received, null, Today);
        if (allocatedToId is { } to) referral.AllocateTo(to, Allocated);
        db.Referrals.Add(referral);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return referral;
    }

    /// <summary>A case opened the way the product opens one: referral received, allocated, accepted.</summary>
    public static async Task<Case> AddCaseAsync(TestDatabase database, Guid residentId, string activityCode, Guid responsibleId,
        Action<Case, Activity>? shape = null)
    {
        await using var db = database.CreateDbContext();
        var activity = await ActivityAsync(db, activityCode);
        var resident = await db.Residents.SingleAsync(r => r.Id == residentId);
        var referral = new Referral(resident, activity, Referral.SelfReferralSource, null, null, "Ønsker hjælp", Received, null, Today);
        referral.AllocateTo(responsibleId, Allocated);
        var opened = referral.Accept(activity, Accepted);
        shape?.Invoke(opened, activity);
        db.Referrals.Add(referral);
        db.Cases.Add(opened);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return opened;
    }

    public static async Task<LogbookEntry> AddLogbookEntryAsync(TestDatabase database, Guid staffId, string activityCode,
        IEnumerable<Guid> residentIds, DateOnly date, LogbookEntryKind kind = LogbookEntryKind.Conversation, string? note = null, Guid? caseId = null)
    {
        await using var db = database.CreateDbContext();
        var activity = await ActivityAsync(db, activityCode);
        var entry = new LogbookEntry(date, staffId, activity.Id, kind, residentIds, null, note, Today, caseId);
        db.LogbookEntries.Add(entry);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return entry;
    }

    public static async Task<List<AuditEntry>> AuditAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<long> LastAuditIdAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    public static async Task<List<AuditEntry>> AuditSinceAsync(TestDatabase database, long lastId)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Id > lastId).OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<long> CountRowsAsync(TestDatabase database, string table)
    {
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every column of every audit row as text, read with raw SQL so that a future column is checked too.</summary>
    public static async Task<List<string>> AuditCellsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT * FROM \"AuditEntries\"";
        await using var reader = await command.ExecuteReaderAsync();
        var cells = new List<string>();
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++)
                cells.Add(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return cells;
    }
}

/// <summary>A clock fixed at a moment, with UTC as the local time zone.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
