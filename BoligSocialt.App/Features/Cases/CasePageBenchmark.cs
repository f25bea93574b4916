using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace BoligSocialt.App.Features.Cases;

/// <summary>
/// The <c>bench-case</c> verb: one long case in a temporary database, read and rendered on the server as the app does
/// it (goal: the whole case page with 200 timeline entries in 100 ms or less). The page is rendered to HTML by
/// <see cref="HtmlRenderer"/> over the app's own services, as the server prerenders it for a request. It reports; it
/// asserts nothing (see docs/performance.md).
/// </summary>
internal static partial class CasePageBenchmark
{
    public const int DefaultEntries = 200;

    /// <summary>The responsible mentor, the one signed in; the others are the team's caseworkers, two of them assisting.</summary>
    public static readonly IReadOnlyList<string> StaffNames =
    [
        "Camilla Frost", "Nasra Abdullahi", "Rasmus Vinther", "Dilan Demir", "Tobias Kjeldsen", "Louise Brandt",
        "Hamza El-Amin", "Signe Thorsen", "Kasper Holt", "Rukiye Şahin", "Anders Bloch", "Yasmin Rahimi",
    ];

    private const double RenderGoalMs = 100;
    private const string ActivityCode = "UBMA";
    private const string AuditActor = "system:bench";
    private const int Assistants = 2;
    /// <summary>How far back the case opened: 200 entries are then about two a week, a long and busy mentor course.</summary>
    private const int CaseAgeDays = 700;

    private static readonly string[] Goals =
        ["Få et CV, der kan sendes", "Komme i praktik i en butik eller et lager", "Blive bedre til dansk i hverdagen", "Få styr på økonomien"];

    private static readonly (string Text, string Responsible)[] Agreements =
    [
        ("Skrive et udkast til CV", "Beboeren"), ("Ringe til jobrådgiveren om praktik", "Mentor"), ("Tilmelde sig danskundervisning", "Beboeren"),
        ("Finde tre stillingsopslag", "Beboeren"), ("Booke tid hos Borgerservice om budget", "Mentor"), ("Tage med til jobmesse i Odense", "Beboeren"),
        ("Aflevere lægeerklæring til jobcentret", "Beboeren"), ("Følge op med praktikstedet", "Mentor"), ("Søge om bus- og togkort", "Beboeren"),
        ("Forberede samtale hos vikarbureau", "Beboeren"),
    ];

    private const int AgreementsDone = 7;

    /// <summary>Sentences of the kind mentors write; an entry's note is one to three of them.</summary>
    private static readonly string[] NoteSentences =
    [
        "Samtale i beboerhuset om ugens jobsøgning.",
        "Beboeren har sendt to ansøgninger og fået svar på den ene.",
        "Vi gennemgik CV'et sammen og rettede erfaringen fra rengøringsjobbet.",
        "Beboeren var træt og havde sovet dårligt; vi talte om faste rutiner og om at komme ud om morgenen.",
        "Kontakt til praktikstedet: de vil gerne se beboeren til en samtale i næste uge.",
        "Ringede, men beboeren tog ikke telefonen. Sendte en sms med en ny tid.",
        "Beboeren fortalte om bekymring for en søn i skolen; henvist til familierådgivningen.",
        "Fulgtes til jobcentret og deltog i samtalen med jobrådgiveren om næste skridt.",
        "Vi øvede en jobsamtale på dansk, og beboeren var mere sikker end sidst.",
        "Gennemgik brev fra kommunen om ydelsen og hjalp med at svare i Digital Post.",
        "Beboeren er startet i danskundervisning to formiddage om ugen.",
        "Kort opfølgning: aftalerne fra sidst er overholdt.",
        "Praktikken går godt ifølge lederen; beboeren møder til tiden og får ros for sit arbejde.",
        "Snak om transport: cykel er ordnet, og buskortet er søgt.",
    ];

    private static readonly LogbookEntryKind[] EntryKinds =
        [LogbookEntryKind.FollowUp, LogbookEntryKind.FollowUp, LogbookEntryKind.Conversation, LogbookEntryKind.Conversation, LogbookEntryKind.PhoneCall];

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>The long case, its responsible mentor and what the case page shows of it.</summary>
    public sealed record Seeded(Guid CaseId, Actor Mentor, string MentorName, string Activity, int Entries, int Goals, int Agreements,
        int Outcomes, int Assistants, int TeamStaff, TimeSpan Took);

    public static async Task<int> RunAsync(int runs, int entries, TextWriter output)
    {
        var clock = TimeProvider.System;
        var folder = Directory.CreateTempSubdirectory("boligsocialt-bench-");
        var file = Path.Combine(folder.FullName, "bench.db");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = $"Data Source={file}" })
                .Build();
            await using var services = new ServiceCollection().AddDatabase(configuration).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await Database.PrepareAsync(factory);
            var seeded = await SeedAsync(factory, entries, clock);

            var queries = new CaseQueries(factory, new FixedUser(seeded.Mentor), clock);
            await queries.GetAsync(seeded.CaseId);
            var readTimes = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await queries.GetAsync(seeded.CaseId);
                readTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            await using var pageServices = PageServices(factory, seeded.Mentor, seeded.CaseId, clock);
            var (firstMs, page) = await RenderAsync(pageServices, seeded.CaseId);
            if (page.TimelineItems != seeded.Entries)
                throw new InvalidOperationException($"The case page rendered {page.TimelineItems} timeline entries, not {seeded.Entries}: it did not render the whole case.");
            var renderTimes = new List<double>();
            for (var i = 0; i < runs; i++) renderTimes.Add((await RenderAsync(pageServices, seeded.CaseId)).Ms);

            Report(output, clock, file, seeded, new Timings(readTimes), firstMs, page, new Timings(renderTimes));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
        return CommandLine.Success;
    }

    /// <summary>
    /// The services the case page and its parts use, as the app registers them, acting as the mentor, with the page's
    /// address (MudBlazor's snackbars need a navigation manager). Static rendering runs no OnAfterRender, where MudBlazor
    /// calls JavaScript, so the JS runtime is one that refuses every call.
    /// </summary>
    private static ServiceProvider PageServices(IDbContextFactory<AppDbContext> factory, Actor actor, Guid caseId, TimeProvider clock) =>
        new ServiceCollection()
            .AddLogging()
            .AddMudServices()
            .AddSingleton(factory)
            .AddSingleton(clock)
            .AddSingleton<ICurrentUser>(new FixedUser(actor))
            .AddSingleton<IJSRuntime, NoJavaScript>()
            .AddSingleton<NavigationManager>(new CasePageAddress(caseId))
            .AddScoped<CaseQueries>()
            .AddScoped<CaseService>()
            .BuildServiceProvider();

    private sealed record RenderedPage(int TimelineItems, int HtmlChars);

    /// <summary>One request's prerender of the page: a new scope and renderer, the case read, the whole page written as HTML.</summary>
    private static async Task<(double Ms, RenderedPage Page)> RenderAsync(IServiceProvider services, Guid caseId)
    {
        var start = Stopwatch.GetTimestamp();
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<CasePage>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(CasePage.Id)] = caseId }));
            return root.ToHtmlString();
        });
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return (ms, new RenderedPage(TimelineItem().Count(html), html.Length));
    }

    /// <summary>
    /// One open case of a mentor activity with a three-party start meeting, opened <see cref="CaseAgeDays"/> days ago:
    /// the start meeting and <paramref name="entries"/> - 1 follow-ups, conversations and phone calls with notes, by the
    /// responsible mentor and two assisting colleagues; four goals, ten agreements (seven done), two outcomes, the next
    /// follow-up agreed. The team gets <see cref="StaffNames"/> as caseworkers. Also used by the circuit benchmark, on
    /// the app's own database.
    /// </summary>
    public static async Task<Seeded> SeedAsync(IDbContextFactory<AppDbContext> factory, int entries, TimeProvider clock)
    {
        var started = Stopwatch.GetTimestamp();
        var random = new Random(20_261_124);
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync();
        db.AuditActor = AuditActor;

        var activity = await db.Activities.Include(a => a.PlanPeriod).Include(a => a.FocusArea)
            .SingleAsync(a => a.Code == ActivityCode);
        var department = await db.Departments.AsNoTracking().OrderBy(d => d.Id).FirstAsync();
        var staff = StaffNames.Select(name => new StaffMember(name, null, StaffRoles.Mentor, activity.FocusArea!.TeamId)).ToList();
        db.StaffMembers.AddRange(staff);
        var mentor = staff[0];
        var assistants = staff.Skip(1).Take(Assistants).ToList();

        var openedOn = Max(today.AddDays(-CaseAgeDays), activity.PlanPeriod!.Start);
        var resident = new Resident("Fadumo Abdi Warsame", today.AddYears(-34).AddDays(-117), "+4561234567", mentor.Id, clock.GetUtcNow());
        resident.MoveTo(department.Id, openedOn.AddYears(-6));
        resident.GiveRegistrationConsent(openedOn, mentor.Id, today);
        resident.GiveSharingConsent(openedOn, mentor.Id, today);
        db.Residents.Add(resident);

        var found = Case.Open(resident.Id, activity, mentor.Id, openedOn);
        db.Cases.Add(found);
        foreach (var assistant in assistants) found.AddAssistant(assistant.Id);
        var meetingOn = openedOn.AddDays(7);
        var log = new List<LogbookEntry>
        {
            found.RecordStartMeeting(activity, new StartMeeting(meetingOn, "Jens Hansen", "Jobcenter Odense", [], "Beboeren vil gerne arbejde med kunder."),
                Goals[..3], mentor.Id, today),
        };
        var span = today.DayNumber - meetingOn.DayNumber;
        for (var i = 1; i < entries; i++)
        {
            var on = DateOnly.FromDayNumber(meetingOn.DayNumber + (int)((long)span * i / Math.Max(entries - 1, 1)));
            var by = random.Next(5) == 0 ? assistants[random.Next(assistants.Count)] : mentor;
            var note = string.Join(" ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => NoteSentences[random.Next(NoteSentences.Length)]));
            log.Add(found.RecordFollowUp(EntryKinds[random.Next(EntryKinds.Length)], on, note, i == entries - 1 ? today.AddDays(14) : null, by.Id, today));
        }
        db.LogbookEntries.AddRange(log);

        found.AddGoal(Goals[3]);
        var goals = found.Goals.ToList();
        found.SetGoalStatus(goals[0].Id, GoalStatus.Reached);
        found.SetGoalStatus(goals[2].Id, GoalStatus.PartlyReached);
        for (var i = 0; i < Agreements.Length; i++)
        {
            var agreement = found.AddAgreement(Agreements[i].Text, Agreements[i].Responsible,
                DateOnly.FromDayNumber(meetingOn.DayNumber + (span + 30) * (i + 1) / Agreements.Length));
            if (i < AgreementsDone) found.CompleteAgreement(agreement.Id);
        }
        var housingAreaId = department.HousingAreaId;
        found.RecordOutcome(activity, OutcomeKind.Internship, meetingOn.AddDays(span / 2), housingAreaId, today);
        found.RecordOutcome(activity, OutcomeKind.WageSubsidyJob, meetingOn.AddDays(span * 5 / 6), housingAreaId, today);
        await db.SaveChangesAsync();

        return new Seeded(found.Id, new Actor(mentor.Id, mentor.Roles, mentor.TeamId), mentor.Name, activity.Name, log.Count, found.Goals.Count,
            found.Agreements.Count, found.Outcomes.Count, found.Assistants.Count, staff.Count, Stopwatch.GetElapsedTime(started));
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static void Report(TextWriter output, TimeProvider clock, string file, Seeded seeded, Timings readTimes, double firstRenderMs,
        RenderedPage page, Timings renderTimes)
    {
        void Line(FormattableString text) => output.WriteLine(text.ToString(Danish));

        Line($"BoligSocialt bench-case: forløbssiden med en lang tidslinje");
        Line($"Maskine:   {Benchmarking.Machine()}");
        Line($"Dato:      {clock.GetLocalNow():yyyy-MM-dd HH':'mm zzz}");
        Line($"Database:  {file} (midlertidig, slettes bagefter)");
        Line($"Data:      ét åbent forløb i {seeded.Activity} med {seeded.Entries} indførsler i tidslinjen, {seeded.Goals} mål, {seeded.Agreements} aftaler, {seeded.Outcomes} resultater, {seeded.Assistants} assisterende kolleger, {seeded.TeamStaff} medarbejdere i teamet; fyldt på {seeded.Took.TotalSeconds:0.0} s");
        Line($"");
        Line($"Forløbets data (CaseQueries.GetAsync som ansvarlig mentor, med revisionslinjen for læsningen), {readTimes.Count} målinger efter én opvarmning:");
        Line($"  min {readTimes.Min:0.0} ms · median {readTimes.Median:0.0} ms · p95 {readTimes.P95:0.0} ms · max {readTimes.Max:0.0} ms");
        Line($"");
        Line($"Hele siden som HTML på serveren (CasePage med HtmlRenderer og appens services, data læst i målingen), {renderTimes.Count} målinger efter én opvarmning:");
        Line($"  gengivet: {page.TimelineItems} indførsler i tidslinjen, {page.HtmlChars / 1024.0:0} KB HTML");
        Line($"  første gengivelse (sidens kode oversættes af JIT; forespørgslerne er allerede kørt): {firstRenderMs:0} ms");
        Line($"  min {renderTimes.Min:0.0} ms · median {renderTimes.Median:0.0} ms · p95 {renderTimes.P95:0.0} ms · max {renderTimes.Max:0.0} ms");
        Line($"  mål: højst {RenderGoalMs:0} ms: {Benchmarking.Verdict(renderTimes.Median <= RenderGoalMs)} for medianen, {Benchmarking.Verdict(renderTimes.Max <= RenderGoalMs)} for den langsomste");
    }

    [GeneratedRegex("data-testid=\"timeline-item\"")]
    private static partial Regex TimelineItem();


    /// <summary>Static rendering calls no JavaScript; a call would mean the figures are not those of a static render.</summary>
    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"The static render called JavaScript ({identifier}).");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }

    /// <summary>The case page's address, as the server's navigation manager has it while prerendering.</summary>
    private sealed class CasePageAddress : NavigationManager
    {
        public CasePageAddress(Guid caseId) => Initialize("http://localhost/", $"http://localhost/forloeb/{caseId}");
    }
}
