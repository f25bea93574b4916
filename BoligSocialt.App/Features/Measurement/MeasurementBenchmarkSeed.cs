using System.Diagnostics;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Activity = BoligSocialt.Domain.Catalog.Activity;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>
/// The data of <c>bench-measure</c>: four years (2022-2025) of case work and logbook in a database prepared as the app's
/// own. Everything is made by the domain's own constructors and methods, so it obeys the domain's rules. Staff,
/// residents, referrals, cases and their outcomes are saved through the app's DbContext (audited as the app does it);
/// the logbook entries, their participants and the outcomes registered with them are written with the import's writer
/// (prepared SQLite inserts, PostgreSQL's binary COPY), which is what makes a million entries take seconds instead of minutes.
/// </summary>
internal static class MeasurementBenchmarkSeed
{
    public static readonly DateOnly FirstDay = new(2022, 1, 1);
    public static readonly DateOnly LastDay = new(2025, 12, 31);

    public const int StaffPerTeam = 20;
    /// <summary>One case for six residents: 2,000 cases for 12,000 residents.</summary>
    public const int ResidentsPerCase = 6;
    /// <summary>Outcomes registered with a logbook entry (a mentor or counsellor records a job on the day): 5,000 for 12,000 residents.</summary>
    public const double LogbookOutcomesPerResident = 5_000 / 12_000.0;
    /// <summary>One resident in forty was registered twice and the records merged; one in ten of those three times.</summary>
    public const int ResidentsPerDuplicate = 40;
    public const int EntriesPerDeleted = 100;

    private const string AuditActor = "system:bench";
    private const int BatchSize = 500;
    private const int EntriesPerTransaction = 100_000;

    private static readonly string[] FirstNames =
    [
        "Mohammed", "Ahmad", "Ali", "Omar", "Hassan", "Yusuf", "Bilal", "Abdirahman", "Emre", "Amina", "Fatima", "Leyla", "Zainab",
        "Hodan", "Fadumo", "Zeynep", "Ayşe", "Jens", "Søren", "Mikkel", "Jørgen", "Mette", "Åse", "Ida", "Kirsten",
    ];

    private static readonly string[] LastNames =
    [
        "Hussein", "Ahmadi", "Abdi", "Yilmaz", "Khan", "Osman", "Farah", "Aydin", "Haddad", "Warsame", "Çelik", "Öztürk", "Nguyen",
        "Jensen", "Nielsen", "Hansen", "Pedersen", "Sørensen", "Jørgensen", "Møller", "Østergård", "Kjærgaard",
    ];

    private static readonly string?[] Notes =
    [
        "Samtale om jobsøgning.", "Hjælp til brev fra kommunen.", "Opfølgning på aftaler fra sidst.", "Ringede, ingen svar; sms sendt.",
        "Gennemgik CV sammen.", "Talte om skole og fritid.", "Fulgtes til jobcentret.", "Snak i gården under opsøgende runde.",
        "Fællesspisning i beboerhuset.", "Møde med skolen og SSP.", null, null,
    ];

    /// <summary>The kinds of the logbook's own entries and how often each is written (out of 100).</summary>
    private static readonly (LogbookEntryKind Kind, int Weight)[] KindWeights =
    [
        (LogbookEntryKind.Conversation, 30), (LogbookEntryKind.PhoneCall, 15), (LogbookEntryKind.FollowUp, 12),
        (LogbookEntryKind.ThreePartyMeeting, 4), (LogbookEntryKind.NetworkMeeting, 3), (LogbookEntryKind.GroupSession, 10),
        (LogbookEntryKind.Outreach, 10), (LogbookEntryKind.Event, 8), (LogbookEntryKind.PartnerMeeting, 8),
    ];

    /// <summary>Kinds registered with an anonymous head count rather than named residents.</summary>
    private static readonly LogbookEntryKind[] HeadCountKinds = [LogbookEntryKind.Outreach, LogbookEntryKind.Event, LogbookEntryKind.PartnerMeeting];

    public sealed record Seeded(
        int Staff,
        int Residents,
        int Merged,
        int Moved,
        int Referrals,
        int CasesOpen,
        int CasesClosed,
        int Entries,
        int EntriesInCases,
        int EntriesWithHeadCount,
        int EntriesDeleted,
        int Participants,
        int Outcomes,
        int OutcomesWithEntry,
        int OutcomesOfDeletedEntries,
        TimeSpan TookEf,
        TimeSpan TookSql);

    private sealed class Catalogue(List<Activity> activities, List<Department> departments, List<PlanPeriod> plans)
    {
        public List<Department> Departments { get; } = departments;

        public PlanPeriod PlanOn(DateOnly date) => plans.Single(p => p.Contains(date));

        public List<Activity> Of(int teamId, DateOnly date)
        {
            var plan = PlanOn(date);
            return activities.Where(a => a.PlanPeriodId == plan.Id && a.FocusArea!.TeamId == teamId).ToList();
        }

        public List<Activity> OnDate(DateOnly date)
        {
            var plan = PlanOn(date);
            return activities.Where(a => a.PlanPeriodId == plan.Id).ToList();
        }

        public int HousingAreaOf(int departmentId) => Departments.Single(d => d.Id == departmentId).HousingAreaId;
    }

    public static async Task<Seeded> SeedAsync(IDbContextFactory<AppDbContext> factory, string connectionString, int residentCount,
        int entryCount, TimeProvider clock)
    {
        var started = Stopwatch.GetTimestamp();
        var random = new Random(20_261_124);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        DateOnly Between(DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));
        T Any<T>(IReadOnlyList<T> list) => list[random.Next(list.Count)];

        Catalogue catalogue;
        List<Team> teams;
        await using (var db = await factory.CreateDbContextAsync())
        {
            teams = await db.Teams.AsNoTracking().OrderBy(t => t.Code).ToListAsync();
            var plans = await db.PlanPeriods.AsNoTracking().ToListAsync();
            catalogue = new Catalogue(
                await db.Activities.AsNoTracking().Include(a => a.FocusArea).Include(a => a.PlanPeriod).Where(a => a.IsActive).OrderBy(a => a.Id).ToListAsync(),
                await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(),
                plans);
            foreach (var day in new[] { FirstDay, LastDay })
                if (!plans.Any(p => p.Contains(day))) throw new InvalidOperationException($"The catalogue has no plan period on {day}.");
        }

        var staff = new List<StaffMember>();
        foreach (var team in teams)
        {
            staff.Add(new StaffMember(Name(random), null, team.Code == "Team1" ? StaffRoles.TeamLeader : StaffRoles.Head, team.Id));
            for (var i = 1; i < StaffPerTeam; i++)
                staff.Add(new StaffMember(Name(random), null, i % 3 == 0 ? StaffRoles.Counsellor : StaffRoles.Mentor, team.Id));
        }
        var caseworkers = staff.Where(s => s.Has(StaffRoles.Mentor | StaffRoles.Counsellor)).ToList();
        var workersOf = caseworkers.GroupBy(s => s.TeamId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var leaderOf = staff.Where(s => s.Has(StaffRoles.TeamLeader | StaffRoles.Head)).ToDictionary(s => s.TeamId!.Value);

        // Residents: everyone moved in before the four years; one in eight moves within them (to any department).
        var duplicates = residentCount / ResidentsPerDuplicate;
        var chained = duplicates / 10;
        var people = new List<Resident>(residentCount);
        var moved = 0;
        for (var i = 0; i < residentCount - duplicates - chained; i++)
        {
            var birth = i % 150 == 0
                ? new DateOnly(1960 + 4 * random.Next(12), 2, 29)
                : Between(new DateOnly(1948, 1, 1), new DateOnly(2010, 12, 31));
            var resident = new Resident(Name(random), birth, random.Next(3) == 0 ? null : $"+45{random.Next(20_000_000, 99_999_999)}",
                Any(caseworkers).Id, now);
            var department = random.Next(catalogue.Departments.Count);
            resident.MoveTo(catalogue.Departments[department].Id, Between(new DateOnly(2000, 1, 1), FirstDay.AddDays(-1)));
            if (i % 8 == 0)
            {
                resident.MoveTo(catalogue.Departments[(department + 1 + random.Next(catalogue.Departments.Count - 1)) % catalogue.Departments.Count].Id,
                    Between(FirstDay.AddDays(1), LastDay));
                moved++;
            }
            resident.GiveRegistrationConsent(FirstDay.AddDays(-random.Next(1, 365)), Any(caseworkers).Id, today);
            people.Add(resident);
        }

        var referrals = new List<Referral>();
        var cases = new List<Case>();
        var caseEntries = new List<LogbookEntry>();
        var casesOf = new Dictionary<Guid, List<Case>>();

        Referral Refer(Resident resident, Activity activity, DateOnly receivedOn)
        {
            var source = activity.ReferredBy.Count > 0 && random.Next(4) > 0 ? Any(activity.ReferredBy) : Referral.SelfReferralSource;
            var referral = new Referral(resident, activity, source, source == Referral.SelfReferralSource ? null : "Henviser Hansen", null,
                "Ønsker hjælp", receivedOn, Any(caseworkers).Id, today);
            referrals.Add(referral);
            return referral;
        }

        // A case from an accepted referral: its start meeting, follow-ups, perhaps an outcome, closed when it has run its course.
        Case OpenCase(Resident resident, DateOnly receivedOn, bool closed)
        {
            var activity = Any(catalogue.OnDate(receivedOn));
            var worker = Any(workersOf[activity.FocusArea!.TeamId]);
            var referral = Refer(resident, activity, receivedOn);
            referral.AllocateTo(worker.Id, Min(Between(receivedOn, receivedOn.AddDays(21)), LastDay));
            var opened = referral.Accept(activity, Min(Between(referral.AllocatedOn!.Value, referral.AllocatedOn.Value.AddDays(10)), LastDay));
            var closeOn = closed ? Min(opened.OpenedOn.AddDays(random.Next(30, 540)), LastDay) : LastDay;
            if (activity.StartMeeting != StartMeetingKind.None)
                caseEntries.Add(opened.RecordStartMeeting(activity,
                    new StartMeeting(Between(opened.OpenedOn, Min(opened.OpenedOn.AddDays(14), closeOn)), "Jens Hansen", "Jobcenter Odense",
                        ["Skolen", "SSP", "Forældrene"], null),
                    ["Komme i praktik", "Få styr på økonomien"], worker.Id, today));
            var followUps = Enumerable.Range(0, random.Next(2, 11)).Select(_ => Between(opened.OpenedOn, closeOn)).Order().ToList();
            foreach (var on in followUps)
                caseEntries.Add(opened.RecordFollowUp(Any(Case.FollowUpKinds), on, Any(Notes), null, worker.Id, today));
            if (activity.AllowedOutcomeKinds.Count > 0 && random.Next(100) < 45)
            {
                var on = Between(opened.OpenedOn, closeOn);
                opened.RecordOutcome(activity, Any(activity.AllowedOutcomeKinds), on, catalogue.HousingAreaOf(resident.DepartmentOn(on)!.Value), today);
            }
            if (closed)
                opened.Close(closeOn, Any(Enum.GetValues<ClosureReason>()), opened.Goals.ToDictionary(g => g.Id, _ => Any(Enum.GetValues<GoalStatus>())),
                    random.Next(4) > 0, null, today);
            cases.Add(opened);
            if (!casesOf.TryGetValue(resident.Id, out var list)) casesOf[resident.Id] = list = [];
            list.Add(opened);
            return opened;
        }

        // 2,000 cases for 12,000 residents over the four years (the merged records' cases among them); those opened more
        // than 18 months before the end mostly closed.
        var caseCount = residentCount / ResidentsPerCase;
        for (var i = 0; i < caseCount - duplicates; i++)
        {
            var receivedOn = Between(FirstDay, LastDay.AddDays(-30));
            OpenCase(people[(int)((long)i * 5 % people.Count)], receivedOn, closed: random.Next(100) < (receivedOn < LastDay.AddDays(-540) ? 95 : 60));
        }

        // Referrals declined, and referrals still waiting at the end (some allocated).
        for (var i = 0; i < caseCount / 4; i++)
        {
            var receivedOn = Between(FirstDay, LastDay.AddDays(-30));
            var activity = Any(catalogue.OnDate(receivedOn));
            var referral = Refer(Any(people), activity, receivedOn);
            referral.AllocateTo(Any(workersOf[activity.FocusArea!.TeamId]).Id, receivedOn.AddDays(random.Next(0, 14)));
            referral.Decline(Any(Enum.GetValues<ReferralDeclineReason>()), "Ønskede ikke et forløb nu", referral.AllocatedOn!.Value.AddDays(random.Next(0, 10)));
        }
        for (var i = 0; i < caseCount / 20; i++)
        {
            var receivedOn = Between(LastDay.AddDays(-60), LastDay);
            var activity = Any(catalogue.OnDate(receivedOn));
            var referral = Refer(Any(people), activity, receivedOn);
            if (i % 2 == 0) referral.AllocateTo(Any(workersOf[activity.FocusArea!.TeamId]).Id, Between(receivedOn, LastDay));
        }

        // Residents registered twice: the second record had a case of its own (closed) before the two were found to be one
        // person and merged; the survivor takes over the case, its outcomes and its entries. One in ten was registered a
        // third time and that record merged into the second first (a chain of two).
        var residents = new List<Resident>(people);
        for (var i = 0; i < duplicates; i++)
        {
            var survivor = people[(int)((long)i * 7919 % people.Count)];
            var duplicate = Copy(survivor);
            residents.Add(duplicate);
            if (i < chained)
            {
                var third = Copy(survivor);
                residents.Add(third);
                ResidentMerger.Merge(duplicate, third, [], new ResidentRecords([], [], [], [], []));
            }
            var ownCase = OpenCase(duplicate, Between(FirstDay, LastDay.AddDays(-90)), closed: true);
            ResidentMerger.Merge(survivor, duplicate, casesOf.GetValueOrDefault(survivor.Id) ?? [],
                new ResidentRecords(referrals.Where(r => r.ResidentId == duplicate.Id).ToList(), [ownCase], [.. ownCase.Outcomes],
                    caseEntries.Where(e => e.CaseId == ownCase.Id).ToList(), []));
        }

        Resident Copy(Resident of)
        {
            var copy = new Resident(of.Name, of.BirthDate, null, Any(caseworkers).Id, now);
            var first = of.Residences.MinBy(r => r.From)!;
            copy.MoveTo(first.DepartmentId, first.From);
            copy.GiveRegistrationConsent(of.RegistrationConsent!.GivenOn, Any(caseworkers).Id, today);
            return copy;
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            db.AuditActor = AuditActor;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var pending = 0;
            async Task AddAsync(params object[] entities)
            {
                db.AddRange(entities);
                pending += entities.Length;
                if (pending < BatchSize) return;
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                pending = 0;
            }

            await AddAsync([.. staff]);
            foreach (var resident in residents) await AddAsync(resident);
            var caseOf = cases.Where(c => c.ReferralId is not null).ToDictionary(c => c.ReferralId!.Value);
            foreach (var referral in referrals)
                await AddAsync(caseOf.TryGetValue(referral.Id, out var opened) ? [referral, opened] : [referral]);
            await db.SaveChangesAsync();
        }
        var tookEf = Stopwatch.GetElapsedTime(started);

        // The logbook: the cases' own entries, then the logbook's other deliveries, one day after another, by every
        // caseworker in the activities of their team in the plan in force; an outcome now and then registered with an
        // entry; one entry in a hundred deleted.
        var sqlStarted = Stopwatch.GetTimestamp();
        var alive = residents.Where(r => !r.IsMerged).ToList();
        var withOutcomes = caseworkers.Select(s => s.TeamId!.Value).Distinct()
            .SelectMany(team => new[] { FirstDay, LastDay }.Select(day => (team, day)))
            .All(x => catalogue.Of(x.team, x.day).Any(a => a.AllowedOutcomeKinds.Count > 0));
        if (!withOutcomes) throw new InvalidOperationException("Every team needs an activity with outcomes in each plan.");
        var logbookOutcomes = (int)(residentCount * LogbookOutcomesPerResident);
        var own = Math.Max(0, entryCount - caseEntries.Count);
        var days = LastDay.DayNumber - FirstDay.DayNumber + 1;
        var activitiesOf = new Dictionary<(int Team, int Plan), List<Activity>>();
        List<Activity> ActivitiesOf(int team, DateOnly date) =>
            activitiesOf.TryGetValue((team, catalogue.PlanOn(date).Id), out var list) ? list : activitiesOf[(team, catalogue.PlanOn(date).Id)] = catalogue.Of(team, date);

        var counts = new LogbookCounts();
        await using (var writer = await LogbookWriter.OpenAsync(factory, connectionString))
        {
            foreach (var entry in caseEntries) await writer.WriteAsync(entry, null, counts);
            for (var i = 0; i < own; i++)
            {
                var date = FirstDay.AddDays((int)((long)i * days / own));
                var worker = Any(caseworkers);
                var activities = ActivitiesOf(worker.TeamId!.Value, date);
                LogbookEntry entry;
                Outcome? outcome = null;
                if (random.NextDouble() < (double)logbookOutcomes / own)
                {
                    var activity = Any(activities.Where(a => a.AllowedOutcomeKinds.Count > 0).ToList());
                    var resident = Pick(alive, random);
                    entry = new LogbookEntry(date, worker.Id, activity.Id, LogbookEntryKind.Conversation, [resident.Id], null, "Fortalte om det nye job.", today);
                    outcome = new Outcome(resident.Id, activity.Id, Any(activity.AllowedOutcomeKinds), date,
                        catalogue.HousingAreaOf(resident.DepartmentOn(date)!.Value), null, entry.Id);
                }
                else
                {
                    var kind = Kind(random);
                    var participants = HeadCountKinds.Contains(kind)
                        ? []
                        : Enumerable.Range(0, random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 }).Select(_ => Pick(alive, random).Id).ToList();
                    int? headCount = participants.Count > 0 ? null : kind == LogbookEntryKind.Event ? random.Next(5, 81) : random.Next(1, 11);
                    entry = new LogbookEntry(date, worker.Id, Any(activities).Id, kind, participants, headCount, Any(Notes), today);
                }
                if (random.Next(EntriesPerDeleted) == 0) entry.Delete("Registreret to gange", leaderOf[worker.TeamId!.Value].Id, now);
                await writer.WriteAsync(entry, outcome, counts);
            }
            await writer.CommitAsync();
        }

        var caseOutcomes = cases.Sum(c => c.Outcomes.Count);
        return new Seeded(staff.Count, residents.Count, residents.Count(r => r.IsMerged), moved, referrals.Count, cases.Count(c => c.IsOpen),
            cases.Count(c => !c.IsOpen), counts.Entries, caseEntries.Count, counts.WithHeadCount, counts.Deleted, counts.Participants,
            caseOutcomes + counts.Outcomes, counts.Outcomes, counts.OutcomesOfDeleted, tookEf, Stopwatch.GetElapsedTime(sqlStarted));
    }

    /// <summary>Some residents come often, most now and then.</summary>
    private static Resident Pick(List<Resident> residents, Random random) =>
        residents[(int)(residents.Count * Math.Pow(random.NextDouble(), 1.5))];

    private static LogbookEntryKind Kind(Random random)
    {
        var roll = random.Next(KindWeights.Sum(k => k.Weight));
        foreach (var (kind, weight) in KindWeights)
        {
            if (roll < weight) return kind;
            roll -= weight;
        }
        throw new InvalidOperationException("The weights do not add up.");
    }

    private static string Name(Random random) => $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private sealed class LogbookCounts
    {
        public int Entries;
        public int WithHeadCount;
        public int Deleted;
        public int Participants;
        public int Outcomes;
        public int OutcomesOfDeleted;
    }

    /// <summary>
    /// The logbook written with the import's writer (<see cref="LogbookImportWriter.WriteLogbook"/>), a transaction every
    /// <see cref="EntriesPerTransaction"/> entries. On SQLite through a context on a connection of its own (not pooled, so
    /// its settings for the bulk load never reach the connections the benchmark measures); PostgreSQL needs no settings.
    /// </summary>
    private sealed class LogbookWriter(AppDbContext db) : IAsyncDisposable
    {
        private readonly List<LogbookEntry> _entries = [];
        private readonly List<Outcome> _outcomes = [];

        public static async Task<LogbookWriter> OpenAsync(IDbContextFactory<AppDbContext> factory, string connectionString)
        {
            var db = await factory.CreateDbContextAsync();
            if (db.Database.IsSqlite())
            {
                await db.DisposeAsync();
                var options = new DbContextOptionsBuilder<AppDbContext>()
                    .UseSqlite(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()).Options;
                db = new AppDbContext(options);
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
            }
            else await db.Database.OpenConnectionAsync();
            return new LogbookWriter(db);
        }

        public async Task WriteAsync(LogbookEntry entry, Outcome? outcome, LogbookCounts counts)
        {
            _entries.Add(entry);
            if (outcome is not null)
            {
                _outcomes.Add(outcome);
                counts.Outcomes++;
                if (entry.IsDeleted) counts.OutcomesOfDeleted++;
            }
            counts.Entries++;
            counts.Participants += entry.Participants.Count;
            if (entry.HeadCount is not null) counts.WithHeadCount++;
            if (entry.IsDeleted) counts.Deleted++;
            if (_entries.Count == EntriesPerTransaction) await CommitAsync();
        }

        public async Task CommitAsync()
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            LogbookImportWriter.WriteLogbook(db, transaction.GetDbTransaction(), _entries, _outcomes);
            await transaction.CommitAsync();
            _entries.Clear();
            _outcomes.Clear();
        }

        public async ValueTask DisposeAsync()
        {
            // PostgreSQL's planner needs the statistics of the loaded tables now; its autovacuum would gather them later.
            await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "PRAGMA wal_checkpoint(TRUNCATE);" : "ANALYZE;");
            await db.DisposeAsync();
        }
    }
}
