using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>
/// The <c>bench-measure</c> verb: four years of case work and a million logbook entries in a temporary database, and
/// the quarter's whole delivery measurement timed as the app computes it (goal: 300 ms or less, and at most 1.5 times
/// one hand-written SQL query of the indicator counts over the same data); then a legacy logbook of 100,000 lines
/// imported into a new database (goal: 10 s or less); and the memory each takes. It reports; it asserts nothing (see
/// docs/performance.md).
/// </summary>
internal static class MeasurementBenchmark
{
    public const int DefaultResidents = 12_000;
    public const int DefaultEntries = 1_000_000;
    public const int DefaultLines = 100_000;
    public const int DefaultImportRuns = 3;
    public const int Year = 2025;
    public const int Quarter = 4;

    private const double MeasurementGoalMs = 300;
    private const double RatioGoal = 1.5;
    private const double ImportGoalSeconds = 10;

    /// <summary>
    /// What an analyst would write for the year's indicator counts: each resident's first qualifying outcome of the year
    /// per indicator (outcomes of deleted logbook entries left out), counted by the outcome's reporting area and the age
    /// band on that date. No merge chains, no 29 February rule, no first-time-in-plan column: the plain count.
    /// </summary>
    public static string AnalystSql(SqlDialect sql) => $$"""
        WITH qualifying AS (
            SELECT o."ResidentId" AS ResidentId, o."AchievedOn" AS AchievedOn, o."HousingAreaId" AS HousingAreaId,
                   CASE o."Kind" WHEN 'SpareTimeJob' THEN 'SpareTimeJob' WHEN 'Volunteering' THEN 'Volunteering' ELSE 'EmploymentOrEducation' END AS Indicator
            FROM "Outcomes" o
            LEFT JOIN "LogbookEntries" e ON e."Id" = o."LogbookEntryId"
            WHERE o."AchievedOn" BETWEEN @yearStart AND @yearEnd AND e."DeletedAt" IS NULL
        ),
        numbered AS (
            SELECT ResidentId, AchievedOn, HousingAreaId, Indicator,
                   ROW_NUMBER() OVER (PARTITION BY ResidentId, Indicator ORDER BY AchievedOn) AS Position
            FROM qualifying
        ),
        firsts AS (
            SELECT n.Indicator, a."ReportsAs" AS Area,
                   ({{sql.Year("n.AchievedOn")}} - {{sql.Year("r.\"BirthDate\"")}})
                     - CASE WHEN {{sql.MonthDay("n.AchievedOn")}} < {{sql.MonthDay("r.\"BirthDate\"")}} THEN 1 ELSE 0 END AS Age
            FROM numbered n
            JOIN "Residents" r ON r."Id" = n.ResidentId
            JOIN "HousingAreas" a ON a."Id" = n.HousingAreaId
            WHERE n.Position = 1
        )
        SELECT Indicator, Area,
               CASE WHEN Indicator <> 'EmploymentOrEducation' THEN 'all'
                    WHEN Age BETWEEN 18 AND 29 THEN '18-29'
                    WHEN Age BETWEEN 30 AND 64 THEN '30-64'
                    ELSE 'other' END AS AgeBand,
               CAST(COUNT(*) AS INTEGER) AS Residents
        FROM firsts
        GROUP BY 1, 2, 3
        """;

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>The provider named by <c>--provider</c> (already one of the allowed words), SQLite without it.</summary>
    public static DatabaseProvider Provider(string? name) => name is null ? DatabaseProvider.Sqlite : Enum.Parse<DatabaseProvider>(name, ignoreCase: true);

    /// <param name="postgresServer">With <see cref="DatabaseProvider.Postgres"/>: the server, where the databases are made and dropped.</param>
    public static async Task<int> RunAsync(int runs, int residents, int entries, int lines, int importRuns, DatabaseProvider provider,
        string? postgresServer, TextWriter output)
    {
        if (provider == DatabaseProvider.Postgres && postgresServer is null)
            throw new CommandLineException("--provider Postgres skal have --database med forbindelsen til PostgreSQL-serveren, fx \"Host=localhost;Username=postgres\".");
        if (provider == DatabaseProvider.Sqlite && postgresServer is not null)
            throw new CommandLineException("--database bruges kun med --provider Postgres; på SQLite laver bench-measure sine egne midlertidige filer.");
        var clock = TimeProvider.System;
        var folder = Directory.CreateTempSubdirectory("boligsocialt-bench-");
        var databases = new BenchmarkDatabases(provider, folder.FullName, postgresServer);
        IConfiguration? configuration = null;
        try
        {
            (configuration, var name) = await databases.CreateAsync("bench");
            var connectionString = Database.ConnectionString(configuration);
            await using var services = new ServiceCollection().AddDatabase(configuration).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await Database.PrepareAsync(factory);
            var seeded = await MeasurementBenchmarkSeed.SeedAsync(factory, connectionString, residents, entries, clock);
            SqliteConnection.ClearAllPools();

            async Task<DeliveryMeasurement> MeasureAsync()
            {
                await using var db = await factory.CreateDbContextAsync();
                return await DeliveryMeasurementService.MeasureAsync(db, Year, Quarter);
            }

            async Task<IReadOnlyList<IndicatorRow>> IndicatorsAsync()
            {
                await using var db = await factory.CreateDbContextAsync();
                return await DeliveryMeasurementService.IndicatorsAsync(db, Year, Quarter);
            }

            var measurement = await MeasureAsync();
            var measureTimes = await TimeAsync(runs, MeasureAsync);
            await IndicatorsAsync();
            var indicatorTimes = await TimeAsync(runs, IndicatorsAsync);
            var counted = await AnalystQueryAsync(provider, connectionString);
            var queryTimes = await TimeAsync(runs, () => AnalystQueryAsync(provider, connectionString));

            var measureMemory = await MemoryUse.MeasureAsync(MeasureAsync);
            var queryMemory = await MemoryUse.MeasureAsync(() => AnalystQueryAsync(provider, connectionString));

            var legacy = await MeasurementBenchmarkImport.WriteAsync(factory, Path.Combine(folder.FullName, "logbog.csv"), lines);
            var imports = new List<MeasurementBenchmarkImport.Imported>();
            for (var run = 1; run <= importRuns; run++)
                imports.Add(await MeasurementBenchmarkImport.ImportAsync(databases, legacy.Path, run, sampleMemory: false, clock));
            var importMemory = (await MeasurementBenchmarkImport.ImportAsync(databases, legacy.Path, importRuns + 1, sampleMemory: true, clock)).Memory!;

            Report(output, clock, provider, name, seeded, measurement, new Timings(measureTimes), new Timings(indicatorTimes), counted,
                new Timings(queryTimes), legacy, imports, [("hele målingen:", measureMemory), ("forespørgslen:", queryMemory), ("importen:", importMemory)]);
        }
        finally
        {
            if (configuration is not null) await databases.DeleteAsync(configuration);
            folder.Delete(recursive: true);
        }
        return CommandLine.Success;
    }

    private static async Task<List<double>> TimeAsync<T>(int runs, Func<Task<T>> run)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    public sealed record AnalystRow(string Indicator, string Area, string AgeBand, int Residents);

    /// <summary>The analyst's statement through a plain command on a pooled connection (SQLite's or Npgsql's), as a script or a report tool would run it.</summary>
    private static async Task<List<AnalystRow>> AnalystQueryAsync(DatabaseProvider provider, string connectionString)
    {
        var sql = provider == DatabaseProvider.Postgres ? SqlDialect.Postgres : SqlDialect.Sqlite;
        await using DbConnection connection = provider == DatabaseProvider.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = AnalystSql(sql);
        foreach (var (name, value) in new[] { ("@yearStart", new DateOnly(Year, 1, 1)), ("@yearEnd", new DateOnly(Year, 12, 31)) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = sql.Date(value);
            command.Parameters.Add(parameter);
        }
        var rows = new List<AnalystRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new AnalystRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        return rows;
    }

    /// <summary>
    /// The memory one more run of a part takes, sampled every millisecond on a thread of its own: the process's working
    /// set (the physical memory it holds, native SQLite caches included) and the managed heap, each at its start and at
    /// its highest, and the bytes the part allocated in all. At the start, freed memory is handed back to the system: the
    /// managed heap's by a full, compacting collection, the native heap's (what SQLite freed while seeding) by glibc's
    /// malloc_trim on Linux; otherwise the part could reuse memory the seed left behind and look smaller than it is.
    /// </summary>
    public sealed record MemoryUse(long WorkingSetBefore, long WorkingSetPeak, long HeapBefore, long HeapPeak, long Allocated)
    {
        public static async Task<MemoryUse> MeasureAsync<T>(Func<Task<T>> part)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            if (OperatingSystem.IsLinux()) TrimNativeHeap();
            var workingSetBefore = Environment.WorkingSet;
            var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var peaks = new Peaks(workingSetBefore, heapBefore);
            var sampler = new Thread(peaks.Sample) { IsBackground = true, Name = "bench-measure memory" };
            sampler.Start();
            await part();
            peaks.Stop();
            sampler.Join();
            peaks.Take();
            return new MemoryUse(workingSetBefore, peaks.WorkingSet, heapBefore, peaks.Heap, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        }

        private static void TrimNativeHeap()
        {
            try
            {
                MallocTrim(0);
            }
            catch (EntryPointNotFoundException)
            {
                // Not glibc (e.g. musl): its allocator returns memory by itself or not at all.
            }
        }

        [DllImport("libc", EntryPoint = "malloc_trim")]
        private static extern int MallocTrim(nuint pad);

        private sealed class Peaks(long workingSet, long heap)
        {
            private volatile bool _stopped;

            public long WorkingSet { get; private set; } = workingSet;
            public long Heap { get; private set; } = heap;

            public void Sample()
            {
                while (!_stopped)
                {
                    Take();
                    Thread.Sleep(1);
                }
            }

            public void Take()
            {
                WorkingSet = Math.Max(WorkingSet, Environment.WorkingSet);
                Heap = Math.Max(Heap, GC.GetTotalMemory(forceFullCollection: false));
            }

            public void Stop() => _stopped = true;
        }
    }

    private static void Report(TextWriter output, TimeProvider clock, DatabaseProvider provider, string database, MeasurementBenchmarkSeed.Seeded seeded,
        DeliveryMeasurement measurement, Timings measureTimes, Timings indicatorTimes, List<AnalystRow> counted, Timings queryTimes,
        MeasurementBenchmarkImport.LegacyFile legacy, List<MeasurementBenchmarkImport.Imported> imports, (string Part, MemoryUse Use)[] memory)
    {
        void Line(FormattableString text) => output.WriteLine(text.ToString(Danish));
        static string Indicators(Func<Indicator, int> residents) =>
            string.Join(", ", Enum.GetValues<Indicator>().Select(i => $"{i} {residents(i).ToString("N0", Danish)}"));
        static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N1", Danish);
        void Memory(string part, MemoryUse use) =>
            Line($"  {part,-22} arbejdssæt {Megabytes(use.WorkingSetBefore)} → top {Megabytes(use.WorkingSetPeak)} MB (+{Megabytes(use.WorkingSetPeak - use.WorkingSetBefore)} MB) · heap {Megabytes(use.HeapBefore)} → top {Megabytes(use.HeapPeak)} MB (+{Megabytes(use.HeapPeak - use.HeapBefore)} MB) · allokeret {Megabytes(use.Allocated)} MB");

        Line($"BoligSocialt bench-measure: leverancemålingen for et kvartal over fire års logbog og importen af en gammel logbog");
        Line($"Maskine:   {Benchmarking.Machine()}");
        Line($"Dato:      {clock.GetLocalNow():yyyy-MM-dd HH':'mm zzz}");
        Line($"Database:  {database} (midlertidig, slettes bagefter)");
        Line($"Data:      {seeded.Residents:N0} beboere ({seeded.Merged:N0} lagt sammen med en anden, {seeded.Moved:N0} flyttet i perioden), {seeded.Staff} medarbejdere, {seeded.Referrals:N0} henvisninger, {seeded.CasesOpen + seeded.CasesClosed:N0} forløb ({seeded.CasesClosed:N0} afsluttet)");
        Line($"           {seeded.Entries:N0} logbogsindførsler {MeasurementBenchmarkSeed.FirstDay.Year}-{MeasurementBenchmarkSeed.LastDay.Year} ({seeded.EntriesInCases:N0} i forløb, {seeded.EntriesWithHeadCount:N0} med antal deltagere, {seeded.EntriesDeleted:N0} slettet) med {seeded.Participants:N0} beboere som deltagere");
        Line($"           {seeded.Outcomes:N0} resultater ({seeded.OutcomesWithEntry:N0} registreret med en indførsel, {seeded.OutcomesOfDeletedEntries:N0} af dem med en slettet indførsel)");
        Line($"Fyldt på:  {(seeded.TookEf + seeded.TookSql).TotalSeconds:0.0} s (beboere, henvisninger og forløb gennem appens DbContext {seeded.TookEf.TotalSeconds:0.0} s; logbogen med {(provider == DatabaseProvider.Postgres ? "PostgreSQL's binære COPY" : "forberedte SQLite-indsættelser")} {seeded.TookSql.TotalSeconds:0.0} s)");
        Line($"");
        var activityEntries = measurement.Activities.Sum(a => a.LogbookEntries.Values.Sum());
        Line($"Hele målingen for {Quarter}. kvartal {Year} (DeliveryMeasurementService.MeasureAsync med en ny DbContext hver gang), {measureTimes.Count} målinger efter én opvarmning:");
        Line($"  målt: {measurement.Indicators.Count} indikatorrækker, år til dato {Indicators(i => measurement.Indicators.Where(r => r.Indicator == i).Sum(r => r.YearToDate))}; {measurement.Activities.Count} aktiviteter med {activityEntries:N0} indførsler i kvartalet");
        Line($"  min {measureTimes.Min:0.0} ms · median {measureTimes.Median:0.0} ms · p95 {measureTimes.P95:0.0} ms · max {measureTimes.Max:0.0} ms");
        Line($"  mål: højst {MeasurementGoalMs:0} ms: {Benchmarking.Verdict(measureTimes.Median <= MeasurementGoalMs)} for medianen, {Benchmarking.Verdict(measureTimes.Max <= MeasurementGoalMs)} for den langsomste");
        Line($"");
        Line($"Indikatorerne alene (DeliveryMeasurementService.IndicatorsAsync), {indicatorTimes.Count} målinger efter én opvarmning:");
        Line($"  min {indicatorTimes.Min:0.0} ms · median {indicatorTimes.Median:0.0} ms · p95 {indicatorTimes.P95:0.0} ms · max {indicatorTimes.Max:0.0} ms");
        Line($"");
        Line($"Analytikerens håndskrevne forespørgsel (én SQL-sætning over de samme data med en rå {(provider == DatabaseProvider.Postgres ? "NpgsqlCommand" : "SqliteCommand")}: hver beboers første resultat i {Year} pr. indikator, talt pr. område og aldersgruppe), {queryTimes.Count} målinger efter én opvarmning:");
        var same = Enum.GetValues<Indicator>().All(i =>
            counted.Where(r => r.Indicator == i.ToString()).Sum(r => r.Residents) == measurement.Indicators.Where(r => r.Indicator == i).Sum(r => r.YearToDate));
        Line($"  talt: {counted.Count} rækker, {Indicators(i => counted.Where(r => r.Indicator == i.ToString()).Sum(r => r.Residents))}: {(same ? "samme antal beboere som målingens år til dato" : "ANDRE antal end målingens år til dato")}");
        Line($"  min {queryTimes.Min:0.0} ms · median {queryTimes.Median:0.0} ms · p95 {queryTimes.P95:0.0} ms · max {queryTimes.Max:0.0} ms");
        var ratio = measureTimes.Median / queryTimes.Median;
        Line($"  hele målingen / forespørgslen: {ratio:0.0} gange (medianer); mål: højst {RatioGoal:0.0} gange: {Benchmarking.Verdict(ratio <= RatioGoal)}");
        Line($"  indikatorerne alene / forespørgslen: {indicatorTimes.Median / queryTimes.Median:0.0} gange");
        Line($"");
        var summary = imports[0].Summary;
        var importTimes = new Timings(imports.Select(i => i.Ms));
        Line($"Import af en gammel logbog (LogbookImport.RunAsync: læst, kontrolleret og gemt i én transaktion) i en ny, migreret database hver gang, {imports.Count} kørsler:");
        Line($"  filen: {legacy.Lines:N0} linjer ({legacy.Bytes / (1024.0 * 1024.0):N1} MB) {MeasurementBenchmarkSeed.FirstDay.Year}-{MeasurementBenchmarkSeed.LastDay.Year}, {legacy.ResidentIds:N0} beboer_id på {legacy.ResidentLines:N0} linjer, {legacy.Results:N0} med resultat, {legacy.Staff} medarbejdere");
        Line($"  importeret: {summary.Entries:N0} indførsler, {summary.ResidentsNew:N0} nye beboere, {summary.Moves:N0} flytninger, {summary.Outcomes:N0} resultater, {summary.StaffCreated.Count} nye inaktive medarbejdere");
        Line($"  kørsler: {string.Join(" · ", imports.Select(i => (i.Ms / 1000).ToString("0.00", Danish) + " s"))}");
        Line($"  median {importTimes.Median / 1000:0.00} s · max {importTimes.Max / 1000:0.00} s");
        Line($"  mål: højst {ImportGoalSeconds:0} s: {Benchmarking.Verdict(importTimes.Median <= ImportGoalSeconds * 1000)} for medianen, {Benchmarking.Verdict(importTimes.Max <= ImportGoalSeconds * 1000)} for den langsomste");
        Line($"");
        Line($"Hukommelse (én kørsel mere af hver del, målt hvert millisekund; arbejdssæt: processens fysiske hukommelse, SQLite's sidecache med; heap: .NET's administrerede heap; fra efter en fuld oprydning til toppen):");
        foreach (var (part, use) in memory) Memory(part, use);
    }
}
