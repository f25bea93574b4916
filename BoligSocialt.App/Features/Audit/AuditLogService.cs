using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Audit;

/// <summary>
/// What the audit log is searched by. <see cref="Actor"/> is the stored actor (a staff member's id or a system name such as
/// "import-logbook"), <see cref="EntityId"/> a record's id. With <see cref="ResidentReads"/> the entity id is a resident's, and
/// the search finds who read that resident: the reads of the resident, of their referrals, cases, logbook entries and group courses.
/// The period is of local dates, both included.
/// </summary>
public sealed record AuditLogFilter(
    string? Actor = null, string? EntityId = null, AuditAction? Action = null, DateOnly? From = null, DateOnly? To = null, bool ResidentReads = false);

/// <summary>One row as shown: ids only, never a resident's name; the actor by name where the actor is a staff member.</summary>
public sealed record AuditLogRow(long Id, DateTimeOffset At, string Actor, string ActorName, AuditAction Action, string EntityType, string EntityId);

/// <summary>The newest rows of a search; <see cref="More"/> says that older rows exist beyond the cap.</summary>
public sealed record AuditLogResult(IReadOnlyList<AuditLogRow> Rows, bool More);

/// <summary>An actor of the audit log to filter by.</summary>
public sealed record AuditActorOption(string Actor, string Name);

public static class AuditLogText
{
    public static string Danish(this AuditAction action) => action switch
    {
        AuditAction.Read => "Læst",
        AuditAction.Create => "Oprettet",
        AuditAction.Update => "Ændret",
        AuditAction.Delete => "Slettet",
        AuditAction.SignIn => "Logget ind",
        AuditAction.SignInRefused => "Log-ind afvist",
        AuditAction.Merge => "Sammenlagt",
        _ => action.ToString(),
    };

    public static string EntityTypeDanish(string entityType) => entityType switch
    {
        nameof(Resident) => "Beboer",
        nameof(Referral) => "Henvisning",
        nameof(Case) => "Forløb",
        nameof(Outcome) => "Resultat",
        nameof(LogbookEntry) => "Logbogsnotat",
        nameof(GroupCourse) => "Gruppeforløb",
        nameof(StaffMember) => "Medarbejder",
        nameof(Activity) => "Aktivitet",
        nameof(PlanPeriod) => "Helhedsplan",
        nameof(IndicatorBaseline) => "Referencetal",
        nameof(RetentionSchedule) => "Opbevaringsregel",
        _ => entityType,
    };
}

/// <summary>
/// The audit log for administrators: read only (the log cannot be changed through the app, see <see cref="Data.Audit"/>).
/// Anybody else gets <see cref="NotFoundException"/>. Viewing the log is not recorded: it holds no resident's name or note.
/// </summary>
public sealed class AuditLogService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>How many rows the page shows at most.</summary>
    public const int PageCap = 500;

    /// <summary>The newest rows matching the filter, at most <paramref name="cap"/>.</summary>
    public async Task<AuditLogResult> SearchAsync(AuditLogFilter filter, int cap = PageCap, CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await RowsAsync(db, filter, cap + 1, ct);
        return new AuditLogResult(rows.Take(cap).ToList(), rows.Count > cap);
    }

    /// <summary>Every row matching the filter, newest first: for the csv export.</summary>
    public async Task<IReadOnlyList<AuditLogRow>> ExportAsync(AuditLogFilter filter, CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RowsAsync(db, filter, null, ct);
    }

    /// <summary>The actors found in the log, staff members by name first, then system actors.</summary>
    public async Task<IReadOnlyList<AuditActorOption>> ActorsAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var actors = await db.AuditEntries.AsNoTracking().Select(a => a.Actor).Distinct().ToListAsync(ct);
        var names = await StaffNamesAsync(db, ct);
        return actors.Select(a => new AuditActorOption(a, NameOf(a, names)))
            .OrderBy(a => names.ContainsKey(a.Actor) ? 0 : 1).ThenBy(a => a.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    private async Task<List<AuditLogRow>> RowsAsync(AppDbContext db, AuditLogFilter filter, int? take, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(a => a.Actor == filter.Actor);
        var entityId = Normalise(filter.EntityId);
        if (filter.ResidentReads)
        {
            if (!Guid.TryParse(entityId, out var residentId)) return [];
            var ids = await ResidentRecordsAsync(db, residentId, ct);
            query = query.Where(a => a.Action == AuditAction.Read && ids.Contains(a.EntityId));
        }
        else if (entityId is not null)
        {
            query = query.Where(a => a.EntityId == entityId);
        }
        if (filter.Action is { } action) query = query.Where(a => a.Action == action);
        // The first and the last day there is set no bound: there is nothing before or after them.
        if (filter.From is { } from && from > DateOnly.MinValue)
        {
            var start = UtcStartOf(from);
            query = query.Where(a => a.AtUtc >= start);
        }
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = UtcStartOf(to.AddDays(1));
            query = query.Where(a => a.AtUtc < end);
        }
        query = query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id);
        if (take is { } n) query = query.Take(n);
        var entries = await query.ToListAsync(ct);
        var names = await StaffNamesAsync(db, ct);
        return entries.Select(e => new AuditLogRow(e.Id, Local(e.AtUtc), e.Actor, NameOf(e.Actor, names), e.Action, e.EntityType, e.EntityId)).ToList();
    }

    /// <summary>
    /// The ids of the records whose reading shows the resident: the resident (and records merged into it), their referrals,
    /// cases, logbook entries (deleted ones too: they were read before) and group courses. Ids as the log stores them.
    /// </summary>
    private static async Task<List<string>> ResidentRecordsAsync(AppDbContext db, Guid residentId, CancellationToken ct)
    {
        var residents = await db.Residents.AsNoTracking().Where(r => r.Id == residentId || r.MergedIntoId == residentId).Select(r => r.Id).ToListAsync(ct);
        if (!residents.Contains(residentId)) residents.Add(residentId);
        var ids = new List<Guid>(residents);
        ids.AddRange(await db.Referrals.AsNoTracking().Where(r => residents.Contains(r.ResidentId)).Select(r => r.Id).ToListAsync(ct));
        ids.AddRange(await db.Cases.AsNoTracking().Where(c => residents.Contains(c.ResidentId)).Select(c => c.Id).ToListAsync(ct));
        ids.AddRange(await db.LogbookEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Participants.Any(p => residents.Contains(p.ResidentId))).Select(e => e.Id).ToListAsync(ct));
        ids.AddRange(await db.GroupCourses.AsNoTracking()
            .Where(g => g.Participants.Any(p => residents.Contains(p.ResidentId))).Select(g => g.Id).ToListAsync(ct));
        return ids.Select(id => id.ToString()).ToList();
    }

    private static async Task<Dictionary<string, string>> StaffNamesAsync(AppDbContext db, CancellationToken ct) =>
        (await db.StaffMembers.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct)).ToDictionary(s => s.Id.ToString(), s => s.Name);

    private static string NameOf(string actor, Dictionary<string, string> staffNames) => staffNames.GetValueOrDefault(actor) ?? actor;

    /// <summary>A typed id as the log stores it: a guid in its lower-case form, anything else trimmed.</summary>
    private static string? Normalise(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : Guid.TryParse(id.Trim(), out var guid) ? guid.ToString() : id.Trim();

    private DateTime UtcStartOf(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.LocalTimeZone);

    private DateTimeOffset Local(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), clock.LocalTimeZone);
}
