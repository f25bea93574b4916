using System.Text;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>Logbook files for the tests: the header and lines of docs/IMPORT_FORMAT.md.</summary>
internal static class LogbookFiles
{
    public const string Header = "dato;medarbejder;aktivitet;beboer_id;navn;foedselsdato;boligafdeling;registrering;resultat;antal;note";

    /// <summary>"Today" of the import tests: dates after it are in the future.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 30, 12, 0, 0, TimeSpan.Zero);

    public static string File(params string[] lines) => string.Join("\r\n", [Header, .. lines]) + "\r\n";

    public static MemoryStream Stream(string text, bool bom = false) =>
        new([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]);

    /// <summary>A line of a conversation with a resident; the fields after the resident can be replaced.</summary>
    public static string Line(string date = "2025-03-10", string staff = "Ahmed Hassan", string activity = "UBMJ", string residentId = "17",
        string name = "Amina Hussein", string birthDate = "1990-04-12", string department = "Granparken", string kind = "Samtale",
        string result = "", string headCount = "", string note = "") =>
        string.Join(';', date, staff, activity, residentId, name, birthDate, department, kind, result, headCount, note);

    /// <summary>A line of an event with an anonymous head count.</summary>
    public static string Event(string date = "2025-03-12", string staff = "Ahmed Hassan", string activity = "MOF24", string headCount = "25", string note = "Fællesspisning") =>
        string.Join(';', date, staff, activity, "", "", "", "", "Arrangement", "", headCount, note);

    public static async Task<LogbookImportResult> ImportAsync(TestDatabase database, string text, bool save = true, bool bom = false, string actor = "test-import")
    {
        await using var db = database.CreateDbContext();
        return await LogbookImport.RunAsync(db, Stream(text, bom), actor, save, Now);
    }

    /// <summary>Every table's row count, by the database's own list of tables.</summary>
    public static async Task<Dictionary<string, long>> RowCountsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var tables = await db.Database.SqlQueryRaw<string>(database.Provider == DatabaseProvider.Postgres
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name AS Value FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToListAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables) counts[table] = await Scenario.CountRowsAsync(database, table);
        return counts;
    }
}

/// <summary>
/// The import of a legacy logbook (docs/IMPORT_FORMAT.md) on a real SQLite database: what a good file adds, every
/// kind of bad line and bad file with its Danish message, all or nothing, idempotence, residents, staff and outcomes.
/// </summary>
public sealed class LogbookImportTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private StaffMember _ahmed = null!;
    private StaffMember _sofie = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateDbContext();
        var team = await db.Teams.SingleAsync(t => t.Code == "Team1");
        _ahmed = new StaffMember("Ahmed Hassan", "ahha@boligsocialt.dk", StaffRoles.Mentor, team.Id);
        _sofie = new StaffMember("Sofie Nielsen", "sofie.nielsen@boligsocialt.dk", StaffRoles.Mentor, team.Id);
        db.StaffMembers.AddRange(_ahmed, _sofie);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<LogbookImportResult> ImportAsync(string text, bool save = true, bool bom = false) =>
        LogbookFiles.ImportAsync(_database, text, save, bom);

    private static LogbookImportSummary Succeeded(LogbookImportResult result)
    {
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Summary!;
    }

    /// <summary>The summary's figures: lines, entries, residents new and matched, moves, outcomes, staff created, lines skipped.</summary>
    private static (int, int, int, int, int, int, int, int) Figures(LogbookImportSummary s) =>
        (s.Lines, s.Entries, s.ResidentsNew, s.ResidentsMatched, s.Moves, s.Outcomes, s.StaffCreated.Count, s.LinesAlreadyImported);

    private async Task<List<LogbookEntry>> EntriesAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.LogbookEntries.AsNoTracking().OrderBy(e => e.Date).ThenBy(e => e.Id).ToListAsync();
    }

    private async Task<Resident> ResidentAsync(string legacyId)
    {
        await using var db = _database.CreateDbContext();
        return await db.Residents.AsNoTracking().SingleAsync(r => r.LegacyId == legacyId);
    }

    private async Task<int> DepartmentAsync(string name)
    {
        await using var db = _database.CreateDbContext();
        return await db.Departments.Where(d => d.Name == name).Select(d => d.Id).SingleAsync();
    }

    private async Task<int> ActivityAsync(string code)
    {
        await using var db = _database.CreateDbContext();
        return await db.Activities.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    [Fact]
    public async Task A_good_file_adds_its_entries_residents_and_outcomes_and_says_so()
    {
        var summary = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(),
            LogbookFiles.Line(date: "17-04-2025", staff: "ahha", kind: "Opfølgning", result: "Ordinært arbejde", note: "Fik job i Netto"),
            LogbookFiles.Event(),
            LogbookFiles.Line(residentId: "18", name: "Fatima Omar", birthDate: "03-11-1978", department: "Hybenhaven", staff: "SOFIE.NIELSEN@boligsocialt.dk",
                activity: "  ubmj ", kind: " threepartymeeting ", result: "internship"))));

        Assert.Equal((4, 4, 2, 0, 0, 2, 0, 0), Figures(summary));
        Assert.True(summary.Saved);
        var entries = await EntriesAsync();
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal(64, e.ImportKey!.Length));
        Assert.Equal(entries.Count, entries.Select(e => e.ImportKey).Distinct().Count());
        var amina = await ResidentAsync("17");
        var fatima = await ResidentAsync("18");
        Assert.Equal(("Amina Hussein", new DateOnly(1990, 4, 12)), (amina.Name, amina.BirthDate));
        Assert.Equal(("Fatima Omar", new DateOnly(1978, 11, 3)), (fatima.Name, fatima.BirthDate));
        Assert.Null(amina.CreatedById);
        Assert.Null(amina.RegistrationConsent);

        var ubmj = await ActivityAsync("UBMJ");
        var conversation = entries.Single(e => e.Kind == LogbookEntryKind.Conversation);
        Assert.Equal((new DateOnly(2025, 3, 10), _ahmed.Id, ubmj, LogbookEntryKind.Conversation, (int?)null, (string?)null),
            (conversation.Date, conversation.StaffMemberId, conversation.ActivityId, conversation.Kind, conversation.HeadCount, conversation.Note));
        Assert.Equal([amina.Id], conversation.Participants.Select(p => p.ResidentId));
        var meeting = entries.Single(e => e.Kind == LogbookEntryKind.ThreePartyMeeting);
        Assert.Equal((_sofie.Id, ubmj, fatima.Id), (meeting.StaffMemberId, meeting.ActivityId, meeting.Participants.Single().ResidentId));
        var followUp = entries.Single(e => e.Kind == LogbookEntryKind.FollowUp);
        Assert.Equal((new DateOnly(2025, 4, 17), _ahmed.Id, "Fik job i Netto"), (followUp.Date, followUp.StaffMemberId, followUp.Note));
        var evt = entries.Single(e => e.Kind == LogbookEntryKind.Event);
        Assert.Equal((await ActivityAsync("MOF24"), (int?)25, "Fællesspisning"), (evt.ActivityId, evt.HeadCount, evt.Note));
        Assert.Empty(evt.Participants);
    }

    [Fact]
    public async Task A_preview_says_what_the_import_would_add_and_saves_nothing()
    {
        var file = LogbookFiles.File(LogbookFiles.Line(), LogbookFiles.Line(staff: "Ukendt Medarbejder", result: "OrdinaryJob"), LogbookFiles.Event());
        var before = await LogbookFiles.RowCountsAsync(_database);

        var preview = Succeeded(await ImportAsync(file, save: false));

        Assert.False(preview.Saved);
        Assert.Equal(before, await LogbookFiles.RowCountsAsync(_database));
        var saved = Succeeded(await ImportAsync(file));
        Assert.True(saved.Saved);
        Assert.Equal(Figures(preview), Figures(saved));
        Assert.Equal(preview.StaffCreated, saved.StaffCreated);
        Assert.Equal((3, 1, 1, 1), (preview.Entries, preview.ResidentsNew, preview.Outcomes, preview.StaffCreated.Count));
    }

    public static TheoryData<string, string?, string> BadLines => new()
    {
        { LogbookFiles.Line(date: "2025/03/10"), "dato", "'2025/03/10' er ikke en dato. Forventet åååå-mm-dd (fx 2023-04-17) eller dd-mm-åååå (fx 17-04-2023)." },
        { LogbookFiles.Line(date: "31-02-2023"), "dato", "Datoen 31-02-2023 findes ikke: februar 2023 har 28 dage." },
        { LogbookFiles.Line(date: "2024-13-01"), "dato", "Datoen 2024-13-01 findes ikke: der er ingen måned 13." },
        { LogbookFiles.Line(date: "2025-07-01"), "dato", "Datoen 2025-07-01 ligger i fremtiden (i dag er 30-06-2025)." },
        { LogbookFiles.Line(date: ""), "dato", "Datoen mangler. Forventet en dato som åååå-mm-dd eller dd-mm-åååå." },
        { LogbookFiles.Line(staff: ""), "medarbejder", "Medarbejderen mangler. Forventet et login, en e-mail eller det fulde navn." },
        { LogbookFiles.Line(activity: "XYZ"), "aktivitet", "Ukendt aktivitet 'XYZ'. Forventet en kode fra kataloget (fx BMJ, UBMJ) eller aktivitetens præcise navn." },
        { LogbookFiles.Line(activity: ""), "aktivitet", "Aktiviteten mangler. Forventet aktivitetens kode (fx BMJ) eller dens præcise navn." },
        { LogbookFiles.Line(department: "Bøgeparkn"), "boligafdeling", "Ukendt boligafdeling 'Bøgeparkn'. Forventet det præcise navn på en afdeling, fx Granparken, Lærkeparken, Fyrreparken." },
        { LogbookFiles.Line(kind: "Kaffe"), "registrering", "Ukendt registrering 'Kaffe'. Forventet en af: Samtale, 3-partssamtale, Netværksmøde, Opfølgning, Gruppeforløb (gang), Opsøgende kontakt, Arrangement, Samarbejdsmøde, Telefonopfølgning (eller koden, fx Conversation)." },
        { LogbookFiles.Line(kind: ""), "registrering", "Registreringen mangler. Forventet en af: Samtale, 3-partssamtale, Netværksmøde, Opfølgning, Gruppeforløb (gang), Opsøgende kontakt, Arrangement, Samarbejdsmøde, Telefonopfølgning." },
        { LogbookFiles.Line(result: "Lottogevinst"), "resultat", "Ukendt resultat 'Lottogevinst'. Forventet en af: Praktikplads, Løntilskud, Ordinært arbejde, Påbegyndt uddannelse, Fritidsjob, Frivilligt arbejde (eller koden, fx Internship)." },
        { string.Join(';', "2025-03-10", "Ahmed Hassan", "UBMJ", "", "", "", "", "Samtale", "Praktikplads", "3", ""), "resultat", "'resultat' er udfyldt, men 'beboer_id' er tom. Et resultat hører til en beboer: udfyld 'beboer_id' eller tøm feltet." },
        { string.Join(';', "2025-03-10", "Ahmed Hassan", "UBMJ", "", "Amina Hussein", "", "", "Samtale", "", "3", ""), "navn", "'navn' er udfyldt, men 'beboer_id' er tom. Beboeroplysninger hører til et beboer-id: udfyld 'beboer_id' eller tøm feltet." },
        { LogbookFiles.Line(name: ""), "navn", "Beboerens navn mangler. Det skal udfyldes, når 'beboer_id' er udfyldt." },
        { LogbookFiles.Line(birthDate: ""), "foedselsdato", "Fødselsdatoen mangler. Den skal udfyldes, når 'beboer_id' er udfyldt (åååå-mm-dd eller dd-mm-åååå)." },
        { LogbookFiles.Line(birthDate: "2026-01-01"), "foedselsdato", "Fødselsdatoen 2026-01-01 ligger i fremtiden (i dag er 30-06-2025)." },
        { LogbookFiles.Line(birthDate: "1900-01-01"), "foedselsdato", "Fødselsdatoen 01-01-1900 er mere end 120 år tilbage." },
        { LogbookFiles.Line(department: ""), "boligafdeling", "Boligafdelingen mangler. Den skal udfyldes, når 'beboer_id' er udfyldt (fx Granparken)." },
        { LogbookFiles.Line(residentId: "", name: "", birthDate: "", department: ""), "antal", "Linjen har hverken 'beboer_id' eller 'antal'. Forventet en beboer eller et antal deltagere (1-10000)." },
        { LogbookFiles.Event(headCount: "mange"), "antal", "'mange' er ikke et gyldigt antal. Forventet et helt tal fra 1 til 10000." },
        { LogbookFiles.Event(headCount: "0"), "antal", "'0' er ikke et gyldigt antal. Forventet et helt tal fra 1 til 10000." },
        { LogbookFiles.Event(headCount: "10001"), "antal", "'10001' er ikke et gyldigt antal. Forventet et helt tal fra 1 til 10000." },
        { LogbookFiles.Line(note: new string('x', 1001)), "note", "Noten er 1001 tegn lang; højst 1000 tegn." },
        { LogbookFiles.Line(name: new string('x', 101)), "navn", "Navnet er 101 tegn langt; højst 100 tegn." },
        { LogbookFiles.Line(residentId: new string('7', 101)), "beboer_id", "Beboer-id'et er 101 tegn langt; højst 100 tegn." },
        { LogbookFiles.Line(staff: new string('x', 101)), "medarbejder", "Medarbejderen 'xxxxxxxxxxxxxxxxxxxx…' findes ikke, og navnet er for langt til at oprette en medarbejder (højst 100 tegn)." },
        { LogbookFiles.Line() + ";ekstra", null, "For mange felter: linjen har 12 felter, men overskriften har 11 kolonner. Et felt, der indeholder ';', skal stå i anførselstegn (\")." },
        { "2025-03-10;Ahmed Hassan;UBMJ;17;Amina Hussein;1990-04-12;Granparken;Samtale", null, "For få felter: linjen har 8 felter, men overskriften har 11 kolonner." },
        { LogbookFiles.Line(note: "\"Sagde \"nej\" til tilbuddet\""), null, "Felt nr. 11 har tekst efter sit afsluttende anførselstegn. Et \" inde i et felt i anførselstegn skal skrives som \"\"." },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_bad_line_is_reported_with_its_line_its_column_and_what_was_expected_and_nothing_is_saved(string line, string? column, string message)
    {
        var before = await LogbookFiles.RowCountsAsync(_database);

        var result = await ImportAsync(LogbookFiles.File(LogbookFiles.Line(residentId: "1"), line, LogbookFiles.Event()));

        var error = Assert.Single(result.Errors);
        Assert.Equal(new LogbookImportError(3, column, message), error);
        Assert.Null(result.Summary);
        Assert.Equal(before, await LogbookFiles.RowCountsAsync(_database));
    }

    [Fact]
    public async Task A_quote_that_never_closes_is_reported_at_the_line_where_its_record_starts()
    {
        var result = await ImportAsync(LogbookFiles.File(LogbookFiles.Line(), LogbookFiles.Line(note: "\"Begyndte her"), LogbookFiles.Event()));

        Assert.Equal(new LogbookImportError(3, null,
            "Felt nr. 11 begynder med et anførselstegn, der aldrig lukkes: resten af filen er læst som en del af feltet. Luk feltet med \"."),
            Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Every_bad_line_is_listed_by_the_line_its_record_starts_on()
    {
        var result = await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(note: "\"To linjer;\r\nmed semikolon og \"\"citat\"\"\""),
            LogbookFiles.Line(activity: "XYZ", department: "Ingensteds"),
            LogbookFiles.Event(),
            LogbookFiles.Line(date: "30-02-2024")));

        Assert.Equal(
        [
            new LogbookImportError(4, "aktivitet", "Ukendt aktivitet 'XYZ'. Forventet en kode fra kataloget (fx BMJ, UBMJ) eller aktivitetens præcise navn."),
            new LogbookImportError(4, "boligafdeling", "Ukendt boligafdeling 'Ingensteds'. Forventet det præcise navn på en afdeling, fx Granparken, Lærkeparken, Fyrreparken."),
            new LogbookImportError(6, "dato", "Datoen 30-02-2024 findes ikke: februar 2024 har 29 dage."),
        ], result.Errors);
        Assert.Equal("Linje 4, kolonne aktivitet: Ukendt aktivitet 'XYZ'. Forventet en kode fra kataloget (fx BMJ, UBMJ) eller aktivitetens præcise navn.",
            result.Errors[0].ToString());
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_is_refused_with_its_own_message()
    {
        // "Bøgeparken" as Windows-1252 writes it: ø is the single byte 0xF8.
        var latin1 = Encoding.UTF8.GetBytes(LogbookFiles.File(LogbookFiles.Line(department: "B#geparken"))).Select(b => b == (byte)'#' ? (byte)0xF8 : b).ToArray();
        await using var db = _database.CreateDbContext();

        var result = await LogbookImport.RunAsync(db, new MemoryStream(latin1), "test", save: true, LogbookFiles.Now);

        Assert.Equal(new LogbookImportError(null, null, "Filen er ikke UTF-8-tekst. Gem den i Excel som \"CSV UTF-8 (kommasepareret) (*.csv)\", og prøv igen."),
            Assert.Single(result.Errors));
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task A_spreadsheet_chosen_instead_of_its_CSV_is_not_text()
    {
        // An .xlsx file is a zip archive: its first bytes are valid UTF-8, but binary.
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00 };
        await using var db = _database.CreateDbContext();

        var result = await LogbookImport.RunAsync(db, new MemoryStream(zip), "test", save: true, LogbookFiles.Now);

        Assert.Equal(LegacyLogbookReader.NotUtf8Message, Assert.Single(result.Errors).Message);
    }

    [Theory]
    [InlineData("", "Filen er tom. Den skal have en overskriftslinje og mindst én linje at importere.")]
    [InlineData("\uFEFF", "Filen er tom. Den skal have en overskriftslinje og mindst én linje at importere.")]
    [InlineData("\r\n  \r\n", "Filen er tom. Den skal have en overskriftslinje og mindst én linje at importere.")]
    [InlineData(LogbookFiles.Header, "Filen har kun overskriftslinjen: der er ingen linjer at importere.")]
    [InlineData(LogbookFiles.Header + "\r\n\r\n;;;;;;;;;;\r\n", "Filen har kun overskriftslinjen: der er ingen linjer at importere.")]
    public async Task An_empty_file_and_a_file_with_only_its_header_are_refused(string text, string message)
    {
        var result = await ImportAsync(text);

        Assert.Equal(new LogbookImportError(null, null, message), Assert.Single(result.Errors));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_a_byte_of_it_is_read()
    {
        var file = new UnreadableStream(200L * 1024 * 1024);
        await using var db = _database.CreateDbContext();

        var result = await LogbookImport.RunAsync(db, file, "test", save: true, LogbookFiles.Now);

        Assert.Equal(new LogbookImportError(null, null, "Filen er for stor (200,0 MB). Den må højst være 100 MB: del logbogen i flere filer."),
            Assert.Single(result.Errors));
        Assert.False(file.WasRead);
    }

    /// <summary>A stream that says how long it is and records any attempt to read it.</summary>
    private sealed class UnreadableStream(long length) : Stream
    {
        public bool WasRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count) => throw Refuse();
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw Refuse();
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw Refuse();
        private InvalidOperationException Refuse()
        {
            WasRead = true;
            return new InvalidOperationException("read");
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    public static TheoryData<string, LogbookImportError[]> BadHeaders => new()
    {
        { "dato;medarbejder;aktivitet;registrering;antal;farve", [new(1, "farve", "Ukendt kolonne 'farve'. Forventet et af navnene dato, medarbejder, aktivitet, beboer_id, navn, foedselsdato, boligafdeling, registrering, resultat, antal, note.")] },
        { "dato;medarbejder;registrering;antal", [new(1, "aktivitet", "Kolonnen 'aktivitet' mangler i overskriften. Den skal altid være med.")] },
        { "dato;medarbejder;aktivitet;registrering;antal;Dato", [new(1, "dato", "Kolonnen 'dato' står mere end én gang i overskriften.")] },
        { "dato;medarbejder;aktivitet;registrering;antal;", [new(1, null, "Kolonne nr. 6 i overskriften har intet navn. Forventet et af navnene dato, medarbejder, aktivitet, beboer_id, navn, foedselsdato, boligafdeling, registrering, resultat, antal, note; slet tomme kolonner.")] },
        { "dato;medarbejder;aktivitet;registrering;beboer_id;navn", [
            new(1, "foedselsdato", "Kolonnen 'foedselsdato' mangler i overskriften. Den skal være med, når filen har kolonnen 'beboer_id'."),
            new(1, "boligafdeling", "Kolonnen 'boligafdeling' mangler i overskriften. Den skal være med, når filen har kolonnen 'beboer_id'.")] },
        { "dato;medarbejder;aktivitet;registrering;note", [new(1, null, "Overskriften skal have kolonnen 'beboer_id' (indførsler om beboere) eller 'antal' (antal deltagere uden navne), eller begge.")] },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_bad_header_is_reported_column_by_column(string header, LogbookImportError[] errors)
    {
        var result = await ImportAsync(header + "\r\n2025-03-10;Ahmed Hassan;UBMJ;Samtale;3;x\r\n");

        Assert.Equal(errors, result.Errors);
    }

    [Fact]
    public async Task Header_names_are_read_in_any_order_in_any_case_with_spaces_around_and_a_comma_header_means_commas()
    {
        var summary = Succeeded(await ImportAsync(
            " NOTE , Antal,Registrering, aktivitet ,MEDARBEJDER,Dato\n" +
            "\"Møde, med kaffe\",12,Arrangement,MOF24,Ahmed Hassan,2025-03-12\n" +
            "\"Sagde \"\"hej\"\"\n og gik\",3,Opsøgende kontakt,MOF24,ahha@boligsocialt.dk,12-03-2025\n", bom: true));

        Assert.Equal(2, summary.Entries);
        var entries = await EntriesAsync();
        Assert.Equal(["Møde, med kaffe", "Sagde \"hej\"\n og gik"], entries.Select(e => e.Note!).Order());
        Assert.All(entries, e => Assert.Equal(_ahmed.Id, e.StaffMemberId));
    }

    [Fact]
    public async Task A_file_with_a_BOM_and_lines_ending_in_LF_imports_as_one_with_CRLF()
    {
        var summary = Succeeded(await ImportAsync(LogbookFiles.File(LogbookFiles.Line(), LogbookFiles.Event()).Replace("\r\n", "\n"), bom: true));

        Assert.Equal(2, summary.Entries);
    }

    [Fact]
    public async Task An_activity_is_found_by_its_exact_name_and_a_name_of_two_plans_by_the_plan_in_force_on_the_date()
    {
        Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(activity: "uddannelses- og beskæftigelsesmentorforløb for jobparate"),
            LogbookFiles.Line(date: "2023-05-02", activity: "Fritidsjobrådgivning"),
            LogbookFiles.Line(date: "2025-05-02", activity: "Fritidsjobrådgivning"))));

        var entries = await EntriesAsync();
        Assert.Equal([await ActivityAsync("FJR"), await ActivityAsync("UBMJ"), await ActivityAsync("FJR24")], entries.Select(e => e.ActivityId));
    }

    [Fact]
    public async Task A_name_of_two_plans_on_a_date_outside_both_asks_for_the_code()
    {
        var result = await ImportAsync(LogbookFiles.File(LogbookFiles.Line(date: "2019-05-02", activity: "Fritidsjobrådgivning")));

        Assert.Equal(new LogbookImportError(2, "aktivitet", "Aktiviteten 'Fritidsjobrådgivning' findes i flere helhedsplaner, og datoen afgør ikke hvilken. Brug koden: FJR eller FJR24."),
            Assert.Single(result.Errors));
    }

    [Fact]
    public async Task A_bad_last_line_of_ten_thousand_leaves_every_table_as_it_was()
    {
        var lines = Enumerable.Range(0, 9_999).Select(i => i % 3 == 0
            ? LogbookFiles.Event(date: new DateOnly(2025, 1, 1).AddDays(i % 170).ToString("yyyy-MM-dd"), note: $"Arrangement {i}")
            : LogbookFiles.Line(date: new DateOnly(2025, 1, 1).AddDays(i % 170).ToString("yyyy-MM-dd"), residentId: $"R{i % 700}", name: $"Beboer {i % 700}",
                staff: i % 5 == 0 ? "Ny Kollega" : "Ahmed Hassan", result: i % 50 == 1 ? "OrdinaryJob" : "", note: $"Samtale {i}"))
            .Append(LogbookFiles.Line(activity: "Findes ikke")).ToArray();
        var before = await LogbookFiles.RowCountsAsync(_database);

        var result = await ImportAsync(LogbookFiles.File(lines));

        Assert.Equal(new LogbookImportError(10_001, "aktivitet", "Ukendt aktivitet 'Findes ikke'. Forventet en kode fra kataloget (fx BMJ, UBMJ) eller aktivitetens præcise navn."),
            Assert.Single(result.Errors));
        Assert.Equal(before, await LogbookFiles.RowCountsAsync(_database));
        // Without the bad line, the same file adds everything: the check above did not pass for want of rows.
        var summary = Succeeded(await ImportAsync(LogbookFiles.File(lines[..^1])));
        Assert.Equal((9_999, 700), (summary.Entries, summary.ResidentsNew));
        Assert.Equal(["Ny Kollega"], summary.StaffCreated);
        Assert.NotEqual(before, await LogbookFiles.RowCountsAsync(_database));
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        var file = LogbookFiles.File(LogbookFiles.Line(), LogbookFiles.Line(), LogbookFiles.Line(staff: "Ny Kollega", result: "Praktikplads"), LogbookFiles.Event());
        Succeeded(await ImportAsync(file));
        var after = await LogbookFiles.RowCountsAsync(_database);

        var again = Succeeded(await ImportAsync(file));

        Assert.Equal((4, 0, 0, 0, 0, 0, 0, 4), Figures(again));
        after.Remove("AuditEntries");
        var now = await LogbookFiles.RowCountsAsync(_database);
        now.Remove("AuditEntries");
        Assert.Equal(after, now);
    }

    [Fact]
    public async Task A_later_export_of_the_same_old_logbook_adds_only_its_new_lines()
    {
        string[] first = [LogbookFiles.Line(), LogbookFiles.Line(date: "2025-03-11"), LogbookFiles.Event(), LogbookFiles.Line(residentId: "18", name: "Fatima Omar")];
        Succeeded(await ImportAsync(LogbookFiles.File(first)));

        // The old logbook a month later: the same lines, some spelt otherwise, and three new ones, one of them
        // identical to an old line (a second conversation that day).
        var later = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(date: "10-03-2025"),
            LogbookFiles.Line(date: "2025-03-11", kind: "Conversation"),
            LogbookFiles.Event(),
            LogbookFiles.Line(residentId: "18", name: "Fatima Omar", staff: "ahha", activity: "ubmj"),
            LogbookFiles.Line(date: "2025-04-02", result: "Løntilskud"),
            LogbookFiles.Line(),
            LogbookFiles.Event(date: "2025-04-03"))));

        Assert.Equal((7, 3, 0, 1, 0, 1, 0, 4), Figures(later));
        Assert.Equal(7, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task An_imported_entry_deleted_since_is_not_imported_again()
    {
        Succeeded(await ImportAsync(LogbookFiles.File(LogbookFiles.Line())));
        await using (var db = _database.CreateDbContext())
        {
            var entry = await db.LogbookEntries.SingleAsync();
            entry.Delete("Forkert registreret", _ahmed.Id, DateTimeOffset.UtcNow);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        var again = Succeeded(await ImportAsync(LogbookFiles.File(LogbookFiles.Line())));

        Assert.Equal((0, 1), (again.Entries, again.LinesAlreadyImported));
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task A_known_resident_is_matched_on_the_old_logbooks_id_and_a_merged_record_by_its_survivor()
    {
        var survivor = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        var duplicate = await Scenario.AddResidentAsync(_database, "Amina Husein");
        await using (var db = _database.CreateDbContext())
        {
            var s = await db.Residents.SingleAsync(r => r.Id == survivor.Id);
            var d = await db.Residents.SingleAsync(r => r.Id == duplicate.Id);
            s.LinkLegacyId("A-1");
            d.LinkLegacyId("17");
            ResidentMerger.Merge(s, d, [], new ResidentRecords([], [], [], [], []));
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        var summary = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(name: "Amina Husein", result: "OrdinaryJob"),
            LogbookFiles.Line(residentId: "A-1", date: "2025-03-11"))));

        Assert.Equal((0, 1, 2), (summary.ResidentsNew, summary.ResidentsMatched, summary.Entries));
        var entries = await EntriesAsync();
        Assert.All(entries, e => Assert.Equal([survivor.Id], e.Participants.Select(p => p.ResidentId)));
        await using var check = _database.CreateDbContext();
        Assert.Equal(survivor.Id, (await check.Outcomes.SingleAsync()).ResidentId);
        Assert.Equal(2, await check.Residents.CountAsync());
        // Participants written by the import join the residents saved by EF Core: the ids are stored alike.
        Assert.Equal(2, await check.LogbookEntries.CountAsync(e => e.Participants.Any(p => p.ResidentId == survivor.Id)));
    }

    [Fact]
    public async Task Staff_are_found_by_email_login_or_full_name_and_an_unknown_one_becomes_one_inactive_record_listed_in_the_summary()
    {
        var summary = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(staff: "AHHA@boligsocialt.dk"),
            LogbookFiles.Line(staff: "sofie.nielsen", date: "2025-03-11"),
            LogbookFiles.Line(staff: "sofie nielsen", date: "2025-03-12"),
            LogbookFiles.Line(staff: "Mette Tidligere", date: "2025-03-13"),
            LogbookFiles.Line(staff: "mette tidligere", date: "2025-03-14"),
            LogbookFiles.Event(staff: "Jens Vikar"))));

        Assert.Equal(["Mette Tidligere", "Jens Vikar"], summary.StaffCreated);
        var entries = await EntriesAsync();
        await using var db = _database.CreateDbContext();
        var mette = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Name == "Mette Tidligere");
        Assert.Equal((false, (string?)null, (int?)null, StaffRoles.None), (mette.IsActive, mette.Email, mette.TeamId, mette.Roles));
        Assert.Equal([_ahmed.Id, _sofie.Id, _sofie.Id, mette.Id, mette.Id], entries.Where(e => e.Kind == LogbookEntryKind.Conversation).Select(e => e.StaffMemberId));
        Assert.Equal(4, await db.StaffMembers.CountAsync());

        // The next import finds the created record by its name: no second one.
        var again = Succeeded(await ImportAsync(LogbookFiles.File(LogbookFiles.Line(staff: "Mette Tidligere", date: "2025-04-01"))));
        Assert.Empty(again.StaffCreated);
        Assert.Equal(4, await db.StaffMembers.CountAsync());
    }

    [Fact]
    public async Task A_name_two_staff_members_share_asks_for_the_email()
    {
        await using (var db = _database.CreateDbContext())
        {
            db.StaffMembers.Add(new StaffMember("Ahmed Hassan", "ahmed.hassan@boligsocialt.dk", StaffRoles.Analyst, null));
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        var result = await ImportAsync(LogbookFiles.File(LogbookFiles.Line(staff: "ahmed hassan")));

        Assert.Equal(new LogbookImportError(2, "medarbejder", "'ahmed hassan' passer på 2 medarbejdere (navn): ahha@boligsocialt.dk, ahmed.hassan@boligsocialt.dk. Brug medarbejderens e-mail."),
            Assert.Single(result.Errors));
    }

    [Fact]
    public async Task An_outcome_is_recorded_for_the_resident_on_the_date_with_the_departments_housing_area_and_the_lines_entry()
    {
        Succeeded(await ImportAsync(LogbookFiles.File(LogbookFiles.Line(department: "Hybenhaven", kind: "Opfølgning", result: "Påbegyndt uddannelse"))));

        await using var db = _database.CreateDbContext();
        var outcome = await db.Outcomes.AsNoTracking().SingleAsync();
        var entry = await db.LogbookEntries.AsNoTracking().SingleAsync();
        var area = await db.Departments.Where(d => d.Name == "Hybenhaven").Select(d => d.HousingAreaId).SingleAsync();
        Assert.Equal((await ResidentAsync("17")).Id, outcome.ResidentId);
        Assert.Equal((OutcomeKind.EducationStarted, new DateOnly(2025, 3, 10), area, entry.Id, entry.ActivityId, (Guid?)null),
            (outcome.Kind, outcome.AchievedOn, outcome.HousingAreaId, outcome.LogbookEntryId, outcome.ActivityId, outcome.CaseId));
        Assert.Equal("Kertemindevejkvarteret", await db.HousingAreas.Where(a => a.Id == area).Select(a => a.Code).SingleAsync());
    }

    [Fact]
    public async Task A_new_resident_lives_in_the_department_of_the_earliest_line_and_a_later_department_is_a_move()
    {
        var summary = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(date: "2025-02-01", department: "Solbakken"),
            LogbookFiles.Line(date: "2025-01-05"),
            LogbookFiles.Line(date: "2025-03-01", department: "Solbakken"),
            LogbookFiles.Line(date: "2025-01-20"))));

        var amina = await ResidentAsync("17");
        Assert.Equal([(await DepartmentAsync("Granparken"), new DateOnly(2025, 1, 5)), (await DepartmentAsync("Solbakken"), new DateOnly(2025, 2, 1))],
            amina.Residences.OrderBy(r => r.From).Select(r => (r.DepartmentId, r.From)));
        Assert.Equal(1, summary.Moves);
    }

    [Fact]
    public async Task A_known_resident_who_lived_elsewhere_on_a_lines_date_has_the_move_recorded_unless_already_so()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein", department: "Granparken");
        await using (var db = _database.CreateDbContext())
        {
            var r = await db.Residents.SingleAsync(x => x.Id == resident.Id);
            r.LinkLegacyId("17");
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var summary = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(date: "2025-01-10"),
            LogbookFiles.Line(date: "2025-02-10", department: "Korsløkkeparken E"),
            LogbookFiles.Line(date: "2025-03-10", department: "Korsløkkeparken E"))));

        Assert.Equal((0, 1, 1), (summary.ResidentsNew, summary.ResidentsMatched, summary.Moves));
        var amina = await ResidentAsync("17");
        Assert.Equal([(await DepartmentAsync("Granparken"), new DateOnly(2015, 1, 1)), (await DepartmentAsync("Korsløkkeparken E"), new DateOnly(2025, 2, 10))],
            amina.Residences.OrderBy(r => r.From).Select(r => (r.DepartmentId, r.From)));
        var audit = await Scenario.AuditSinceAsync(_database, lastAudit);
        Assert.Contains(audit, a => a is { Action: AuditAction.Update, EntityType: "Resident" } && a.EntityId == amina.Id.ToString());
    }

    [Fact]
    public async Task Two_departments_on_one_day_are_an_error()
    {
        var result = await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(date: "2025-01-10"),
            LogbookFiles.Line(date: "2025-01-10", department: "Solbakken", kind: "Telefonopfølgning")));

        Assert.Equal(new LogbookImportError(3, "boligafdeling", "Beboer-id 17 bor ifølge linje 2 i Granparken fra 10-01-2025, men linjen siger Solbakken samme dag. En beboer bor i én boligafdeling ad gangen."),
            Assert.Single(result.Errors));
    }

    [Fact]
    public async Task The_same_residents_id_with_another_name_or_birth_date_is_an_error()
    {
        var result = await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(),
            LogbookFiles.Line(date: "2025-03-11", name: "AMINA HUSSEIN"),
            LogbookFiles.Line(date: "2025-03-12", name: "Amina Hussain", birthDate: "1990-04-13")));

        Assert.Equal(
        [
            new LogbookImportError(4, "navn", "Beboer-id 17 hedder 'Amina Hussein' på linje 2, men 'Amina Hussain' her. Samme beboer_id er samme beboer: ret navnet, så det er ens."),
            new LogbookImportError(4, "foedselsdato", "Beboer-id 17 er født 12-04-1990 ifølge linje 2, men 13-04-1990 her. Samme beboer_id er samme beboer: ret fødselsdatoen, så den er ens."),
        ], result.Errors);
    }

    [Fact]
    public async Task Consecutive_lines_alike_but_for_the_resident_are_one_entry_with_several_residents()
    {
        var summary = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(kind: "Gruppeforløb (gang)", note: "CV-værksted"),
            LogbookFiles.Line(kind: "GroupSession", residentId: "18", name: "Fatima Omar", result: "Praktikplads", note: "CV-værksted"),
            LogbookFiles.Line(kind: "Gruppeforløb (gang)", residentId: "19", name: "Leyla Khan", note: "CV-værksted"),
            // The same resident again: a new entry, though alike.
            LogbookFiles.Line(kind: "Gruppeforløb (gang)", note: "CV-værksted"),
            LogbookFiles.Event(),
            // Alike, but not directly after: an entry of its own.
            LogbookFiles.Line(kind: "Gruppeforløb (gang)", residentId: "18", name: "Fatima Omar", note: "CV-værksted"))));

        Assert.Equal((6, 4, 3, 1), (summary.Lines, summary.Entries, summary.ResidentsNew, summary.Outcomes));
        var sessions = (await EntriesAsync()).Where(e => e.Kind == LogbookEntryKind.GroupSession).ToList();
        var counts = sessions.Select(e => e.Participants.Count).Order().ToList();
        Assert.Equal([1, 1, 3], counts);
        await using var db = _database.CreateDbContext();
        var group = sessions.Single(e => e.Participants.Count == 3);
        Assert.Equal(group.Id, (await db.Outcomes.SingleAsync()).LogbookEntryId);

        // An empty line between alike lines keeps them apart.
        var apart = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(date: "2025-04-01", kind: "Samtale", residentId: "18", name: "Fatima Omar"),
            "",
            LogbookFiles.Line(date: "2025-04-01", kind: "Samtale", residentId: "19", name: "Leyla Khan"),
            ";;;;;;;;;;",
            LogbookFiles.Line(date: "2025-04-01", kind: "Samtale"))));
        Assert.Equal((3, 3), (apart.Lines, apart.Entries));

        // The group is one entry on the next import too.
        var again = Succeeded(await ImportAsync(LogbookFiles.File(
            LogbookFiles.Line(kind: "Gruppeforløb (gang)", note: "CV-værksted"),
            LogbookFiles.Line(kind: "GroupSession", residentId: "18", name: "Fatima Omar", result: "Praktikplads", note: "CV-værksted"),
            LogbookFiles.Line(kind: "Gruppeforløb (gang)", residentId: "19", name: "Leyla Khan", note: "CV-værksted"))));
        Assert.Equal((0, 3), (again.Entries, again.LinesAlreadyImported));
    }

    [Fact]
    public async Task The_import_is_audited_as_its_actor_record_by_record()
    {
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        Succeeded(await LogbookFiles.ImportAsync(_database, LogbookFiles.File(LogbookFiles.Line(staff: "Ny Kollega", result: "Fritidsjob"), LogbookFiles.Event()),
            actor: LogbookImport.CommandLineActor));

        var audit = await Scenario.AuditSinceAsync(_database, lastAudit);
        Assert.All(audit, a => Assert.Equal("import-logbook", a.Actor));
        await using var db = _database.CreateDbContext();
        var expected = (await db.LogbookEntries.Select(e => e.Id).ToListAsync()).Select(id => $"LogbookEntry {id}")
            .Concat((await db.Residents.Select(r => r.Id).ToListAsync()).Select(id => $"Resident {id}"))
            .Concat((await db.Outcomes.Select(o => o.Id).ToListAsync()).Select(id => $"Outcome {id}"))
            .Concat((await db.StaffMembers.Where(s => s.Name == "Ny Kollega").Select(s => s.Id).ToListAsync()).Select(id => $"StaffMember {id}"));
        Assert.Equal(expected.Order(), audit.Select(a => $"{a.EntityType} {a.EntityId}").Order());
        Assert.All(audit, a => Assert.Equal(AuditAction.Create, a.Action));
    }
}
