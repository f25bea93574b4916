using System.Diagnostics;
using System.Globalization;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Activity = BoligSocialt.Domain.Catalog.Activity;

namespace BoligSocialt.App.Features.Referrals;

/// <summary>
/// The <c>bench</c> verb: fills a temporary database at the organisation's scale and times, through the app's own
/// services and database registration, loading the allocation board (goal: median 50 ms or less) and the intake's
/// search as one types (goal: 20 ms or less a keystroke). It reports; it asserts nothing (see docs/performance.md).
/// </summary>
internal static class ReferralBenchmark
{
    public const int DefaultResidents = 12_000;
    public const int StaffPerTeam = 20;
    public const int OpenCases = 2_000;
    public const int WaitingReferrals = 500;
    /// <summary>Of the waiting referrals: declined by a caseworker, waiting to be allocated again.</summary>
    public const int DeclinedAndWaiting = 50;
    public const int AllocatedUndecided = 150;

    private const double BoardGoalMs = 50;
    private const double SearchGoalMs = 20;
    private const string Plan = "2024-2028";
    private const string LeaderTeam = "Team1";
    private const string AuditActor = "system:bench";
    private const int BatchSize = 2_000;

    /// <summary>Typed letter by letter at intake. The last is nobody's name: the person is new, the usual case at intake.</summary>
    private static readonly string[] TypedNames = ["Mohammed Hussein", "Søren Østergård", "Amina Warsame", "Kirsten Bækgaard", "Gunnhild Bergström"];
    private const string WarmUpName = "Ali Khan";

    private static readonly string[] FirstNames =
    [
        "Mohammed", "Ahmad", "Ali", "Omar", "Hassan", "Ibrahim", "Yusuf", "Mustafa", "Khalid", "Bilal", "Tariq", "Abdirahman", "Emre",
        "Amina", "Fatima", "Aisha", "Leyla", "Zainab", "Hiba", "Rania", "Noor", "Nadia", "Maryam", "Hodan", "Fadumo", "Zeynep", "Ayşe",
        "Jens", "Søren", "Lars", "Henrik", "Mikkel", "Frederik", "Jørgen", "Mette", "Åse", "Ida", "Emma", "Birthe", "Kirsten",
    ];

    private static readonly string[] LastNames =
    [
        "Hussein", "Ahmadi", "Abdi", "Yilmaz", "Khan", "Osman", "Farah", "Aydin", "Haddad", "Kaya", "Ali", "Mohamud", "Warsame",
        "Al-Hassan", "Çelik", "Öztürk", "Nguyen", "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
        "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Møller", "Østergård", "Kjærgaard", "Bækgaard",
    ];

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static async Task<int> RunAsync(int runs, int residentCount, TextWriter output)
    {
        var clock = TimeProvider.System;
        var folder = Directory.CreateTempSubdirectory("boligsocialt-bench-");
        var file = Path.Combine(folder.FullName, "bench.db");
        try
        {
            await using var services = new ServiceCollection().AddDatabase(Configuration(file)).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await Database.PrepareAsync(factory);
            var seeded = await SeedAsync(factory, residentCount, clock);

            var board = new AllocationBoardService(factory, new FixedUser(seeded.Leader), clock);
            var loaded = await board.LoadAsync();
            var boardTimes = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                loaded = await board.LoadAsync();
                boardTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            var search = new ResidentService(factory, new FixedUser(seeded.Mentor), clock);
            foreach (var typed in Keystrokes(WarmUpName)) await search.SearchAsync(typed, scope: ResidentSearchScope.Organisation);
            var searches = new List<(string Name, List<double> Times, int Found)>();
            foreach (var name in TypedNames)
            {
                var times = new List<double>();
                var found = 0;
                foreach (var typed in Keystrokes(name))
                {
                    var start = Stopwatch.GetTimestamp();
                    found = (await search.SearchAsync(typed, scope: ResidentSearchScope.Organisation)).Count;
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                searches.Add((name, times, found));
            }

            Report(output, clock, file, seeded, loaded, new Timings(boardTimes), searches);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
        return CommandLine.Success;
    }

    private static IConfiguration Configuration(string file) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = $"Data Source={file}" })
            .Build();

    /// <summary>What the search is called with as a name is typed: every prefix the organisation search accepts.</summary>
    private static IEnumerable<string> Keystrokes(string name) =>
        Enumerable.Range(ResidentService.MinOrganisationQueryLength, name.Length - ResidentService.MinOrganisationQueryLength + 1)
            .Select(length => name[..length]);

    private sealed record Seeded(Actor Leader, Actor Mentor, string Team, int Staff, int Residents, int LogbookEntries, TimeSpan Took);

    /// <summary>
    /// Two teams of a leader and mentors and counsellors; residents across the departments; open cases spread over every
    /// caseworker (each from an accepted referral, some followed up in the last month, some not); referrals allocated and
    /// not yet decided; and the waiting referrals, all of the leader's team so that the board shows every one of them.
    /// Each referral has a resident of its own while there are residents enough (at the default scale).
    /// </summary>
    private static async Task<Seeded> SeedAsync(IDbContextFactory<AppDbContext> factory, int residentCount, TimeProvider clock)
    {
        var started = Stopwatch.GetTimestamp();
        var random = new Random(20_261_124);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync();
        db.AuditActor = AuditActor;
        var pending = 0;
        var logbookEntries = 0;

        async Task AddAsync(params object[] entities)
        {
            db.AddRange(entities);
            pending += entities.Length;
            if (pending < BatchSize) return;
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            pending = 0;
        }

        DateOnly Between(DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Code).ToListAsync();
        var departments = await db.Departments.AsNoTracking().Select(d => d.Id).ToListAsync();
        var activities = await db.Activities.AsNoTracking().Include(a => a.PlanPeriod).Include(a => a.FocusArea)
            .Where(a => a.IsActive && a.PlanPeriod!.Code == Plan).ToListAsync();
        var plan = activities.FirstOrDefault()?.PlanPeriod
            ?? throw new InvalidOperationException($"The catalogue has no active activities of the plan {Plan}.");
        var last = plan.End < today ? plan.End : today;

        var staff = new List<StaffMember>();
        foreach (var team in teams)
        {
            // Team 2 is led by the head, as in the catalogue.
            staff.Add(new StaffMember(Name(random), null, team.Code == LeaderTeam ? StaffRoles.TeamLeader : StaffRoles.Head, team.Id));
            for (var i = 1; i < StaffPerTeam; i++)
                staff.Add(new StaffMember(Name(random), null, i % 3 == 0 ? StaffRoles.Counsellor : StaffRoles.Mentor, team.Id));
        }
        await AddAsync([.. staff]);
        var caseworkers = staff.Where(s => s.Has(StaffRoles.Mentor | StaffRoles.Counsellor)).ToList();

        var residents = new List<Resident>(residentCount);
        for (var i = 0; i < residentCount; i++)
        {
            var phone = random.Next(3) == 0 ? null : $"+45{random.Next(20_000_000, 99_999_999)}";
            var resident = new Resident(Name(random), today.AddDays(-random.Next(16 * 365, 80 * 365)), phone,
                caseworkers[random.Next(caseworkers.Count)].Id, now);
            var department = random.Next(departments.Count);
            var movedIn = today.AddDays(-random.Next(30, 15 * 365));
            resident.MoveTo(departments[department], movedIn);
            if (i % 8 == 0)
                resident.MoveTo(departments[(department + 1 + random.Next(departments.Count - 1)) % departments.Count], Between(movedIn.AddDays(1), today));
            resident.GiveRegistrationConsent(plan.Start.AddDays(-random.Next(1, 365)), caseworkers[random.Next(caseworkers.Count)].Id, today);
            residents.Add(resident);
            await AddAsync(resident);
        }

        var nextResident = 0;
        Referral NewReferral(Activity activity, DateOnly receivedOn)
        {
            var source = activity.ReferredBy.Count > 0 && random.Next(4) > 0
                ? activity.ReferredBy[random.Next(activity.ReferredBy.Count)]
                : Referral.SelfReferralSource;
            var recorder = caseworkers[random.Next(caseworkers.Count)];
            return new Referral(residents[nextResident++ % residents.Count], activity, source,
                source == Referral.SelfReferralSource ? null : "Henviser Hansen", null, "Ønsker hjælp til job eller uddannelse", receivedOn,
                recorder.Id, today);
        }

        Activity ActivityOf(int teamId)
        {
            var ofTeam = activities.Where(a => a.FocusArea!.TeamId == teamId).ToList();
            return ofTeam[random.Next(ofTeam.Count)];
        }

        for (var i = 0; i < OpenCases; i++)
        {
            var worker = caseworkers[i % caseworkers.Count];
            var activity = ActivityOf(worker.TeamId!.Value);
            var referral = NewReferral(activity, Between(plan.Start, last));
            var allocated = Between(referral.ReceivedOn, Min(referral.ReceivedOn.AddDays(3), last));
            referral.AllocateTo(worker.Id, allocated);
            var opened = referral.Accept(activity, Between(allocated, Min(allocated.AddDays(5), last)));
            var log = new List<LogbookEntry>
            {
                new(opened.OpenedOn, worker.Id, activity.Id, LogbookEntryKind.Conversation, [referral.ResidentId], null, "Første samtale", today, opened.Id),
            };
            if (random.Next(5) < 3)
            {
                var followUp = Between(Max(opened.OpenedOn, today.AddDays(-AllocationBoardService.FollowUpDays + 1)), today);
                log.Add(new(followUp, worker.Id, activity.Id, LogbookEntryKind.FollowUp, [referral.ResidentId], null, "Opfølgning på aftaler", today, opened.Id));
            }
            logbookEntries += log.Count;
            await AddAsync([referral, opened, .. log]);
        }

        for (var i = 0; i < AllocatedUndecided; i++)
        {
            var worker = caseworkers[random.Next(caseworkers.Count)];
            var referral = NewReferral(ActivityOf(worker.TeamId!.Value), Between(Max(plan.Start, last.AddDays(-30)), last));
            referral.AllocateTo(worker.Id, Between(referral.ReceivedOn, last));
            await AddAsync(referral);
        }

        var leaderTeam = teams.Single(t => t.Code == LeaderTeam);
        var leaderTeamWorkers = caseworkers.Where(s => s.TeamId == leaderTeam.Id).ToList();
        for (var i = 0; i < WaitingReferrals; i++)
        {
            var referral = NewReferral(ActivityOf(leaderTeam.Id), Between(Max(plan.Start, last.AddDays(-120)), last));
            if (i < DeclinedAndWaiting)
            {
                var allocated = Between(referral.ReceivedOn, last);
                referral.AllocateTo(leaderTeamWorkers[random.Next(leaderTeamWorkers.Count)].Id, allocated);
                referral.Decline(ReferralDeclineReason.NotReached, "Har ringet tre gange uden svar", Between(allocated, last));
            }
            await AddAsync(referral);
        }
        await db.SaveChangesAsync();

        var leader = staff.Single(s => s.TeamId == leaderTeam.Id && s.Has(StaffRoles.TeamLeader));
        var mentor = leaderTeamWorkers.First(s => s.Has(StaffRoles.Mentor));
        return new Seeded(new Actor(leader.Id, leader.Roles, leaderTeam.Id), new Actor(mentor.Id, mentor.Roles, leaderTeam.Id),
            leaderTeam.Name, staff.Count, residents.Count, logbookEntries, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A first name, now and then a second one, and a last name: many alike, as in the housing areas.</summary>
    private static string Name(Random random)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        if (random.Next(4) == 0) first += " " + FirstNames[random.Next(FirstNames.Length)];
        return $"{first} {LastNames[random.Next(LastNames.Length)]}";
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static void Report(TextWriter output, TimeProvider clock, string file, Seeded seeded, AllocationBoard board, Timings boardTimes,
        List<(string Name, List<double> Times, int Found)> searches)
    {
        void Line(FormattableString text) => output.WriteLine(text.ToString(Danish));

        Line($"BoligSocialt bench: fordelingstavlen og søgningen ved indtag");
        Line($"Maskine:   {Benchmarking.Machine()}");
        Line($"Dato:      {clock.GetLocalNow():yyyy-MM-dd HH':'mm zzz}");
        Line($"Database:  {file} (midlertidig, slettes bagefter)");
        Line($"Data:      {seeded.Residents:N0} beboere, {seeded.Staff} medarbejdere, {OpenCases:N0} åbne forløb med {seeded.LogbookEntries:N0} logbogsindførsler, {AllocatedUndecided} fordelte henvisninger uden beslutning, {WaitingReferrals} ventende henvisninger i {seeded.Team} ({DeclinedAndWaiting} af dem afvist og ventende igen); fyldt på {seeded.Took.TotalSeconds:0.0} s");
        Line($"");
        Line($"Fordelingstavlen (AllocationBoardService.LoadAsync som teamleder i {seeded.Team}), {boardTimes.Count} målinger efter én opvarmning:");
        Line($"  indlæst: {board.Waiting.Count} ventende henvisninger ({board.Waiting.Count(w => w.DeclinedBy is not null)} afvist), {board.Staff.Count} medarbejdere med {board.Staff.Sum(s => s.OpenCases):N0} åbne forløb, {board.Staff.Sum(s => s.WithoutFollowUp):N0} uden opfølgning i {AllocationBoardService.FollowUpDays} dage, {board.Staff.Sum(s => s.AwaitingDecision)} afventer beslutning");
        Line($"  min {boardTimes.Min:0.0} ms · median {boardTimes.Median:0.0} ms · p95 {boardTimes.P95:0.0} ms · max {boardTimes.Max:0.0} ms");
        Line($"  mål: median højst {BoardGoalMs:0} ms: {Benchmarking.Verdict(boardTimes.Median <= BoardGoalMs)}");
        Line($"");
        var all = new Timings(searches.SelectMany(s => s.Times));
        Line($"Søgning ved indtag, mens man skriver (ResidentService.SearchAsync i hele organisationen som mentor), {all.Count} kald efter én opvarmning:");
        foreach (var (name, times, found) in searches)
        {
            var each = new Timings(times);
            Line($"  {"\"" + name + "\"",-22} {times.Count,3} kald, {found,2} fundet til sidst · median {each.Median,5:0.0} ms · max {each.Max,5:0.0} ms");
        }
        Line($"  alle kald: min {all.Min:0.0} ms · median {all.Median:0.0} ms · p95 {all.P95:0.0} ms · max {all.Max:0.0} ms");
        Line($"  mål: højst {SearchGoalMs:0} ms pr. tastetryk: {Benchmarking.Verdict(all.P95 <= SearchGoalMs)} for 95 % af kaldene, {Benchmarking.Verdict(all.Max <= SearchGoalMs)} for det langsomste");
    }
}
