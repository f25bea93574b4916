using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Retention;

/// <summary>One run of the retention schedule: what it anonymised (or, in a dry run, would anonymise), by count.</summary>
public sealed record RetentionRun(bool DryRun, int Years, DateOnly PeriodStart, AnonymisationCounts Counts);

/// <summary>
/// The retention schedule (<see cref="RetentionSchedule"/>): finds the residents due and anonymises them
/// (<see cref="Anonymisation"/>) in one transaction, audited as "Opbevaringsregel". Run daily by
/// <see cref="RetentionBackgroundService"/> and on demand by the <c>retention</c> verb; a system job, so no actor check:
/// the settings page (<see cref="RetentionSettingsService"/>) checks its Administrator itself. Logs counts only.
/// </summary>
public sealed class RetentionService(IDbContextFactory<AppDbContext> factory, TimeProvider clock, ILogger<RetentionService> logger)
{
    /// <summary>The audit log's actor for the changes the schedule makes.</summary>
    public const string AuditActor = "Opbevaringsregel";

    /// <summary>Persons anonymised per save: the records of a batch are loaded together.</summary>
    private const int BatchSize = 100;

    /// <summary>What a run would anonymise now, changing nothing.</summary>
    public Task<RetentionRun> DryRunAsync(CancellationToken ct = default) => RunAsync(dryRun: true, ct);

    /// <summary>Anonymises every resident due now.</summary>
    public Task<RetentionRun> RunAsync(CancellationToken ct = default) => RunAsync(dryRun: false, ct);

    /// <summary>
    /// A real run is one transaction whose first statement writes the schedule's row (SQLite takes the write lock at
    /// its start): a second instance of the app running the schedule at the same moment waits for the first to commit,
    /// then finds nobody left to anonymise. A dry run does the same work on tracked entities, outside a transaction so
    /// that it holds no lock, and never saves: the tracker keeps what an earlier batch removed, so shared logbook
    /// entries are counted once, as in a real run.
    /// </summary>
    private async Task<RetentionRun> RunAsync(bool dryRun, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = AuditActor;
        await using var transaction = dryRun ? null : await db.Database.BeginTransactionAsync(ct);
        if (transaction is not null)
            await db.RetentionSchedules.Where(s => s.Id == RetentionSchedule.SingletonId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastRunAt, now), ct);
        var schedule = await db.RetentionSchedules.AsNoTracking().SingleAsync(ct);
        var areaOf = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.HousingAreaId, ct);

        var counts = AnonymisationCounts.None;
        foreach (var batch in (await DueAsync(db, schedule, today, ct)).Chunk(BatchSize))
        {
            counts += await AnonymiseAsync(db, batch, schedule, today, areaOf, now, ct);
            if (dryRun) continue;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        if (transaction is not null)
        {
            var saved = await db.RetentionSchedules.SingleAsync(ct);
            saved.RecordRun(now, counts.Residents);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation(
            "Retention {Mode}: {Residents} residents ({Records} records), {LogbookNotes} logbook notes, {CaseTexts} case texts, " +
            "{ReferralTexts} referral texts removed, {AgeBands} age bands kept on outcomes",
            dryRun ? "dry run" : "run", counts.Residents, counts.Records, counts.LogbookNotes, counts.CaseTexts, counts.ReferralTexts, counts.AgeBandsKept);
        return new RetentionRun(dryRun, schedule.Years, schedule.PeriodStart(today), counts);
    }

    /// <summary>A person due: the surviving record and the records merged into it that are not anonymised yet.</summary>
    private sealed record DuePerson(Guid Id, IReadOnlyList<Guid> MergedIds)
    {
        public IEnumerable<Guid> RecordIds => MergedIds.Prepend(Id);
    }

    /// <summary>
    /// Who is due, found with a few grouped queries (the domain's <see cref="ResidentHistory"/> from projections rather
    /// than whole records). <see cref="AnonymiseAsync"/> checks each again on the records themselves.
    /// </summary>
    private static async Task<List<DuePerson>> DueAsync(AppDbContext db, RetentionSchedule schedule, DateOnly today, CancellationToken ct)
    {
        var residents = await db.Residents.AsNoTracking()
            .Select(r => new { r.Id, r.MergedIntoId, r.AnonymisedAt, r.CreatedAt }).ToListAsync(ct);
        var histories = residents.ToDictionary(r => r.Id, r => new ResidentHistory(false, false, DateOnly.FromDateTime(r.CreatedAt.Date)));
        void Add(Guid residentId, bool openCase, bool openReferral, DateOnly last)
        {
            if (histories.TryGetValue(residentId, out var history)) histories[residentId] = history.And(new ResidentHistory(openCase, openReferral, last));
        }

        var cases = await db.Cases.AsNoTracking()
            .Select(c => new { c.ResidentId, c.Status, c.OpenedOn, c.StartMeetingHeldOn, ClosedOn = c.Closure == null ? (DateOnly?)null : c.Closure.ClosedOn })
            .ToListAsync(ct);
        foreach (var c in cases)
            Add(c.ResidentId, c.Status is CaseStatus.Open or CaseStatus.Reopened, false,
                new[] { c.OpenedOn, c.StartMeetingHeldOn, c.ClosedOn }.OfType<DateOnly>().Max());
        var calls = await db.Cases.AsNoTracking()
            .SelectMany(c => c.AftercareCalls, (c, a) => new { c.ResidentId, a.DoneOn }).Where(x => x.DoneOn != null).ToListAsync(ct);
        foreach (var call in calls) Add(call.ResidentId, false, false, call.DoneOn!.Value);
        foreach (var r in await db.Referrals.AsNoTracking().ToListAsync(ct))
            Add(r.ResidentId, false, ResidentHistory.IsOpen(r), ResidentHistory.ReferralDates(r).Max());
        var outcomes = await db.Outcomes.AsNoTracking().GroupBy(o => o.ResidentId)
            .Select(g => new { g.Key, Last = g.Max(o => o.AchievedOn) }).ToListAsync(ct);
        foreach (var o in outcomes) Add(o.Key, false, false, o.Last);
        var entries = await db.LogbookEntries.AsNoTracking().SelectMany(e => e.Participants, (e, p) => new { p.ResidentId, e.Date })
            .GroupBy(x => x.ResidentId).Select(g => new { g.Key, Last = g.Max(x => x.Date) }).ToListAsync(ct);
        foreach (var e in entries) Add(e.Key, false, false, e.Last);
        foreach (var course in await db.GroupCourses.AsNoTracking().ToListAsync(ct))
        {
            var people = course.Participants.Select(p => p.ResidentId).Concat(course.Sessions.SelectMany(s => s.Attendees).Select(a => a.ResidentId)).Distinct();
            foreach (var id in people)
                if (ResidentHistory.GroupCourseDates(course, new HashSet<Guid> { id }).ToList() is { Count: > 0 } dates) Add(id, false, false, dates.Max());
        }

        // Every record counts with the surviving record of its merge chain, as the measurement does.
        var mergedInto = residents.Where(r => r.MergedIntoId is not null).ToDictionary(r => r.Id, r => r.MergedIntoId!.Value);
        Guid SurvivorOf(Guid id)
        {
            var seen = new HashSet<Guid> { id };
            while (mergedInto.TryGetValue(id, out var next) && seen.Add(next)) id = next;
            return id;
        }
        var anonymised = residents.Where(r => r.AnonymisedAt is not null).Select(r => r.Id).ToHashSet();
        return residents.GroupBy(r => SurvivorOf(r.Id))
            .Where(person => !anonymised.Contains(person.Key)
                && schedule.IsDue(person.Select(r => histories[r.Id]).Aggregate((a, b) => a.And(b)), today))
            .Select(person => new DuePerson(person.Key, person.Where(r => r.Id != person.Key && r.AnonymisedAt is null).Select(r => r.Id).ToList()))
            .ToList();
    }

    /// <summary>Loads a batch's records (tracked), checks the rule on them and anonymises each person.</summary>
    private static async Task<AnonymisationCounts> AnonymiseAsync(AppDbContext db, IReadOnlyList<DuePerson> batch, RetentionSchedule schedule,
        DateOnly today, IReadOnlyDictionary<int, int> areaOf, DateTimeOffset now, CancellationToken ct)
    {
        var ids = batch.SelectMany(p => p.RecordIds).ToList();
        var residents = await db.Residents.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var cases = await db.Cases.Where(c => ids.Contains(c.ResidentId)).ToListAsync(ct);
        var referrals = await db.Referrals.Where(r => ids.Contains(r.ResidentId)).ToListAsync(ct);
        var outcomes = await db.Outcomes.Where(o => ids.Contains(o.ResidentId)).ToListAsync(ct);
        // Deleted entries too: their notes are as personal as any.
        var entries = await db.LogbookEntries.IgnoreQueryFilters().Where(e => e.Participants.Any(p => ids.Contains(p.ResidentId))).ToListAsync(ct);
        var courses = await db.GroupCourses
            .Where(g => g.Participants.Any(p => ids.Contains(p.ResidentId)) || g.Sessions.Any(s => s.Attendees.Any(a => ids.Contains(a.ResidentId))))
            .ToListAsync(ct);

        var counts = AnonymisationCounts.None;
        foreach (var person in batch)
        {
            var mine = person.RecordIds.ToHashSet();
            var records = new ResidentRecords(
                referrals.Where(r => mine.Contains(r.ResidentId)).ToList(),
                cases.Where(c => mine.Contains(c.ResidentId)).ToList(),
                outcomes.Where(o => mine.Contains(o.ResidentId)).ToList(),
                entries.Where(e => e.Participants.Any(p => mine.Contains(p.ResidentId))).ToList(),
                courses.Where(g => mine.Any(id => g.IsEnrolled(id) || g.Sessions.Any(s => s.Came(id)))).ToList());
            var merged = person.MergedIds.Select(id => residents[id]).ToList();
            var survivor = residents[person.Id];
            if (survivor.IsAnonymised || !schedule.IsDue(ResidentHistory.Of([survivor, .. merged], records), today)) continue;
            counts += Anonymisation.Anonymise(survivor, merged, records, department => areaOf[department], now);
        }
        return counts;
    }
}
