using System.Diagnostics;
using System.Globalization;
using System.Text;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>
/// The import part of <c>bench-measure</c>: a legacy logbook file written as staff keep them (docs/IMPORT_FORMAT.md),
/// and <see cref="LogbookImport.RunAsync"/> timed importing it into a freshly prepared database each time.
/// </summary>
internal static class MeasurementBenchmarkImport
{
    /// <summary>About thirty lines for each person in the old logbook: 3,333 beboer_id in 100,000 lines.</summary>
    public const int LinesPerResident = 30;
    public const int StaffPerTeam = 15;
    /// <summary>One resident line in fifty records a result.</summary>
    public const int LinesPerResult = 50;

    private const string AuditActor = "system:bench";

    public static readonly string[] Header =
        ["dato", "medarbejder", "aktivitet", "beboer_id", "navn", "foedselsdato", "boligafdeling", "registrering", "resultat", "antal", "note"];

    private static readonly string[] FirstNames = ["Hodan", "Yusuf", "Leyla", "Bilal", "Mette", "Søren", "Ayşe", "Omar", "Åse", "Fadumo", "Kasper", "Zainab"];
    private static readonly string[] LastNames = ["Warsame", "Aydin", "Haddad", "Jensen", "Østergård", "Çelik", "Nielsen", "Farah", "Kjærgaard", "Osman"];

    private static readonly string[] Notes =
    [
        "Samtale om jobsøgning", "Hjælp til brev fra kommunen", "", "", "Opfølgning; aftaler gennemgået", "Talte om \"praktik\" i Rema",
        "Ringede, ingen svar", "Fulgtes til jobcentret", "",
    ];

    /// <summary>Entry kinds of lines about residents, by their Danish name as staff write them, and how often (out of 100).</summary>
    private static readonly (string Kind, int Weight)[] ResidentKinds =
    [
        ("Samtale", 40), ("Telefonopfølgning", 20), ("Opfølgning", 20), ("3-partssamtale", 8), ("Netværksmøde", 4), ("Gruppeforløb (gang)", 8),
    ];

    /// <summary>Entry kinds of lines with a head count and no resident; one line in eight is one of them.</summary>
    private static readonly string[] HeadCountKinds = ["Arrangement", "Opsøgende kontakt", "Samarbejdsmøde", "Event"];

    public sealed record LegacyFile(string Path, long Bytes, int Lines, int ResidentIds, int ResidentLines, int Results, int Staff);

    /// <summary>
    /// Writes the file: <paramref name="lines"/> lines from 2022 to 2025 in date order, by thirty staff members (unknown
    /// to a new database: the import creates them), activities by code of the staff member's team in the plan in force,
    /// departments by name; one in ten residents moves once; one entry in ten about residents names two or three of
    /// them on consecutive lines; notes with separators and quotes; dates in both formats.
    /// </summary>
    public static async Task<LegacyFile> WriteAsync(IDbContextFactory<AppDbContext> factory, string path, int lines)
    {
        await using var db = await factory.CreateDbContextAsync();
        var activities = await db.Activities.AsNoTracking().Include(a => a.FocusArea).Include(a => a.PlanPeriod).Where(a => a.IsActive).OrderBy(a => a.Id).ToListAsync();
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => d.Name).ToListAsync();
        var outcomeNames = await db.CatalogTerms.AsNoTracking().Where(t => t.List == CatalogList.OutcomeKind).ToDictionaryAsync(t => t.Code, t => t.Name);
        var teams = activities.Select(a => a.FocusArea!.TeamId).Distinct().Order().ToList();

        var random = new Random(20_221_231);
        var first = MeasurementBenchmarkSeed.FirstDay;
        var days = MeasurementBenchmarkSeed.LastDay.DayNumber - first.DayNumber + 1;
        var staff = Enumerable.Range(0, StaffPerTeam * teams.Count)
            .Select(i => (Team: teams[i % teams.Count], Name: $"{FirstNames[i % FirstNames.Length]} {LastNames[7 * i % LastNames.Length]}"))
            .ToList();
        var people = Enumerable.Range(1, Math.Max(1, lines / LinesPerResident)).Select(i =>
        {
            var born = new DateOnly(1950, 1, 1).AddDays(random.Next(58 * 365));
            var department = random.Next(departments.Count);
            return new LegacyPerson($"VM-{i:00000}", $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
                i % 2 == 0 ? born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : born.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
                departments[department],
                i % 10 == 0 ? departments[(department + 1 + random.Next(departments.Count - 1)) % departments.Count] : null,
                first.AddDays(random.Next(days)));
        }).ToList();

        var written = 0;
        var residentLines = 0;
        var results = 0;
        await using (var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            await file.WriteLineAsync(string.Join(';', Header));
            while (written < lines)
            {
                var date = first.AddDays((int)((long)written * days / lines));
                var dateText = random.Next(5) == 0 ? date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var (team, staffName) = staff[random.Next(staff.Count)];
                var ofTeam = activities.Where(a => a.FocusArea!.TeamId == team && a.PlanPeriod!.Contains(date)).ToList();
                var note = Notes[random.Next(Notes.Length)];
                if (random.Next(8) == 0)
                {
                    await WriteLineAsync(file, [dateText, staffName, ofTeam[random.Next(ofTeam.Count)].Code, "", "", "", "", HeadCountKinds[random.Next(HeadCountKinds.Length)], "",
                        random.Next(1, 60).ToString(CultureInfo.InvariantCulture), note]);
                    written++;
                    continue;
                }
                var withResult = random.Next(LinesPerResult) == 0;
                var withOutcomes = ofTeam.Where(a => a.AllowedOutcomeKinds.Count > 0).ToList();
                var activity = withResult && withOutcomes.Count > 0 ? withOutcomes[random.Next(withOutcomes.Count)] : ofTeam[random.Next(ofTeam.Count)];
                var kind = Kind(random);
                var together = random.Next(10) == 0 ? random.Next(2, 4) : 1;
                var named = new HashSet<string>();
                for (var i = 0; i < together && written < lines; i++)
                {
                    var person = people[(int)(people.Count * Math.Pow(random.NextDouble(), 1.5))];
                    if (!named.Add(person.Id)) continue;
                    var result = i == 0 && withResult && activity.AllowedOutcomeKinds.Count > 0
                        ? outcomeNames[activity.AllowedOutcomeKinds[random.Next(activity.AllowedOutcomeKinds.Count)].ToString()]
                        : "";
                    await WriteLineAsync(file, [dateText, staffName, activity.Code, person.Id, person.Name, person.BirthDate, person.DepartmentOn(date), kind, result, "", note]);
                    written++;
                    residentLines++;
                    if (result.Length > 0) results++;
                }
            }
        }
        return new LegacyFile(path, new FileInfo(path).Length, written, people.Count, residentLines, results, staff.Count);
    }

    private sealed record LegacyPerson(string Id, string Name, string BirthDate, string Department, string? MovesTo, DateOnly MovesOn)
    {
        public string DepartmentOn(DateOnly date) => MovesTo is not null && date >= MovesOn ? MovesTo : Department;
    }

    private static string Kind(Random random)
    {
        var roll = random.Next(ResidentKinds.Sum(k => k.Weight));
        foreach (var (kind, weight) in ResidentKinds)
        {
            if (roll < weight) return kind;
            roll -= weight;
        }
        throw new InvalidOperationException("The weights do not add up.");
    }

    /// <summary>One line, each field quoted when it holds the separator or a quote (a quote doubled), as Excel writes it.</summary>
    private static Task WriteLineAsync(StreamWriter file, string[] fields) =>
        file.WriteLineAsync(string.Join(';', fields.Select(f => f.Contains(';') || f.Contains('"') ? $"\"{f.Replace("\"", "\"\"")}\"" : f)));

    public sealed record Imported(double Ms, LogbookImportSummary Summary, MeasurementBenchmark.MemoryUse? Memory);

    /// <summary>
    /// One import of the file into a new database, prepared as the app prepares its own (not timed): the whole of
    /// <see cref="LogbookImport.RunAsync"/>, reading, checking and saving, in one new DbContext. With
    /// <paramref name="sampleMemory"/> the run is sampled for memory instead.
    /// </summary>
    public static async Task<Imported> ImportAsync(BenchmarkDatabases databases, string legacyFile, int run, bool sampleMemory, TimeProvider clock)
    {
        var (configuration, _) = await databases.CreateAsync($"import-{run}");
        try
        {
            await using var services = new ServiceCollection().AddDatabase(configuration).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await Database.PrepareAsync(factory);
            await using var db = await factory.CreateDbContextAsync();
            await using var stream = File.OpenRead(legacyFile);
            Task<LogbookImportResult> Import() => LogbookImport.RunAsync(db, stream, AuditActor, save: true, clock.GetUtcNow());

            var start = Stopwatch.GetTimestamp();
            MeasurementBenchmark.MemoryUse? memory = null;
            LogbookImportResult result;
            if (sampleMemory)
            {
                LogbookImportResult? sampled = null;
                memory = await MeasurementBenchmark.MemoryUse.MeasureAsync(async () => sampled = await Import());
                result = sampled!;
            }
            else result = await Import();
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!result.Succeeded || result.Summary is not { Saved: true } summary)
                throw new InvalidOperationException($"The benchmark's legacy file did not import: {string.Join(Environment.NewLine, result.Errors.Take(10))}");
            return new Imported(ms, summary, memory);
        }
        finally
        {
            await databases.DeleteAsync(configuration);
        }
    }
}
