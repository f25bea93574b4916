using System.Text;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// The export of a period's logbook in the import format: the exact file, where outcomes go, the scope of a leader, and
/// that importing an export into an empty database gives the same logbook.
/// </summary>
public sealed class LogbookExportTests : IAsyncLifetime
{
    private static readonly LogbookExportRequest FirstFourMonths = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 30));

    private TestDatabase _database = null!;
    private StaffMember _ahmed = null!;
    private Actor _sofie = null!;
    private Actor _karim = null!;
    private Actor _leader = null!;
    private Resident _amina = null!;
    private Resident _fatima = null!;
    private Resident _leyla = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateDbContext())
        {
            _ahmed = new StaffMember("Ahmed Hassan", "ahha@boligsocialt.dk", StaffRoles.Mentor, (await db.Teams.SingleAsync(t => t.Code == "Team1")).Id);
            db.StaffMembers.Add(_ahmed);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        _sofie = await _database.AddStaffAsync("Sofie Nielsen", StaffRoles.Mentor, "Team1");
        _karim = await _database.AddStaffAsync("Karim Yousef", StaffRoles.Mentor, "Team2");
        _leader = await _database.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1");
        _amina = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        _fatima = await Scenario.AddResidentAsync(_database, "Fatima Omar", department: "Hybenhaven", birthDate: new DateOnly(1978, 11, 3));
        _leyla = await Scenario.AddResidentAsync(_database, "Leyla Khan", department: "Korsløkkeparken E", birthDate: new DateOnly(2001, 1, 30));
        await using (var db = _database.CreateDbContext())
        {
            var amina = await db.Residents.SingleAsync(r => r.Id == _amina.Id);
            amina.MoveTo(await Scenario.DepartmentIdAsync(_database, "Solbakken"), new DateOnly(2025, 3, 1));
            (await db.Residents.SingleAsync(r => r.Id == _fatima.Id)).LinkLegacyId("F-1");
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static async Task<string> ExportAsync(TestDatabase database, LogbookExportRequest request, Actor? actor = null)
    {
        await using var db = database.CreateDbContext();
        var output = new MemoryStream();
        await LogbookExport.WriteAsync(db, actor, request, output, "test-export");
        var bytes = output.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    private async Task<LogbookEntry> AddEntryAsync(Guid staffId, string activity, IEnumerable<Guid> residents, DateOnly date,
        LogbookEntryKind kind = LogbookEntryKind.Conversation, string? note = null, int? headCount = null)
    {
        await using var db = _database.CreateDbContext();
        var entry = new LogbookEntry(date, staffId, (await Scenario.ActivityAsync(db, activity)).Id, kind, residents, headCount, note, Scenario.Today);
        db.LogbookEntries.Add(entry);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return entry;
    }

    private async Task AddOutcomeAsync(Guid residentId, string activity, OutcomeKind kind, DateOnly on, Guid? entryId)
    {
        await using var db = _database.CreateDbContext();
        var area = await db.HousingAreas.Where(a => a.Code == "Vollsmose").Select(a => a.Id).SingleAsync();
        db.Outcomes.Add(new Outcome(residentId, (await Scenario.ActivityAsync(db, activity)).Id, kind, on, area, null, entryId));
        db.AuditActor = "test";
        await db.SaveChangesAsync();
    }

    /// <summary>A case of UBMJ for the resident (opened 10-03-2025) with an outcome on a date.</summary>
    private async Task AddCaseOutcomeAsync(Guid residentId, OutcomeKind kind, DateOnly on)
    {
        int area;
        await using (var db = _database.CreateDbContext())
            area = await db.HousingAreas.Where(a => a.Code == "Vollsmose").Select(a => a.Id).SingleAsync();
        await Scenario.AddCaseAsync(_database, residentId, Scenario.Team1Mentoring, _sofie.StaffMemberId,
            (c, activity) => c.RecordOutcome(activity, kind, on, area, Scenario.Today));
    }

    /// <summary>The scenario of the format test: every kind of line, and what is left out.</summary>
    private async Task AddLogbookAsync()
    {
        await AddEntryAsync(_ahmed.Id, "UBMJ", [_amina.Id], new DateOnly(2025, 2, 10), note: "Talte om CV; \"vigtigt\"\nNæste gang: ansøgning");
        var session = await AddEntryAsync(_sofie.StaffMemberId, "UBMJ", [_leyla.Id, _fatima.Id, _amina.Id], new DateOnly(2025, 3, 12),
            LogbookEntryKind.GroupSession, "CV-værksted");
        await AddEntryAsync(_ahmed.Id, "MOF24", [], new DateOnly(2025, 3, 6), LogbookEntryKind.Event, "Fællesspisning", headCount: 25);
        await AddEntryAsync(_karim.StaffMemberId, "KFN24", [_leyla.Id], new DateOnly(2025, 3, 7));
        var deleted = await AddEntryAsync(_ahmed.Id, "UBMJ", [_amina.Id], new DateOnly(2025, 3, 8), LogbookEntryKind.PhoneCall);
        await AddEntryAsync(_ahmed.Id, "UBMJ", [_amina.Id], new DateOnly(2025, 5, 2));
        await using (var db = _database.CreateDbContext())
        {
            (await db.LogbookEntries.SingleAsync(e => e.Id == deleted.Id)).Delete("Forkert person", _leader.StaffMemberId, DateTimeOffset.UtcNow);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        // With its entry: on that entry's line of the resident.
        await AddOutcomeAsync(_fatima.Id, "UBMJ", OutcomeKind.Internship, new DateOnly(2025, 3, 12), session.Id);
        // In a case, on a day with an entry of the resident in the activity: on that line.
        await AddCaseOutcomeAsync(_leyla.Id, OutcomeKind.OrdinaryJob, new DateOnly(2025, 3, 12));
        // In a case, on a day without such an entry: a line of its own.
        await AddCaseOutcomeAsync(_amina.Id, OutcomeKind.WageSubsidyJob, new DateOnly(2025, 4, 10));
        // With an entry deleted since: as one in a case, in the name of the entry's staff member.
        await AddOutcomeAsync(_amina.Id, "UBMJ", OutcomeKind.Volunteering, new DateOnly(2025, 3, 8), deleted.Id);
    }

    [Fact]
    public async Task The_export_writes_the_periods_logbook_in_the_import_format()
    {
        await AddLogbookAsync();
        var amina = _amina.Id.ToString();

        var text = await ExportAsync(_database, FirstFourMonths);

        Assert.Equal(string.Join("\r\n",
            "dato;medarbejder;aktivitet;beboer_id;navn;foedselsdato;boligafdeling;registrering;resultat;antal;note",
            $"2025-02-10;ahha@boligsocialt.dk;UBMJ;{amina};Amina Hussein;1990-04-12;Granparken;Conversation;;;\"Talte om CV; \"\"vigtigt\"\"\nNæste gang: ansøgning\"",
            "2025-03-06;ahha@boligsocialt.dk;MOF24;;;;;Event;;25;Fællesspisning",
            "2025-03-07;Karim Yousef;KFN24;" + _leyla.Id + ";Leyla Khan;2001-01-30;Korsløkkeparken E;Conversation;;;",
            $"2025-03-08;ahha@boligsocialt.dk;UBMJ;{amina};Amina Hussein;1990-04-12;Solbakken;FollowUp;Volunteering;;",
            $"2025-03-12;Sofie Nielsen;UBMJ;{amina};Amina Hussein;1990-04-12;Solbakken;GroupSession;;;CV-værksted",
            "2025-03-12;Sofie Nielsen;UBMJ;F-1;Fatima Omar;1978-11-03;Hybenhaven;GroupSession;Internship;;CV-værksted",
            "2025-03-12;Sofie Nielsen;UBMJ;" + _leyla.Id + ";Leyla Khan;2001-01-30;Korsløkkeparken E;GroupSession;OrdinaryJob;;CV-værksted",
            $"2025-04-10;Sofie Nielsen;UBMJ;{amina};Amina Hussein;1990-04-12;Solbakken;FollowUp;WageSubsidyJob;;",
            ""), text);
    }

    [Fact]
    public async Task Each_exported_entry_and_resident_is_an_audited_read()
    {
        await AddLogbookAsync();
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        await ExportAsync(_database, FirstFourMonths);

        var audit = await Scenario.AuditSinceAsync(_database, lastAudit);
        Assert.All(audit, a => Assert.Equal((AuditAction.Read, "test-export"), (a.Action, a.Actor)));
        Assert.Equal(4, audit.Count(a => a.EntityType == nameof(LogbookEntry)));
        Assert.Equal([_amina.Id.ToString(), _fatima.Id.ToString(), _leyla.Id.ToString()],
            audit.Where(a => a.EntityType == nameof(Resident)).Select(a => a.EntityId).Order());
    }

    [Fact]
    public async Task A_leader_exports_the_logbook_of_their_teams_activities_and_one_activity_can_be_asked_for()
    {
        await AddLogbookAsync();
        var leader = await ExportAsync(_database, FirstFourMonths, _leader);
        var lines = leader.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        // Team 1's UBMJ only: not Team 2's KFN24 and MOF24.
        Assert.Equal(6, lines.Length);
        Assert.All(lines, l => Assert.Contains(";UBMJ;", l));

        var onlyEvents = await ExportAsync(_database, FirstFourMonths with { ActivityCode = " mof24 " });
        Assert.Equal(["2025-03-06;ahha@boligsocialt.dk;MOF24;;;;;Event;;25;Fællesspisning"], onlyEvents.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..]);
        Assert.Equal("logbog-2025-01-01-2025-04-30-MOF24.csv", LogbookExport.FileName(FirstFourMonths with { ActivityCode = " mof24 " }));
    }

    [Theory]
    [InlineData("2025-05-01", "2025-04-30", null, "Perioden skal begynde før eller på den dag, den slutter.")]
    [InlineData("2025-01-01", "2025-04-30", "XYZ", "Ukendt aktivitet 'XYZ'. Forventet en aktivitetskode fra kataloget, fx BMJ.")]
    public async Task A_reversed_period_and_an_unknown_activity_are_refused_in_Danish_before_anything_is_written(string from, string to, string? activity, string message)
    {
        await using var db = _database.CreateDbContext();
        var output = new MemoryStream();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            LogbookExport.WriteAsync(db, null, new LogbookExportRequest(DateOnly.Parse(from), DateOnly.Parse(to), activity), output, "test"));

        Assert.Equal(message, refused.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task An_empty_line_keeps_apart_two_entries_an_import_would_otherwise_join()
    {
        var day = new DateOnly(2025, 3, 20);
        await AddEntryAsync(_ahmed.Id, "UBMJ", [_amina.Id], day);
        await AddEntryAsync(_ahmed.Id, "UBMJ", [_fatima.Id], day);
        await AddEntryAsync(_ahmed.Id, "UBMJ", [_leyla.Id], day, LogbookEntryKind.PhoneCall);

        var text = await ExportAsync(_database, FirstFourMonths);

        // The two conversations (in the order of their ids), an empty line between them, then the phone call.
        var names = text.Split("\r\n")[1..^1].Select(l => l.Length == 0 ? "" : l.Split(';')[4]).ToList();
        Assert.Equal(4, names.Count);
        Assert.Equal(("", "Leyla Khan"), (names[1], names[3]));
        Assert.Equal(["Amina Hussein", "Fatima Omar"], new[] { names[0], names[2] }.Order());
        await using var empty = await TestDatabase.CreateAsync();
        var imported = await LogbookFiles.ImportAsync(empty, text);
        Assert.Equal(3, imported.Summary!.Entries);
    }

    /// <summary>
    /// The demo data (a year of logbook, cases with outcomes, group sessions, events, merged residents) exported whole and
    /// imported into an empty database: the same entries (per kind and activity, with their residents by legacy id, head
    /// counts and notes) and the same outcomes with their areas. Outcomes with no entry line to go on come back as the
    /// follow-up entries the export wrote for them, and nothing else is added.
    /// </summary>
    [Fact]
    public async Task Export_then_import_into_an_empty_database_gives_the_same_logbook()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using (var db = source.CreateDbContext())
            await DemoData.SeedAsync(db, TimeProvider.System);
        var everything = new LogbookExportRequest(new DateOnly(2000, 1, 1), DateOnly.FromDateTime(DateTime.Today));
        LogbookExportSummary exported;
        var file = new MemoryStream();
        await using (var db = source.CreateDbContext())
            exported = await LogbookExport.WriteAsync(db, null, everything, file, "test");

        await using var target = await TestDatabase.CreateAsync();
        LogbookImportResult imported;
        await using (var db = target.CreateDbContext())
            imported = await LogbookImport.RunAsync(db, new MemoryStream(file.ToArray()), "test", save: true, DateTimeOffset.Now);

        Assert.True(imported.Succeeded, string.Join(Environment.NewLine, imported.Errors.Take(20)));
        Assert.Equal(exported.Entries + exported.OutcomeLines, imported.Summary!.Entries);
        var before = await EntriesAsync(source, legacy: false);
        var after = await EntriesAsync(target, legacy: true);
        Assert.True(before.Count > 100, "the demo data has a logbook");
        Assert.Contains(before, e => e.ResidentCount > 1);
        Assert.Contains(before, e => e.HeadCount is not null);
        var added = Minus(after, before);
        Assert.Empty(Minus(before, after));
        Assert.Equal(exported.OutcomeLines, added.Count);
        Assert.All(added, e => Assert.Equal((LogbookEntryKind.FollowUp, 1, (int?)null, (string?)null), (e.Kind, e.ResidentCount, e.HeadCount, e.Note)));
        Assert.Equal((await OutcomesAsync(source, legacy: false)).Order(), (await OutcomesAsync(target, legacy: true)).Order());
        Assert.Equal(exported.Outcomes, (await OutcomesAsync(target, legacy: true)).Count);
    }

    private sealed record EntryFacts(DateOnly Date, string Staff, string Activity, LogbookEntryKind Kind, int? HeadCount, string? Note, string Residents)
    {
        public int ResidentCount => Residents.Length == 0 ? 0 : Residents.Split(',').Length;
    }

    private static List<EntryFacts> Minus(List<EntryFacts> all, List<EntryFacts> remove)
    {
        var left = all.ToList();
        foreach (var entry in remove) left.Remove(entry);
        return left;
    }

    /// <summary>
    /// Every entry as its facts. The staff member as the export names them (in the source: e-mail, else name; imported,
    /// the inactive record is named so); residents by their id in the old logbook (in the source: legacy id, else id).
    /// </summary>
    private static async Task<List<EntryFacts>> EntriesAsync(TestDatabase database, bool legacy)
    {
        await using var db = database.CreateDbContext();
        var staff = await db.StaffMembers.ToDictionaryAsync(s => s.Id, s => legacy ? s.Name : s.Email ?? s.Name);
        var activities = await db.Activities.ToDictionaryAsync(a => a.Id, a => a.Code);
        var residents = await db.Residents.ToDictionaryAsync(r => r.Id, r => legacy ? r.LegacyId! : r.LegacyId ?? r.Id.ToString());
        var entries = await db.LogbookEntries.AsNoTracking().ToListAsync();
        return entries.Select(e => new EntryFacts(e.Date, staff[e.StaffMemberId], activities[e.ActivityId], e.Kind, e.HeadCount, e.Note,
            string.Join(",", e.Participants.Select(p => residents[p.ResidentId]).Order()))).ToList();
    }

    private static async Task<List<string>> OutcomesAsync(TestDatabase database, bool legacy)
    {
        await using var db = database.CreateDbContext();
        var residents = await db.Residents.ToDictionaryAsync(r => r.Id, r => legacy ? r.LegacyId! : r.LegacyId ?? r.Id.ToString());
        var areas = await db.HousingAreas.ToDictionaryAsync(a => a.Id, a => a.Code);
        var activities = await db.Activities.ToDictionaryAsync(a => a.Id, a => a.Code);
        return (await db.Outcomes.AsNoTracking().ToListAsync())
            .Select(o => $"{o.AchievedOn:yyyy-MM-dd} {residents[o.ResidentId]} {activities[o.ActivityId]} {o.Kind} {areas[o.HousingAreaId]}").ToList();
    }
}
