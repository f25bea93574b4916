using System.Globalization;
using System.Text;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using C = BoligSocialt.App.Features.Logbook.LegacyLogbookColumns;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>What to export: a period (both days included) and optionally one activity (its code).</summary>
public sealed record LogbookExportRequest(DateOnly From, DateOnly To, string? ActivityCode = null);

/// <summary>What an export wrote.</summary>
/// <param name="Outcomes">Outcomes written: on their entry's line, on a line of an entry of the same resident, date and activity, or on a line of their own.</param>
/// <param name="OutcomeLines">Lines written for outcomes that had no entry line to go on (registrering FollowUp).</param>
public sealed record LogbookExportSummary(int Entries, int Lines, int Residents, int Outcomes, int OutcomeLines);

/// <summary>
/// The logbook of a period in the import format (docs/IMPORT_FORMAT.md, docs/logbook-import.md): <c>;</c>-separated,
/// UTF-8 with BOM, codes for activity, kind and result, so that importing the file gives the same logbook.
/// Usable without a signed-in user: the command line exports the whole organisation, the web app a leader's scope.
/// </summary>
public static class LogbookExport
{
    /// <summary>The audit actor of the command line's export.</summary>
    public const string CommandLineActor = "export-logbook";

    public static string Header => string.Join(LegacyLogbookCsv.Separator, C.All);

    /// <summary>The file's name for a request, e.g. <c>logbog-2025-01-01-2025-03-31-BMJ.csv</c>.</summary>
    public static string FileName(LogbookExportRequest request) =>
        $"logbog-{request.From.ToIso()}-{request.To.ToIso()}{(request.ActivityCode is { } code ? "-" + code.Trim().ToUpperInvariant() : "")}.csv";

    /// <summary>Writes the export to a stream as UTF-8 with BOM; the stream is left open.</summary>
    public static async Task<LogbookExportSummary> WriteAsync(AppDbContext db, Actor? actor, LogbookExportRequest request, Stream output,
        string auditActor, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        var summary = await WriteAsync(db, actor, request, writer, auditActor, ct);
        await writer.FlushAsync(ct);
        return summary;
    }

    /// <summary>
    /// Writes the export as text; it starts with U+FEFF, which a UTF-8 writer (without a preamble of its own) writes as
    /// the BOM. <paramref name="actor"/> null exports the whole organisation (the IT department's command line); an
    /// actor exports their scope (<see cref="AccessRule"/>). Every exported entry and resident is an audited read
    /// (<see cref="LogbookImportWriter.Audit"/>).
    /// </summary>
    /// <exception cref="DomainException">The period is reversed, or the activity code is unknown.</exception>
    public static async Task<LogbookExportSummary> WriteAsync(AppDbContext db, Actor? actor, LogbookExportRequest request, TextWriter output,
        string auditActor, CancellationToken ct = default)
    {
        if (request.From > request.To) throw new DomainException("Perioden skal begynde før eller på den dag, den slutter.");
        var activities = await db.Activities.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        int? activityId = null;
        if (request.ActivityCode is { } code)
            activityId = activities.Values.FirstOrDefault(a => string.Equals(a.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))?.Id
                ?? throw new DomainException($"Ukendt aktivitet '{code}'. Forventet en aktivitetskode fra kataloget, fx BMJ.");
        var (from, to) = (request.From, request.To);

        var source = actor is null ? db.LogbookEntries : db.VisibleLogbookEntries(actor);
        var exported = source.Where(e => e.Date >= from && e.Date <= to && (activityId == null || e.ActivityId == activityId));
        var entries = await exported.AsNoTracking()
            .Select(e => new ExportEntry(e.Id, e.Date, e.StaffMemberId, e.ActivityId, e.Kind, e.HeadCount, e.Note,
                e.Participants.Select(p => p.ResidentId).ToList()))
            .ToListAsync(ct);
        var linked = await db.Outcomes.AsNoTracking()
            .Where(o => o.LogbookEntryId != null && exported.Any(e => e.Id == o.LogbookEntryId))
            .Select(o => new ExportOutcome(o.Id, o.ResidentId, o.ActivityId, o.Kind, o.AchievedOn, o.CaseId, o.LogbookEntryId))
            .ToListAsync(ct);
        var loose = await db.Outcomes.AsNoTracking()
            .Where(o => o.AchievedOn >= from && o.AchievedOn <= to && (activityId == null || o.ActivityId == activityId)
                && (o.LogbookEntryId == null || !exported.Any(e => e.Id == o.LogbookEntryId)))
            .Select(o => new ExportOutcome(o.Id, o.ResidentId, o.ActivityId, o.Kind, o.AchievedOn, o.CaseId, o.LogbookEntryId))
            .ToListAsync(ct);
        var entryStaff = entries.ToDictionary(e => e.Id, e => e.StaffMemberId);
        var (caseStaff, deletedEntryStaff) = await StaffOfLooseOutcomesAsync(db, actor, loose, ct);
        foreach (var (id, staffId) in deletedEntryStaff) entryStaff[id] = staffId;
        // In an actor's scope: the outcomes of the cases they see, and of the entries they see (deleted ones too).
        if (actor is not null) loose.RemoveAll(o => !(o.CaseId is { } c && caseStaff.ContainsKey(c)) && !(o.LogbookEntryId is { } e && entryStaff.ContainsKey(e)));

        var staff = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Email ?? s.Name, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var residents = await ResidentsAsync(db, entries.SelectMany(e => e.Residents).Concat(linked.Concat(loose).Select(o => o.ResidentId)), ct);

        var file = new ExportFile(staff, activities, departments, residents);
        foreach (var entry in entries) file.Add(entry);
        var outcomes = 0;
        foreach (var outcome in linked.OrderBy(o => o.AchievedOn).ThenBy(o => o.Id))
            if (file.PutOnOwnLine(outcome)) outcomes++;
            else loose.Add(outcome);
        var outcomeLines = 0;
        foreach (var outcome in loose.OrderBy(o => o.AchievedOn).ThenBy(o => o.Id))
        {
            outcomes++;
            if (file.PutOnLineOfSameDay(outcome)) continue;
            var staffId = outcome.LogbookEntryId is { } entryId && entryStaff.TryGetValue(entryId, out var byEntry) ? byEntry
                : outcome.CaseId is { } caseId && caseStaff.TryGetValue(caseId, out var byCase) ? byCase
                : (Guid?)null;
            file.AddOutcomeLine(outcome, staffId);
            outcomeLines++;
        }

        // The reads are audited before a byte is written; written like the import's audit rows (EF Core would take
        // seconds for the reads of a year's logbook).
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            LogbookImportWriter.Audit(db, transaction.GetDbTransaction(), auditActor,
                entries.Select(e => (AuditAction.Read, nameof(LogbookEntry), e.Id)).Concat(residents.Keys.Select(id => (AuditAction.Read, nameof(Resident), id))));
            await transaction.CommitAsync(ct);
        }

        await output.WriteAsync("\uFEFF" + Header + "\r\n");
        var lines = 0;
        foreach (var line in file.Lines())
        {
            if (line is null)
            {
                await output.WriteAsync("\r\n");
                continue;
            }
            await output.WriteAsync(LegacyLogbookCsv.Record(line));
            lines++;
        }
        return new LogbookExportSummary(entries.Count, lines, residents.Count, outcomes, outcomeLines);
    }

    private static async Task<Dictionary<Guid, Resident>> ResidentsAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var residents = new Dictionary<Guid, Resident>();
        foreach (var chunk in ids.Distinct().Chunk(LogbookImport.LookupChunk))
        {
            var list = chunk.ToList();
            foreach (var resident in await db.Residents.AsNoTracking().Where(r => EF.Parameter(list).Contains(r.Id)).ToListAsync(ct))
                residents[resident.Id] = resident;
        }
        return residents;
    }

    /// <summary>
    /// Whose delivery an outcome's own line is: its case's responsible staff member, or its deleted entry's. Only cases
    /// and entries in the actor's scope (all for no actor) are found.
    /// </summary>
    private static async Task<(Dictionary<Guid, Guid> Cases, Dictionary<Guid, Guid> Entries)> StaffOfLooseOutcomesAsync(
        AppDbContext db, Actor? actor, List<ExportOutcome> loose, CancellationToken ct)
    {
        var caseIds = loose.Where(o => o.CaseId is not null).Select(o => o.CaseId!.Value).Distinct().ToList();
        var entryIds = loose.Where(o => o.LogbookEntryId is not null).Select(o => o.LogbookEntryId!.Value).Distinct().ToList();
        var visibleCases = actor is null ? db.Cases : db.VisibleCases(actor);
        var visibleEntries = (actor is null ? db.LogbookEntries : db.VisibleLogbookEntries(actor)).IgnoreQueryFilters();
        var cases = new Dictionary<Guid, Guid>();
        foreach (var chunk in caseIds.Chunk(LogbookImport.LookupChunk).Select(c => c.ToList()))
            foreach (var c in await visibleCases.AsNoTracking().Where(c => EF.Parameter(chunk).Contains(c.Id)).Select(c => new { c.Id, c.ResponsibleStaffId }).ToListAsync(ct))
                cases[c.Id] = c.ResponsibleStaffId;
        var entries = new Dictionary<Guid, Guid>();
        foreach (var chunk in entryIds.Chunk(LogbookImport.LookupChunk).Select(c => c.ToList()))
            foreach (var e in await visibleEntries.AsNoTracking().Where(e => EF.Parameter(chunk).Contains(e.Id)).Select(e => new { e.Id, e.StaffMemberId }).ToListAsync(ct))
                entries[e.Id] = e.StaffMemberId;
        return (cases, entries);
    }


    private sealed record ExportEntry(Guid Id, DateOnly Date, Guid StaffMemberId, int ActivityId, LogbookEntryKind Kind, int? HeadCount,
        string? Note, List<Guid> Residents);

    private sealed record ExportOutcome(Guid Id, Guid ResidentId, int ActivityId, OutcomeKind Kind, DateOnly AchievedOn, Guid? CaseId, Guid? LogbookEntryId);

    /// <summary>The lines to write, grouped by what makes one entry on import, with the outcomes put on them.</summary>
    private sealed class ExportFile(Dictionary<Guid, string> staff, Dictionary<int, Activity> activities, Dictionary<int, string> departments,
        Dictionary<Guid, Resident> residents)
    {
        private static readonly int ResultColumn = C.IndexOf(C.Result);
        private readonly List<ExportItem> _items = [];
        private readonly Dictionary<(Guid Entry, Guid Resident), string[]> _entryLines = [];
        private readonly Dictionary<(Guid Resident, DateOnly Date, int Activity), List<string[]>> _sameDay = [];

        public void Add(ExportEntry entry)
        {
            var lines = new List<string[]>();
            var ordered = entry.Residents.Where(residents.ContainsKey).Select(id => residents[id])
                .OrderBy(r => r.Name, DanishOrder.Names).ThenBy(r => r.Id).ToList();
            foreach (var resident in ordered)
            {
                var line = Line(entry.Date, entry.StaffMemberId, entry.ActivityId, resident, entry.Kind, entry.HeadCount, entry.Note);
                lines.Add(line);
                _entryLines[(entry.Id, resident.Id)] = line;
                var sameDay = (resident.Id, entry.Date, entry.ActivityId);
                if (!_sameDay.TryGetValue(sameDay, out var list)) _sameDay[sameDay] = list = [];
                list.Add(line);
            }
            if (lines.Count == 0) lines.Add(Line(entry.Date, entry.StaffMemberId, entry.ActivityId, null, entry.Kind, entry.HeadCount, entry.Note));
            _items.Add(new ExportItem(entry.Date, ordered.Count > 0, lines, entry.Id.ToString()));
        }

        /// <summary>An outcome registered with an entry goes on that entry's line of its resident, when the line has no result yet.</summary>
        public bool PutOnOwnLine(ExportOutcome outcome) =>
            _entryLines.TryGetValue((outcome.LogbookEntryId!.Value, outcome.ResidentId), out var line) && TrySetResult(line, outcome);

        /// <summary>An outcome without an exported entry goes on a line of an entry of the same resident, date and activity without a result.</summary>
        public bool PutOnLineOfSameDay(ExportOutcome outcome) =>
            _sameDay.TryGetValue((outcome.ResidentId, outcome.AchievedOn, outcome.ActivityId), out var lines) && lines.Any(line => TrySetResult(line, outcome));

        /// <summary>Otherwise the outcome gets a line of its own, registrering FollowUp, in the name of whose delivery it was.</summary>
        public void AddOutcomeLine(ExportOutcome outcome, Guid? staffId)
        {
            var resident = residents.GetValueOrDefault(outcome.ResidentId);
            var line = Line(outcome.AchievedOn, staffId, outcome.ActivityId, resident, LogbookEntryKind.FollowUp, null, null);
            line[ResultColumn] = outcome.Kind.ToString();
            _items.Add(new ExportItem(outcome.AchievedOn, resident is not null, [line], outcome.Id.ToString()));
        }

        private static bool TrySetResult(string[] line, ExportOutcome outcome)
        {
            if (line[ResultColumn].Length > 0) return false;
            line[ResultColumn] = outcome.Kind.ToString();
            return true;
        }

        private string[] Line(DateOnly date, Guid? staffId, int activityId, Resident? resident, LogbookEntryKind kind, int? headCount, string? note) =>
        [
            date.ToIso(),
            staffId is { } s ? staff.GetValueOrDefault(s, "") : "",
            activities[activityId].Code,
            resident is null ? "" : resident.LegacyId ?? resident.Id.ToString(),
            resident?.Name ?? "",
            resident is null ? "" : resident.BirthDate.ToIso(),
            resident is null ? "" : DepartmentOn(resident, date),
            kind.ToString(),
            "",
            headCount?.ToString(CultureInfo.InvariantCulture) ?? "",
            note ?? "",
        ];

        /// <summary>The department on the date; before the first recorded one, the first (the nearest there is).</summary>
        private string DepartmentOn(Resident resident, DateOnly date)
        {
            var residence = resident.ResidenceOn(date) ?? resident.Residences.MinBy(r => r.From);
            return residence is null ? "" : departments.GetValueOrDefault(residence.DepartmentId, "");
        }

        /// <summary>
        /// The lines by date, staff member, activity and kind; an entry's lines together. Between two entries that an
        /// import would take for one entry with several residents (alike in everything it compares, directly after
        /// each other) comes an empty line (null), which keeps them apart.
        /// </summary>
        public IEnumerable<string[]?> Lines()
        {
            ExportItem? previous = null;
            foreach (var item in _items.OrderBy(i => i.Date).ThenBy(i => i.Lines[0][1], StringComparer.Ordinal).ThenBy(i => i.Lines[0][2], StringComparer.Ordinal)
                .ThenBy(i => i.Lines[0][7], StringComparer.Ordinal).ThenBy(i => i.Order, StringComparer.Ordinal))
            {
                if (item.Class is not null && item.Class == previous?.Class) yield return null;
                foreach (var line in item.Lines) yield return line;
                previous = item;
            }
        }
    }

    /// <param name="Named">Its lines name residents: only such lines can be taken for one entry on import.</param>
    /// <param name="Order">Breaks ties in the day's order (the entry's id, which grows with time).</param>
    private sealed record ExportItem(DateOnly Date, bool Named, List<string[]> Lines, string Order)
    {
        /// <summary>What an import compares to join consecutive lines into one entry; null for lines that name no resident.</summary>
        public string? Class => Named ? string.Join("\u001f", Lines[0][0], Lines[0][1], Lines[0][2], Lines[0][7], Lines[0][9], Lines[0][10]) : null;
    }
}
