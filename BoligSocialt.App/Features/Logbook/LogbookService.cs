using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// The logbook (logbog): quick entry of a delivery, the list of entries in the viewer's scope
/// (<see cref="AccessRule.VisibleLogbookEntries"/>), correction by the author or the leaders of the activity's team,
/// deletion by those leaders. An entry out of scope is <see cref="NotFoundException"/>, like one that does not exist;
/// a deleted entry stays in the database, hidden by the global query filter.
/// </summary>
public sealed class LogbookService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The list shows at most this many entries, the newest.</summary>
    public const int MaxRows = 200;

    /// <summary>
    /// The activities and kinds of the quick entry: the active activities of the plan in force today that the actor
    /// may record in, their own team's first; every kind of the catalogue, those the quick entry records marked.
    /// </summary>
    public async Task<LogbookOptions> OptionsAsync(CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var activities = await RecordableActivities(db, actor)
            .Where(a => a.PlanPeriod!.Start <= today && a.PlanPeriod.End >= today)
            .Select(a => new { a.Id, a.Name, Team = a.FocusArea!.Team!.Name, a.FocusArea.TeamId })
            .ToListAsync(ct);
        var kinds = await KindNamesAsync(db, ct);
        return new LogbookOptions(
            activities.Select(a => new LogbookActivityOption(a.Id, a.Name, a.Team, a.TeamId == actor.TeamId))
                .OrderByDescending(a => a.IsOwnTeam).ThenBy(a => a.Name, DanishOrder.Names).ToList(),
            Enum.GetValues<LogbookEntryKind>().Select(k => new LogbookKindOption(k, kinds[k], k != LogbookEntryKind.GroupSession)).ToList());
    }

    /// <summary>
    /// A resident chosen for an entry with the organisation-wide search (as at intake): an audited read. Refused when
    /// the resident has not consented to registration.
    /// </summary>
    public async Task<LogbookResident> ChooseResidentAsync(Guid residentId, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var resident = await db.Residents.AsNoTracking().SingleOrDefaultAsync(r => r.Id == residentId && r.MergedIntoId == null, ct)
            ?? throw new DomainException(ResidentGone);
        db.AuditActor = actor.AuditName;
        db.Read(nameof(Resident), residentId);
        await db.SaveChangesAsync(ct);
        if (resident.RegistrationConsent is null) throw new DomainException(NoConsent([resident.Name]));
        return new LogbookResident(resident.Id, resident.Name);
    }

    /// <summary>A new entry in the actor's name. Returns its id.</summary>
    public async Task<Guid> RecordAsync(LogbookForm form, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        var today = clock.Today();
        form.Check(today);
        var (date, kind) = (DateOnly.FromDateTime(form.Date!.Value), form.Kind!.Value);
        if (kind == LogbookEntryKind.GroupSession) throw new DomainException(GroupSessionKind);
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await RecordableActivities(db, actor).Include(a => a.PlanPeriod).SingleOrDefaultAsync(a => a.Id == form.ActivityId, ct)
            ?? throw new DomainException(ChooseActivity);
        EnsureInPlan(activity, date);
        await EnsureConsentAsync(db, form.ResidentIds, ct);
        var entry = new LogbookEntry(date, actor.StaffMemberId, activity.Id, kind, form.ResidentIds, form.HeadCountToSave, form.Note, today);
        db.LogbookEntries.Add(entry);
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
        return entry.Id;
    }

    /// <summary>
    /// The entries the viewer sees, newest first, at most <see cref="MaxRows"/>; without a filter, those of the last
    /// 30 days. The names of the residents are shown, so each entry shown is an audited read.
    /// </summary>
    public async Task<LogbookList> ListAsync(LogbookFilter? filter = null, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        filter ??= LogbookFilter.LastDays(clock.Today());
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = db.VisibleLogbookEntries(actor).AsNoTracking();
        var entries = visible;
        if (filter.From is { } from)
        {
            var fromDate = DateOnly.FromDateTime(from);
            entries = entries.Where(e => e.Date >= fromDate);
        }
        if (filter.To is { } to)
        {
            var toDate = DateOnly.FromDateTime(to);
            entries = entries.Where(e => e.Date <= toDate);
        }
        if (filter.ActivityId is { } activityId) entries = entries.Where(e => e.ActivityId == activityId);
        if (filter.StaffMemberId is { } staffId) entries = entries.Where(e => e.StaffMemberId == staffId);
        if (filter.Kind is { } kind) entries = entries.Where(e => e.Kind == kind);
        var found = await entries.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Take(MaxRows + 1).ToListAsync(ct);
        var shown = found.Take(MaxRows).ToList();

        var residentIds = shown.SelectMany(e => e.Participants).Select(p => p.ResidentId).Distinct().ToList();
        var residents = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => visible.Any(e => e.StaffMemberId == s.Id))
            .Select(s => new LogbookStaffOption(s.Id, s.Name)).ToListAsync(ct);
        var activities = await db.Activities.AsNoTracking().Where(a => visible.Any(e => e.ActivityId == a.Id))
            .Select(a => new { a.Id, a.Name, Team = a.FocusArea!.Team!.Name, a.FocusArea.TeamId }).ToListAsync(ct);
        var kinds = await KindNamesAsync(db, ct);
        var led = await LedActivitiesAsync(db, actor, ct);
        var staffNames = staff.ToDictionary(s => s.Id, s => s.Name);
        var activityNames = activities.ToDictionary(a => a.Id, a => a.Name);

        db.AuditActor = actor.AuditName;
        foreach (var entry in shown) db.Read(nameof(LogbookEntry), entry.Id);
        await db.SaveChangesAsync(ct);

        var rows = shown.Select(e => new LogbookRow(e.Id, e.Date, e.ActivityId, activityNames[e.ActivityId], e.Kind, kinds[e.Kind],
                e.StaffMemberId, staffNames[e.StaffMemberId],
                e.Participants.Select(p => new LogbookResident(p.ResidentId, residents[p.ResidentId])).OrderBy(r => r.Name, DanishOrder.Names).ToList(),
                e.HeadCount, e.Note, e.CaseId, e.GroupCourseId is not null,
                MayCorrect(actor, e, led), MayDelete(e, led)))
            .ToList();
        return new LogbookList(rows, found.Count > MaxRows,
            staff.OrderBy(s => s.Name, DanishOrder.Names).ToList(),
            activities.Select(a => new LogbookActivityOption(a.Id, a.Name, a.Team, a.TeamId == actor.TeamId))
                .OrderByDescending(a => a.IsOwnTeam).ThenBy(a => a.Name, DanishOrder.Names).ToList());
    }

    /// <summary>
    /// Corrects an entry: its author, or a leader of the team whose activity it is. An entry of a case or a group
    /// course keeps its activity and residents (the domain refuses changing them). Audited on save.
    /// </summary>
    public async Task CorrectAsync(Guid id, LogbookForm form, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await db.VisibleLogbookEntries(actor).SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException();
        if (!MayCorrect(actor, entry, await LedActivitiesAsync(db, actor, ct)))
            throw new DomainException("Kun den, der har skrevet indførslen, og lederen af aktivitetens team kan rette den.");
        form.Check(today);
        var (date, kind) = (DateOnly.FromDateTime(form.Date!.Value), form.Kind!.Value);
        if (kind != entry.Kind && (kind == LogbookEntryKind.GroupSession || entry.GroupCourseId is not null))
            throw new DomainException(GroupSessionKind);
        if (form.ActivityId != entry.ActivityId || date != entry.Date)
        {
            var activity = form.ActivityId == entry.ActivityId
                ? await db.Activities.Include(a => a.PlanPeriod).SingleAsync(a => a.Id == entry.ActivityId, ct)
                : await RecordableActivities(db, actor).Include(a => a.PlanPeriod).SingleOrDefaultAsync(a => a.Id == form.ActivityId, ct)
                    ?? throw new DomainException(ChooseActivity);
            EnsureInPlan(activity, date);
        }
        var current = entry.Participants.Select(p => p.ResidentId).ToHashSet();
        await EnsureConsentAsync(db, form.ResidentIds.Where(r => !current.Contains(r)).ToList(), ct);
        entry.Correct(date, form.ActivityId!.Value, kind, form.ResidentIds, form.HeadCountToSave, form.Note, today);
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Deletes an entry, with a reason: only a leader of the team whose activity it is. The entry stays in the
    /// database for the audit (who, when, why) and is hidden from every list and count; the audit log records the
    /// deletion as such.
    /// </summary>
    public async Task DeleteAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await db.VisibleLogbookEntries(actor).SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException();
        if (!await IsLedAsync(db, actor, entry.ActivityId, ct))
            throw new DomainException("Kun lederen af aktivitetens team kan slette en indførsel. Ret den i stedet.");
        entry.Delete(reason ?? "", actor.StaffMemberId, clock.GetUtcNow());
        db.AuditActor = actor.AuditName;
        db.Record(AuditAction.Delete, nameof(LogbookEntry), id.ToString());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Whether a note typed in this browser was saved already (the connection dropped before its draft was removed):
    /// in the entry being corrected, or, for a new entry, in one of the actor's own entries of the last week.
    /// </summary>
    public async Task<bool> IsNoteSavedAsync(Guid? entryId, string note, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        var text = note.Trim();
        var since = clock.Today().AddDays(-7);
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = db.VisibleLogbookEntries(actor);
        return entryId is { } id
            ? await visible.AnyAsync(e => e.Id == id && e.Note == text, ct)
            : await visible.AnyAsync(e => e.StaffMemberId == actor.StaffMemberId && e.Date >= since && e.Note == text, ct);
    }

    private const string ResidentGone = "Beboeren findes ikke (længere). Søg igen.";
    private const string ChooseActivity = "Vælg en aktiv aktivitet fra listen.";
    private const string GroupSessionKind = "En gang i et gruppeforløb registreres i gruppeforløbet, ikke her.";

    private static string NoConsent(IReadOnlyList<string> names) =>
        $"{string.Join(" og ", names)} har ikke givet samtykke til registrering og kan ikke registreres med navn. Registrér i stedet anonymt med et antal deltagere.";

    /// <summary>Every resident named must exist and have consented to registration.</summary>
    private static async Task EnsureConsentAsync(AppDbContext db, IReadOnlyList<Guid> residentIds, CancellationToken ct)
    {
        if (residentIds.Count == 0) return;
        var residents = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id) && r.MergedIntoId == null)
            .Select(r => new { r.Name, Consent = r.RegistrationConsent != null }).ToListAsync(ct);
        if (residents.Count != residentIds.Count) throw new DomainException(ResidentGone);
        var withoutConsent = residents.Where(r => !r.Consent).Select(r => r.Name).Order(DanishOrder.Names).ToList();
        if (withoutConsent.Count > 0) throw new DomainException(NoConsent(withoutConsent));
    }

    private static void EnsureInPlan(Activity activity, DateOnly date)
    {
        var plan = activity.PlanPeriod!;
        if (date < plan.Start || date > plan.End)
            throw new DomainException($"Aktiviteten hører til helhedsplanen {plan.Start.ToDanish()} til {plan.End.ToDanish()}: datoen skal ligge i den.");
    }

    /// <summary>
    /// The activities the actor may record in: caseworkers any active activity; leaders without a caseworker role
    /// those of their own team, since an entry in another team's activity would be out of their sight at once.
    /// </summary>
    private static IQueryable<Activity> RecordableActivities(AppDbContext db, Actor actor)
    {
        var caseworker = actor.IsCaseworker;
        var teamId = actor.TeamId;
        return db.Activities.Where(a => a.IsActive && (caseworker || (teamId != null && a.FocusArea!.TeamId == teamId)));
    }

    /// <summary>The activities of the team the actor leads: as the access rule, the leaders' scope.</summary>
    private static async Task<HashSet<int>> LedActivitiesAsync(AppDbContext db, Actor actor, CancellationToken ct)
    {
        if (!actor.IsLeader) return [];
        var teamId = actor.TeamId;
        return (await db.Activities.Where(a => a.FocusArea!.TeamId == teamId).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
    }

    private static async Task<bool> IsLedAsync(AppDbContext db, Actor actor, int activityId, CancellationToken ct) =>
        (await LedActivitiesAsync(db, actor, ct)).Contains(activityId);

    private static bool MayCorrect(Actor actor, LogbookEntry entry, IReadOnlySet<int> led) =>
        entry.StaffMemberId == actor.StaffMemberId || led.Contains(entry.ActivityId);

    private static bool MayDelete(LogbookEntry entry, IReadOnlySet<int> led) =>
        led.Contains(entry.ActivityId) && entry.GroupCourseId is null;

    private static async Task<Dictionary<LogbookEntryKind, string>> KindNamesAsync(AppDbContext db, CancellationToken ct)
    {
        var names = await db.CatalogTerms.AsNoTracking().Where(t => t.List == CatalogList.LogbookEntryKind).ToDictionaryAsync(t => t.Code, t => t.Name, ct);
        return Enum.GetValues<LogbookEntryKind>().ToDictionary(k => k, k => names.GetValueOrDefault(k.ToString(), k.ToString()));
    }

    private async Task<Actor> RequireCaseWorkAsync()
    {
        var actor = await currentUser.GetAsync();
        return actor.MayReadPersonalData ? actor : throw new NotFoundException();
    }
}
