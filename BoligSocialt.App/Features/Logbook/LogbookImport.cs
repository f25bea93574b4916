using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using C = BoligSocialt.App.Features.Logbook.LegacyLogbookColumns;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// The import of a legacy logbook (docs/IMPORT_FORMAT.md, docs/logbook-import.md), usable without a signed-in user:
/// the web page and the command line both call <see cref="RunAsync"/>.
/// All or nothing: any bad line and nothing is saved, every bad line is reported. Idempotent: every entry keeps the
/// key of the line(s) it came from, and lines whose key is already in the database are skipped.
/// </summary>
public static class LogbookImport
{
    /// <summary>The audit actor of the command line's import.</summary>
    public const string CommandLineActor = "import-logbook";

    /// <summary>
    /// Keys and legacy ids are looked up this many at a time, each chunk one JSON parameter (<see cref="EF.Parameter{T}"/>)
    /// matched through the column's index: never all keys of a large database at once.
    /// </summary>
    internal const int LookupChunk = 5_000;

    /// <summary>
    /// Reads and checks the whole file against the database. With <paramref name="save"/> false nothing is written: the
    /// result says what an import would add (or every error). With <paramref name="save"/> true and no error, everything
    /// is saved in one transaction, audited as <paramref name="auditActor"/>; with an error, nothing is.
    /// </summary>
    /// <param name="db">A fresh context: its change tracker is used and cleared.</param>
    /// <param name="now">The moment of the import: "today" for future dates, and the creation time of new residents.</param>
    public static async Task<LogbookImportResult> RunAsync(AppDbContext db, Stream file, string auditActor, bool save, DateTimeOffset now,
        CancellationToken ct = default)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        // Everything is read without tracking; only the new staff records are added to the context.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Taken first, so the keys looked up are still the keys when the new entries are written.
        await using var transaction = save ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var run = new ImportRun(db, now);
            var result = await run.ReadAsync(file, ct);
            if (!result.Succeeded || !save) return result;
            await run.SaveAsync(auditActor, ct);
            await transaction!.CommitAsync(ct);
            return result with { Summary = result.Summary! with { Saved = true } };
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>One import: the catalogue and staff in dictionaries, the file's lines, and what they add.</summary>
    private sealed class ImportRun(AppDbContext db, DateTimeOffset now)
    {
        private readonly DateOnly _today = DateOnly.FromDateTime(now.Date);
        private readonly List<LogbookImportError> _errors = [];
        private readonly List<ImportLine> _lines = [];
        private Catalogue _catalogue = null!;
        private StaffDirectory _staff = null!;
        private int _lineCount;
        private readonly List<Resident> _newResidents = [];
        /// <summary>Residence lines to add: all of a new resident's, the moves of a known one.</summary>
        private readonly List<(Guid ResidentId, int DepartmentId, DateOnly From)> _residences = [];
        private readonly HashSet<Guid> _movedResidents = [];
        private readonly List<(LogbookEntry Entry, List<Outcome> Outcomes)> _entries = [];

        public async Task<LogbookImportResult> ReadAsync(Stream file, CancellationToken ct)
        {
            _catalogue = await Catalogue.LoadAsync(db, ct);
            _staff = await StaffDirectory.LoadAsync(db, ct);
            try
            {
                using var reader = await LegacyLogbookReader.OpenAsync(file, ct);
                var columns = ReadHeader(reader);
                if (columns is null) return LogbookImportResult.Failed(_errors);
                await ReadLinesAsync(reader, columns, ct);
            }
            catch (LegacyLogbookFileException e)
            {
                return LogbookImportResult.Failed([new LogbookImportError(null, null, e.Message)]);
            }
            if (_lineCount == 0 && _errors.Count == 0)
                return LogbookImportResult.Failed([new LogbookImportError(null, null, "Filen har kun overskriftslinjen: der er ingen linjer at importere.")]);

            CheckResidentsAgree();
            var groups = Group();
            var skippedLines = await SkipImportedAsync(groups, ct);
            var newGroups = groups.Where(g => !g.AlreadyImported).ToList();
            var (matched, moves) = await ResolveResidentsAsync(newGroups, ct);
            if (_errors.Count > 0) return LogbookImportResult.Failed(_errors.OrderBy(e => e.Line).ToList());

            foreach (var group in newGroups) Build(group);
            if (_errors.Count > 0) return LogbookImportResult.Failed(_errors.OrderBy(e => e.Line).ToList());
            return new LogbookImportResult([], new LogbookImportSummary(
                _lineCount, _entries.Count, _newResidents.Count, matched, moves, _entries.Sum(e => e.Outcomes.Count),
                _staff.Created.Select(s => s.Name).ToList(), skippedLines, Saved: false));
        }

        /// <summary>
        /// The new staff records through EF Core (a few; audited by the context), then the bulk of the rows
        /// (<see cref="LogbookImportWriter"/>), all in the caller's transaction.
        /// </summary>
        public async Task SaveAsync(string auditActor, CancellationToken ct)
        {
            db.AuditActor = auditActor;
            db.StaffMembers.AddRange(_staff.Created);
            await db.SaveChangesAsync(ct);
            ct.ThrowIfCancellationRequested();
            LogbookImportWriter.Write(db, auditActor, _newResidents, _residences, _movedResidents,
                _entries.Select(e => e.Entry).ToList(), _entries.SelectMany(e => e.Outcomes).ToList());
        }

        private void Error(int? line, string? column, string message) => _errors.Add(new LogbookImportError(line, column, message));

        /// <summary>The file's column of each known column (-1 when absent), or null when the header is wrong.</summary>
        private int[]? ReadHeader(LegacyLogbookReader reader)
        {
            var columns = Enumerable.Repeat(-1, C.All.Count).ToArray();
            var allowed = string.Join(", ", C.All);
            for (var i = 0; i < reader.Header.Count; i++)
            {
                var name = reader.Header[i];
                var known = C.IndexOf(name);
                if (name.Length == 0)
                    Error(1, null, $"Kolonne nr. {i + 1} i overskriften har intet navn. Forventet et af navnene {allowed}; slet tomme kolonner.");
                else if (known < 0)
                    Error(1, name, $"Ukendt kolonne '{name}'. Forventet et af navnene {allowed}.");
                else if (columns[known] >= 0)
                    Error(1, name, $"Kolonnen '{name}' står mere end én gang i overskriften.");
                else
                    columns[known] = i;
            }
            bool Has(string column) => columns[C.IndexOf(column)] >= 0;
            foreach (var missing in C.Required.Where(c => !Has(c)))
                Error(1, missing, $"Kolonnen '{missing}' mangler i overskriften. Den skal altid være med.");
            if (Has(C.ResidentId))
                foreach (var missing in C.WithResident.Where(c => !Has(c)))
                    Error(1, missing, $"Kolonnen '{missing}' mangler i overskriften. Den skal være med, når filen har kolonnen '{C.ResidentId}'.");
            if (!Has(C.ResidentId) && !Has(C.HeadCount))
                Error(1, null, $"Overskriften skal have kolonnen '{C.ResidentId}' (indførsler om beboere) eller '{C.HeadCount}' (antal deltagere uden navne), eller begge.");
            return _errors.Count == 0 ? columns : null;
        }

        private async Task ReadLinesAsync(LegacyLogbookReader reader, int[] columns, CancellationToken ct)
        {
            var fields = new List<string>();
            var headerCount = reader.Header.Count;
            while (await reader.ReadAsync(fields, ct) is { } record)
            {
                _lineCount++;
                if (record.Problem is not null)
                    Error(record.Line, null, record.Problem);
                else if (fields.Count > headerCount)
                    Error(record.Line, null, $"For mange felter: linjen har {fields.Count} felter, men overskriften har {headerCount} kolonner. " +
                        $"Et felt, der indeholder '{reader.Separator}', skal stå i anførselstegn (\").");
                else if (fields.Count < headerCount)
                    Error(record.Line, null, $"For få felter: linjen har {fields.Count} felter, men overskriften har {headerCount} kolonner.");
                else if (ParseLine(record.Line, column => columns[C.IndexOf(column)] is var i and >= 0 ? fields[i].Trim() : "") is { } line)
                    _lines.Add(line with { AfterEmptyLine = record.AfterEmptyLine });
            }
        }

        /// <summary>One line's values checked and resolved against the catalogue and the staff; null (with its errors) when bad.</summary>
        private ImportLine? ParseLine(int number, Func<string, string> value)
        {
            var errorsBefore = _errors.Count;
            var date = Date(number, C.Date, value(C.Date), required: true, "Datoen");
            var staffText = value(C.Staff);
            Guid? staffId = null;
            if (staffText.Length == 0) Error(number, C.Staff, "Medarbejderen mangler. Forventet et login, en e-mail eller det fulde navn.");
            else if (_staff.Resolve(staffText, out var problem) is { } id) staffId = id;
            else Error(number, C.Staff, problem!);

            var activity = ResolveActivity(number, value(C.Activity), date);
            var kind = Term(number, C.Kind, value(C.Kind), _catalogue.Kinds, required: true, "Registreringen");

            var legacyId = Optional(value(C.ResidentId));
            var name = Optional(value(C.Name));
            var birthText = value(C.BirthDate);
            var departmentText = value(C.Department);
            var resultText = value(C.Result);
            DateOnly? birthDate = null;
            Department? department = null;
            if (legacyId is null)
            {
                foreach (var (column, text) in new[] { (C.Name, name ?? ""), (C.BirthDate, birthText), (C.Department, departmentText), (C.Result, resultText) })
                    if (text.Length > 0)
                        Error(number, column, $"'{column}' er udfyldt, men '{C.ResidentId}' er tom. {(column == C.Result ? "Et resultat hører til en beboer" : "Beboeroplysninger hører til et beboer-id")}: udfyld '{C.ResidentId}' eller tøm feltet.");
            }
            else
            {
                if (legacyId.Length > Resident.LegacyIdMaxLength)
                    Error(number, C.ResidentId, $"Beboer-id'et er {legacyId.Length} tegn langt; højst {Resident.LegacyIdMaxLength} tegn.");
                if (name is null) Error(number, C.Name, $"Beboerens navn mangler. Det skal udfyldes, når '{C.ResidentId}' er udfyldt.");
                else if (name.Length > Resident.NameMaxLength) Error(number, C.Name, $"Navnet er {name.Length} tegn langt; højst {Resident.NameMaxLength} tegn.");
                if (birthText.Length == 0) Error(number, C.BirthDate, $"Fødselsdatoen mangler. Den skal udfyldes, når '{C.ResidentId}' er udfyldt (åååå-mm-dd eller dd-mm-åååå).");
                else if (Date(number, C.BirthDate, birthText, required: true, "Fødselsdatoen") is { } born)
                {
                    if (born < _today.AddYears(-120)) Error(number, C.BirthDate, $"Fødselsdatoen {born.ToDanish()} er mere end 120 år tilbage.");
                    else birthDate = born;
                }
                if (departmentText.Length == 0) Error(number, C.Department, $"Boligafdelingen mangler. Den skal udfyldes, når '{C.ResidentId}' er udfyldt (fx Granparken).");
                else if (!_catalogue.Departments.TryGetValue(departmentText, out department))
                    Error(number, C.Department, $"Ukendt boligafdeling '{departmentText}'. Forventet det præcise navn på en afdeling, fx {string.Join(", ", _catalogue.Departments.Values.Take(3).Select(d => d.Name))}.");
            }
            var result = Term(number, C.Result, resultText, _catalogue.Outcomes, required: false, "Resultatet");

            int? headCount = null;
            var headCountText = value(C.HeadCount);
            if (headCountText.Length > 0)
            {
                if (int.TryParse(headCountText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000) headCount = n;
                else Error(number, C.HeadCount, $"'{headCountText}' er ikke et gyldigt antal. Forventet et helt tal fra 1 til 10000.");
            }
            else if (legacyId is null)
                Error(number, C.HeadCount, $"Linjen har hverken '{C.ResidentId}' eller '{C.HeadCount}'. Forventet en beboer eller et antal deltagere (1-10000).");

            var note = Optional(value(C.Note));
            if (note is not null && note.Length > LogbookEntry.NoteMaxLength)
                Error(number, C.Note, $"Noten er {note.Length} tegn lang; højst {LogbookEntry.NoteMaxLength} tegn.");

            if (_errors.Count > errorsBefore) return null;
            return new ImportLine(number, date!.Value, staffId!.Value, activity!.Id, kind!.Value, legacyId, name, birthDate, department,
                result, headCount, note);
        }

        private static string? Optional(string text) => text.Length == 0 ? null : text;

        /// <summary>yyyy-MM-dd or dd-MM-yyyy; an impossible date (31-02-2023) and a date in the future are errors of their own.</summary>
        private DateOnly? Date(int number, string column, string text, bool required, string what)
        {
            if (text.Length == 0)
            {
                if (required) Error(number, column, $"{what} mangler. Forventet en dato som åååå-mm-dd eller dd-mm-åååå.");
                return null;
            }
            int year, month, day;
            if (text.Length == 10 && text[4] == '-' && text[7] == '-' && AllDigits(text, 0, 4) && AllDigits(text, 5, 2) && AllDigits(text, 8, 2))
                (year, month, day) = (Number(text, 0, 4), Number(text, 5, 2), Number(text, 8, 2));
            else if (text.Length == 10 && text[2] == '-' && text[5] == '-' && AllDigits(text, 0, 2) && AllDigits(text, 3, 2) && AllDigits(text, 6, 4))
                (year, month, day) = (Number(text, 6, 4), Number(text, 3, 2), Number(text, 0, 2));
            else
            {
                Error(number, column, $"'{text}' er ikke en dato. Forventet åååå-mm-dd (fx 2023-04-17) eller dd-mm-åååå (fx 17-04-2023).");
                return null;
            }
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                var why = year < 1 ? "år 0 findes ikke" : month is < 1 or > 12 ? $"der er ingen måned {month}"
                    : $"{CultureInfo.GetCultureInfo("da-DK").DateTimeFormat.GetMonthName(month)} {year} har {DateTime.DaysInMonth(year, month)} dage";
                Error(number, column, $"Datoen {text} findes ikke: {why}.");
                return null;
            }
            var date = new DateOnly(year, month, day);
            if (date > _today)
            {
                Error(number, column, $"{what} {text} ligger i fremtiden (i dag er {_today.ToDanish()}).");
                return null;
            }
            return date;
        }

        private static bool AllDigits(string text, int start, int length) => text.AsSpan(start, length).IndexOfAnyExceptInRange('0', '9') < 0;

        private static int Number(string text, int start, int length) => int.Parse(text.AsSpan(start, length), CultureInfo.InvariantCulture);

        private Activity? ResolveActivity(int number, string text, DateOnly? date)
        {
            if (text.Length == 0)
            {
                Error(number, C.Activity, "Aktiviteten mangler. Forventet aktivitetens kode (fx BMJ) eller dens præcise navn.");
                return null;
            }
            if (_catalogue.ActivitiesByCode.TryGetValue(text, out var byCode)) return byCode;
            if (_catalogue.ActivitiesByName.TryGetValue(text, out var byName))
            {
                if (byName.Count == 1) return byName[0];
                // The same name in two plans (e.g. Fritidsjobrådgivning): the plan in force on the entry's date decides.
                var inForce = date is { } d ? byName.Where(a => a.PlanPeriod!.Start <= d && d <= a.PlanPeriod.End).ToList() : [];
                if (inForce.Count == 1) return inForce[0];
                Error(number, C.Activity, $"Aktiviteten '{text}' findes i flere helhedsplaner, og datoen afgør ikke hvilken. Brug koden: {string.Join(" eller ", byName.Select(a => a.Code))}.");
                return null;
            }
            Error(number, C.Activity, $"Ukendt aktivitet '{text}'. Forventet en kode fra kataloget (fx BMJ, UBMJ) eller aktivitetens præcise navn.");
            return null;
        }

        /// <summary>A term of a catalogue list by its code or its Danish name.</summary>
        private TEnum? Term<TEnum>(int number, string column, string text, IReadOnlyDictionary<string, TEnum> terms, bool required, string what)
            where TEnum : struct, Enum
        {
            if (text.Length == 0)
            {
                if (required) Error(number, column, $"{what} mangler. Forventet en af: {_catalogue.Names<TEnum>()}.");
                return null;
            }
            if (terms.TryGetValue(text, out var term)) return term;
            Error(number, column, $"Ukendt {column} '{text}'. Forventet en af: {_catalogue.Names<TEnum>()} (eller koden, fx {Enum.GetValues<TEnum>()[0]}).");
            return null;
        }

        /// <summary>The same beboer_id is the same resident: every line names them with the same name and birth date as the first.</summary>
        private void CheckResidentsAgree()
        {
            var first = new Dictionary<string, ImportLine>(StringComparer.Ordinal);
            foreach (var line in _lines.Where(l => l.LegacyId is not null))
            {
                if (!first.TryGetValue(line.LegacyId!, out var earlier))
                {
                    first[line.LegacyId!] = line;
                    continue;
                }
                if (!string.Equals(earlier.Name, line.Name, StringComparison.OrdinalIgnoreCase))
                    Error(line.Number, C.Name, $"Beboer-id {line.LegacyId} hedder '{earlier.Name}' på linje {earlier.Number}, men '{line.Name}' her. Samme beboer_id er samme beboer: ret navnet, så det er ens.");
                if (earlier.BirthDate != line.BirthDate)
                    Error(line.Number, C.BirthDate, $"Beboer-id {line.LegacyId} er født {earlier.BirthDate!.Value.ToDanish()} ifølge linje {earlier.Number}, men {line.BirthDate!.Value.ToDanish()} her. Samme beboer_id er samme beboer: ret fødselsdatoen, så den er ens.");
            }
        }

        /// <summary>
        /// One entry a line, except that lines directly after each other (no empty line between) alike in everything but
        /// the resident (and the result) are one entry with several residents: that is how the export writes such an entry.
        /// </summary>
        private List<LineGroup> Group()
        {
            var groups = new List<LineGroup>();
            LineGroup? current = null;
            foreach (var line in _lines)
            {
                if (current is not null && !line.AfterEmptyLine && line.LegacyId is not null && current.Lines[0].LegacyId is not null
                    && line.SameEntryAs(current.Lines[0]) && current.Lines.All(l => l.LegacyId != line.LegacyId))
                {
                    current.Lines.Add(line);
                    continue;
                }
                current = new LineGroup([line]);
                groups.Add(current);
            }
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var canonical = string.Join("\u001e", group.Lines.Select(l => l.Canonical()));
                var occurrence = occurrences[canonical] = occurrences.GetValueOrDefault(canonical) + 1;
                group.Key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{canonical}\u001d{occurrence}")));
            }
            return groups;
        }

        /// <summary>Marks the groups whose key an earlier import saved (deleted entries too): they add nothing. Returns their lines.</summary>
        private async Task<int> SkipImportedAsync(List<LineGroup> groups, CancellationToken ct)
        {
            var imported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in groups.Select(g => g.Key).Chunk(LookupChunk))
            {
                var keys = chunk.ToList();
                imported.UnionWith(await db.LogbookEntries.IgnoreQueryFilters().AsNoTracking()
                    .Where(e => e.ImportKey != null && EF.Parameter(keys).Contains(e.ImportKey)).Select(e => e.ImportKey!).ToListAsync(ct));
            }
            foreach (var group in groups) group.AlreadyImported = imported.Contains(group.Key);
            return groups.Where(g => g.AlreadyImported).Sum(g => g.Lines.Count);
        }

        /// <summary>
        /// Finds or creates the resident of every beboer_id of the new lines and records where they lived: a known record
        /// (a merged one by its survivor) or a new one living in the department of its earliest line from that date;
        /// a later line naming another department is a move from its date. Returns the residents matched and the moves.
        /// </summary>
        private async Task<(int Matched, int Moves)> ResolveResidentsAsync(List<LineGroup> groups, CancellationToken ct)
        {
            var lines = groups.SelectMany(g => g.Lines).Where(l => l.LegacyId is not null).ToList();
            var legacyIds = lines.Select(l => l.LegacyId!).Distinct(StringComparer.Ordinal).ToList();
            var known = new Dictionary<string, Resident>(StringComparer.Ordinal);
            foreach (var chunk in legacyIds.Chunk(LookupChunk))
            {
                var ids = chunk.ToList();
                foreach (var resident in await db.Residents.AsNoTracking().Where(r => r.LegacyId != null && EF.Parameter(ids).Contains(r.LegacyId)).ToListAsync(ct))
                    known[resident.LegacyId!] = resident;
            }
            var byId = known.Values.ToDictionary(r => r.Id);
            while (byId.Values.Where(r => r.MergedIntoId is { } s && !byId.ContainsKey(s)).Select(r => r.MergedIntoId!.Value).Distinct().ToList() is { Count: > 0 } survivors)
                foreach (var resident in await db.Residents.AsNoTracking().Where(r => EF.Parameter(survivors).Contains(r.Id)).ToListAsync(ct))
                    byId[resident.Id] = resident;
            Resident Survivor(Resident r) => r.MergedIntoId is { } s ? Survivor(byId[s]) : r;

            var residents = new Dictionary<string, Resident>(StringComparer.Ordinal);
            var moves = 0;
            var matched = new HashSet<Guid>();
            // Moves come from the lines of each person in date order; a line of a date with a residence already names its department.
            foreach (var personLines in lines.GroupBy(l => l.LegacyId!, StringComparer.Ordinal))
            {
                var ordered = personLines.OrderBy(l => l.Date).ThenBy(l => l.Number).ToList();
                Resident resident;
                if (known.TryGetValue(personLines.Key, out var record))
                {
                    resident = Survivor(record);
                    if (resident.IsAnonymised)
                    {
                        Error(ordered[0].Number, C.ResidentId,
                            $"Beboer-id {personLines.Key} er anonymiseret efter opbevaringsreglen: der kan ikke importeres nye linjer om beboeren.");
                        continue;
                    }
                    matched.Add(resident.Id);
                }
                else
                {
                    var first = ordered[0];
                    try
                    {
                        resident = new Resident(first.Name!, first.BirthDate!.Value, null, null, now);
                        resident.LinkLegacyId(personLines.Key);
                    }
                    catch (DomainException e)
                    {
                        Error(first.Number, C.ResidentId, e.Message);
                        continue;
                    }
                    _newResidents.Add(resident);
                }
                residents[personLines.Key] = resident;
                var movedBy = new Dictionary<DateOnly, ImportLine>();
                foreach (var line in ordered)
                {
                    var department = line.Department!;
                    if (resident.DepartmentOn(line.Date) == department.Id) continue;
                    if (resident.Residences.FirstOrDefault(r => r.From == line.Date) is { } sameDay)
                    {
                        var where = _catalogue.DepartmentName(sameDay.DepartmentId);
                        var source = movedBy.TryGetValue(line.Date, out var other) ? $"ifølge linje {other.Number}" : "ifølge BoligSocialt";
                        Error(line.Number, C.Department, $"Beboer-id {line.LegacyId} bor {source} i {where} fra {line.Date.ToDanish()}, men linjen siger {department.Name} samme dag. En beboer bor i én boligafdeling ad gangen.");
                        continue;
                    }
                    resident.MoveTo(department.Id, line.Date);
                    _residences.Add((resident.Id, department.Id, line.Date));
                    movedBy[line.Date] = line;
                    if (resident.Residences.Count > 1) moves++;
                    if (record is not null) _movedResidents.Add(resident.Id);
                }
            }
            foreach (var line in lines) line.Resident = residents.GetValueOrDefault(line.LegacyId!);
            return (matched.Count, moves);
        }

        private void Build(LineGroup group)
        {
            var first = group.Lines[0];
            try
            {
                var entry = LogbookEntry.Imported(first.Date, first.StaffId, first.ActivityId, first.Kind,
                    group.Lines.Where(l => l.Resident is not null).Select(l => l.Resident!.Id), first.HeadCount, first.Note, _today, group.Key);
                var outcomes = group.Lines.Where(l => l.Result is not null)
                    .Select(l => new Outcome(l.Resident!.Id, l.ActivityId, l.Result!.Value, l.Date, l.Department!.HousingAreaId, null, entry.Id))
                    .ToList();
                _entries.Add((entry, outcomes));
            }
            catch (DomainException e)
            {
                Error(first.Number, null, e.Message);
            }
        }
    }

    /// <summary>A line of the file, checked and resolved: the values of its entry.</summary>
    private sealed record ImportLine(int Number, DateOnly Date, Guid StaffId, int ActivityId, LogbookEntryKind Kind, string? LegacyId,
        string? Name, DateOnly? BirthDate, Department? Department, OutcomeKind? Result, int? HeadCount, string? Note)
    {
        /// <summary>An empty line came before it: it does not join the entry of the line before.</summary>
        public bool AfterEmptyLine { get; init; }

        public Resident? Resident { get; set; }

        /// <summary>Alike in everything that makes an entry (not the resident, not the result).</summary>
        public bool SameEntryAs(ImportLine other) =>
            Date == other.Date && StaffId == other.StaffId && ActivityId == other.ActivityId && Kind == other.Kind
            && HeadCount == other.HeadCount && Note == other.Note;

        /// <summary>The line's canonical values, each length-prefixed so that no note can make two lines look alike.</summary>
        public string Canonical()
        {
            var text = new StringBuilder();
            foreach (var value in new[] { Date.ToIso(), StaffId.ToString("N"),
                ActivityId.ToString(CultureInfo.InvariantCulture), LegacyId ?? "", Kind.ToString(), Result?.ToString() ?? "",
                HeadCount?.ToString(CultureInfo.InvariantCulture) ?? "", Note ?? "" })
                text.Append(value.Length).Append(':').Append(value).Append('\u001f');
            return text.ToString();
        }
    }

    /// <summary>The lines of one entry, and the entry's import key (computed from all of them).</summary>
    private sealed class LineGroup(List<ImportLine> lines)
    {
        public List<ImportLine> Lines { get; } = lines;
        public string Key { get; set; } = "";
        public bool AlreadyImported { get; set; }
    }

    /// <summary>The catalogue as dictionaries: codes and exact names, case-insensitive (values are trimmed before).</summary>
    private sealed class Catalogue
    {
        public required Dictionary<string, Activity> ActivitiesByCode { get; init; }
        public required Dictionary<string, List<Activity>> ActivitiesByName { get; init; }
        public required Dictionary<string, Department> Departments { get; init; }
        public required Dictionary<string, LogbookEntryKind> Kinds { get; init; }
        public required Dictionary<string, OutcomeKind> Outcomes { get; init; }
        private readonly Dictionary<string, string> _termNames = new(StringComparer.Ordinal);

        public static async Task<Catalogue> LoadAsync(AppDbContext db, CancellationToken ct)
        {
            var activities = await db.Activities.AsNoTracking().Include(a => a.PlanPeriod).ToListAsync(ct);
            var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
            var terms = await db.CatalogTerms.AsNoTracking()
                .Where(t => t.List == CatalogList.LogbookEntryKind || t.List == CatalogList.OutcomeKind).ToListAsync(ct);
            var catalogue = new Catalogue
            {
                ActivitiesByCode = activities.ToDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase),
                ActivitiesByName = activities.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase),
                Departments = departments.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase),
                Kinds = Terms<LogbookEntryKind>(terms.Where(t => t.List == CatalogList.LogbookEntryKind)),
                Outcomes = Terms<OutcomeKind>(terms.Where(t => t.List == CatalogList.OutcomeKind)),
            };
            foreach (var term in terms) catalogue._termNames[$"{term.List}:{term.Code}"] = term.Name;
            return catalogue;
        }

        /// <summary>Code and Danish name of each term, both leading to the term.</summary>
        private static Dictionary<string, TEnum> Terms<TEnum>(IEnumerable<CatalogTerm> terms) where TEnum : struct, Enum
        {
            var byText = new Dictionary<string, TEnum>(StringComparer.OrdinalIgnoreCase);
            foreach (var term in terms)
            {
                var value = Enum.Parse<TEnum>(term.Code);
                byText[term.Code] = value;
                byText.TryAdd(term.Name, value);
            }
            return byText;
        }

        /// <summary>The Danish names of a list's terms, for a message.</summary>
        public string Names<TEnum>() where TEnum : struct, Enum =>
            string.Join(", ", Enum.GetValues<TEnum>().Select(v => _termNames.GetValueOrDefault($"{ListOf<TEnum>()}:{v}", v.ToString())));

        private static CatalogList ListOf<TEnum>() => typeof(TEnum) == typeof(OutcomeKind) ? CatalogList.OutcomeKind : CatalogList.LogbookEntryKind;

        public string DepartmentName(int id) => Departments.Values.FirstOrDefault(d => d.Id == id)?.Name ?? id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Staff by login (e-mail, or its part before '@'), then by full name, case-insensitive. An unknown staff member
    /// becomes one inactive staff record, created once for all lines naming them.
    /// </summary>
    private sealed class StaffDirectory
    {
        private readonly ILookup<string, StaffMember> _byEmail;
        private readonly ILookup<string, StaffMember> _byLogin;
        private readonly ILookup<string, StaffMember> _byName;
        private readonly Dictionary<string, (Guid? Id, string? Problem)> _resolved = new(StringComparer.OrdinalIgnoreCase);

        private StaffDirectory(List<StaffMember> staff)
        {
            _byEmail = staff.Where(s => s.Email is not null).ToLookup(s => s.Email!, StringComparer.OrdinalIgnoreCase);
            _byLogin = staff.Where(s => s.Email is not null).ToLookup(s => s.Email![..s.Email!.IndexOf('@')], StringComparer.OrdinalIgnoreCase);
            _byName = staff.ToLookup(s => s.Name, StringComparer.OrdinalIgnoreCase);
        }

        public List<StaffMember> Created { get; } = [];

        public static async Task<StaffDirectory> LoadAsync(AppDbContext db, CancellationToken ct) =>
            new(await db.StaffMembers.AsNoTracking().ToListAsync(ct));

        public Guid? Resolve(string text, out string? problem)
        {
            if (!_resolved.TryGetValue(text, out var found))
                _resolved[text] = found = Find(text);
            problem = found.Problem;
            return found.Id;
        }

        private (Guid? Id, string? Problem) Find(string text)
        {
            foreach (var (matches, by) in new[] { (_byEmail[text], "e-mail"), (_byLogin[text], "login"), (_byName[text], "navn") })
            {
                var list = matches.ToList();
                if (list.Count == 1) return (list[0].Id, null);
                if (list.Count > 1)
                    return (null, $"'{text}' passer på {list.Count} medarbejdere ({by}): {string.Join(", ", list.Select(s => s.Email ?? s.Name).Order(StringComparer.Ordinal))}. Brug medarbejderens e-mail.");
            }
            if (text.Length > StaffMember.NameMaxLength)
                return (null, $"Medarbejderen '{text[..20]}…' findes ikke, og navnet er for langt til at oprette en medarbejder (højst {StaffMember.NameMaxLength} tegn).");
            var created = StaffMember.NamedInLegacyLogbook(text);
            Created.Add(created);
            return (created.Id, null);
        }
    }
}
