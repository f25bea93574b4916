using System.Globalization;
using System.Text;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// Export → import into an empty database → measure gives the same figures. The source database holds a random legacy
/// logbook of four years (moves between areas, Kertemindevejkvarteret, outcomes of every kind, head counts, lines of
/// one delivery to several residents) plus entries made in the app (several residents, a deleted one). Compared are the
/// figures the logbook carries: every indicator row and, per activity, meetings, entries by kind, distinct residents,
/// head count and outcomes. (Referrals and cases are not part of the logbook format.)
/// </summary>
public sealed class MeasurementRoundTripTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _source = null!;
    private TestDatabase _target = null!;

    public async Task InitializeAsync()
    {
        _source = await TestDatabase.CreateAsync();
        _target = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_measures_the_same()
    {
        await using (var db = _source.CreateDbContext())
        {
            var imported = await LogbookImport.RunAsync(db, Utf8(LegacyLogbook(new Random(7))), "test", save: true, Now);
            Assert.Empty(imported.Errors);
        }
        await AddEntriesMadeInTheAppAsync();

        var export = new MemoryStream();
        await using (var db = _source.CreateDbContext())
            await LogbookExport.WriteAsync(db, null, new LogbookExportRequest(new DateOnly(2021, 1, 1), new DateOnly(2026, 12, 31)), export, "test");
        await using (var db = _target.CreateDbContext())
        {
            export.Position = 0;
            var reimported = await LogbookImport.RunAsync(db, export, "test", save: true, Now);
            Assert.Empty(reimported.Errors);
        }

        var counted = 0;
        for (var year = 2022; year <= 2025; year++)
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            await using var source = _source.CreateDbContext();
            await using var target = _target.CreateDbContext();
            var before = await DeliveryMeasurementService.MeasureAsync(source, year, quarter);
            var after = await DeliveryMeasurementService.MeasureAsync(target, year, quarter);

            Assert.Equal(before.Indicators, after.Indicators);
            Assert.Equal(LogbookFigures(before), LogbookFigures(after));
            counted += before.Indicators.Sum(r => r.YearToDate) + before.Activities.Sum(a => a.LogbookEntries.Values.Sum());
        }
        Assert.True(counted > 2_000, $"only {counted} figures compared");
    }

    /// <summary>The logbook's part of each activity's figures, as comparable text.</summary>
    private static List<string> LogbookFigures(DeliveryMeasurement measurement) => measurement.Activities
        .Select(a => $"{a.Activity}: meetings {Text(a.Meetings)}; entries {Text(a.LogbookEntries)}; residents {a.DistinctResidents}; " +
                     $"head count {a.HeadCount}; outcomes {Text(a.Outcomes)}")
        .ToList();

    private static string Text(IReadOnlyDictionary<string, int> counts) => string.Join(",", counts.Select(c => $"{c.Key}={c.Value}"));

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Four years of a legacy logbook. Each resident lives in a home department and may move once; activities are those
    /// of the plan in force on the line's date, chosen so that the outcome kinds fit them.
    /// </summary>
    private static string LegacyLogbook(Random random)
    {
        string[] departments = ["Granparken", "Hybenhaven", "Slåenhaven", "Korsløkkeparken E", "Påskeløkken", "Ejerslykke 320", "Birkeparken"];
        string[] kinds = ["Samtale", "Opfølgning", "3-partssamtale", "Netværksmøde", "Telefonopfølgning", "Samarbejdsmøde"];
        string[] staff = ["Ahmed Hassan", "Sofie Nielsen", "Karim Yousef"];
        var residents = Enumerable.Range(1, 150).Select(i => new
        {
            Id = $"L{i}",
            Name = $"Beboer {i}",
            Born = new DateOnly(1955, 1, 1).AddDays(random.Next(50 * 365)),
            Home = departments[random.Next(departments.Length)],
            MovesTo = departments[random.Next(departments.Length)],
            MovesOn = new DateOnly(2022, 1, 1).AddDays(random.Next(4 * 365)),
        }).ToList();

        static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string Danish(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        static (string Work, string Spare, string Volunteer) Activities(DateOnly date) =>
            date <= new DateOnly(2024, 9, 30) ? ("BMJ", "FJR", "MOF") : ("UBMJ", "FJR24", "MOF24");

        var lines = new List<string> { "dato;medarbejder;aktivitet;beboer_id;navn;foedselsdato;boligafdeling;registrering;resultat;antal;note" };
        for (var i = 0; i < 1_500; i++)
        {
            var date = new DateOnly(2022, 1, 1).AddDays(random.Next(4 * 365));
            var (work, spare, volunteer) = Activities(date);
            var who = staff[random.Next(staff.Length)];
            var dateText = random.Next(2) == 0 ? Iso(date) : Danish(date);
            if (random.Next(10) == 0)
            {
                lines.Add($"{dateText};{who};{volunteer};;;;;Arrangement;;{random.Next(5, 80)};Fællesspisning");
                continue;
            }
            // A delivery to one resident, or now and then to two or three (one line each, directly after each other).
            var group = random.Next(8) == 0 ? random.Next(2, 4) : 1;
            var kind = kinds[random.Next(kinds.Length)];
            foreach (var person in Enumerable.Range(0, group).Select(_ => residents[random.Next(residents.Count)]).DistinctBy(p => p.Id))
            {
                var department = date >= person.MovesOn ? person.MovesTo : person.Home;
                var (activity, result) = random.Next(6) switch
                {
                    0 => (work, new[] { "Praktikplads", "Løntilskud", "OrdinaryJob", "Påbegyndt uddannelse" }[random.Next(4)]),
                    1 when group == 1 => (spare, "Fritidsjob"),
                    2 when group == 1 => (volunteer, "Volunteering"),
                    _ => (work, ""),
                };
                if (group > 1) (activity, result) = (work, "");
                lines.Add($"{dateText};{who};{activity};{person.Id};{person.Name};{Iso(person.Born)};{department};{kind};{result};;\"Noten, med komma\"");
            }
        }
        return string.Join("\r\n", lines) + "\r\n";
    }

    /// <summary>Entries made in the app: several residents in one entry, a head count, and a deleted entry (not exported, not counted).</summary>
    private async Task AddEntriesMadeInTheAppAsync()
    {
        await using var db = _source.CreateDbContext();
        var staff = new StaffMember("Lone Mikkelsen", "lone@boligsocialt.dk", StaffRoles.TeamLeader, (await db.Teams.FirstAsync()).Id);
        db.StaffMembers.Add(staff);
        var activity = await db.Activities.SingleAsync(a => a.Code == "UBMJ");
        var residents = await db.Residents.OrderBy(r => r.LegacyId).Take(5).Select(r => r.Id).ToListAsync();
        var today = DateOnly.FromDateTime(Now.Date);
        db.LogbookEntries.Add(new LogbookEntry(new DateOnly(2025, 2, 3), staff.Id, activity.Id, LogbookEntryKind.Conversation, residents.Take(3), null, "Samtale i beboerhuset", today));
        db.LogbookEntries.Add(new LogbookEntry(new DateOnly(2025, 5, 6), staff.Id, activity.Id, LogbookEntryKind.Outreach, [], 12, "Gåtur", today));
        var deleted = new LogbookEntry(new DateOnly(2025, 5, 7), staff.Id, activity.Id, LogbookEntryKind.FollowUp, residents.Skip(3), null, null, today);
        deleted.Delete("Registreret to gange", staff.Id, Now);
        db.LogbookEntries.Add(deleted);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
    }
}
