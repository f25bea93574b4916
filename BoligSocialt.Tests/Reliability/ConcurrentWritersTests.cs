using System.Diagnostics;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Startup;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BoligSocialt.Tests.Reliability;

/// <summary>
/// 50 staff members save at the same moment, each through the app's own services and its own contexts from the
/// context factory exactly as the app registers it (<see cref="Database.AddDatabase"/>: WAL, busy timeout) on one SQLite
/// file: every save succeeds (no "database is locked"), and every one is in the database afterwards, whole.
/// </summary>
public sealed class ConcurrentWritersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 50;
    /// <summary>Each round is two saves: a follow-up in the writer's case and a conversation in the logbook.</summary>
    private const int Rounds = 4;

    private TestDatabase _database = null!;
    private ServiceProvider _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = TempFolder.Services($"Data Source={_database.Path}");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_apps_connections_write_ahead_wait_for_another_writers_lock_and_sync_every_commit_to_the_disk()
    {
        await using var db = await TempFolder.Factory(_app).CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        string Pragma(string name)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        // synchronous 2 is FULL: with WAL, each commit's frames are synced before the save returns.
        Assert.Equal(("wal", "2", "10000"), (Pragma("journal_mode"), Pragma("synchronous"), Pragma("busy_timeout")));
    }

    private sealed record Writer(Actor Actor, Guid ResidentId, string ResidentName, Case Case);

    [Fact]
    public async Task Fifty_staff_members_saving_at_once_all_succeed_and_every_save_is_in_the_database_with_its_audit_rows()
    {
        // The 50 mentors, residents and cases in one save: the product's way of opening a case (referral, allocation,
        // acceptance), as Scenario.AddCaseAsync does it one at a time.
        var writers = new List<Writer>();
        int mentoringId;
        await using (var db = _database.CreateDbContext())
        {
            var teamId = await db.Teams.Where(t => t.Code == "Team1").Select(t => t.Id).SingleAsync();
            var departmentId = await db.Departments.Where(d => d.Name == "Granparken").Select(d => d.Id).SingleAsync();
            var activity = await Scenario.ActivityAsync(db, Scenario.Team1Mentoring);
            mentoringId = activity.Id;
            for (var i = 0; i < Writers; i++)
            {
                var mentor = new StaffMember($"Mentor {i:00}", null, StaffRoles.Mentor, teamId);
                var resident = new Resident($"Beboer {i:00}", new DateOnly(1990, 4, 12), null, mentor.Id, DateTimeOffset.UtcNow);
                resident.MoveTo(departmentId, new DateOnly(2015, 1, 1));
                resident.GiveRegistrationConsent(new DateOnly(2025, 1, 1), mentor.Id, Scenario.Today);
                var referral = new Referral(resident, activity, Referral.SelfReferralSource, null, null, "Ønsker hjælp", Scenario.Received, null, Scenario.Today);
                referral.AllocateTo(mentor.Id, Scenario.Allocated);
                var opened = referral.Accept(activity, Scenario.Accepted);
                db.AddRange(mentor, resident, referral, opened);
                writers.Add(new Writer(new Actor(mentor.Id, StaffRoles.Mentor, teamId), resident.Id, resident.Name, opened));
            }
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        var entriesBefore = await Scenario.CountRowsAsync(_database, "LogbookEntries");
        var lastAudit = await Scenario.LastAuditIdAsync(_database);
        var factory = TempFolder.Factory(_app);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var saves = writers.Select(writer => Task.Run(async () =>
        {
            await start.Task;
            var user = new FakeCurrentUser(writer.Actor);
            var cases = new CaseService(factory, user, TimeProvider.System);
            var logbook = new LogbookService(factory, user, TimeProvider.System);
            var version = writer.Case.Version;
            var saved = new List<Guid>();
            for (var round = 0; round < Rounds; round++)
            {
                await cases.RecordFollowUpAsync(writer.Case.Id, version++, LogbookEntryKind.FollowUp, Scenario.Today, $"Opfølgning {round}", null);
                saved.Add(await logbook.RecordAsync(new LogbookForm
                {
                    Date = DateTime.Today,
                    ActivityId = mentoringId,
                    Kind = LogbookEntryKind.Conversation,
                    Residents = [new LogbookResident(writer.ResidentId, writer.ResidentName)],
                    Note = $"Samtale {round}",
                }));
            }
            return saved;
        })).ToList();
        var clock = Stopwatch.StartNew();
        start.SetResult();
        var outcome = await Task.WhenAll(saves.Select(async s =>
        {
            try
            {
                return (Saved: await s, Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Saved: new List<Guid>(), Error: e);
            }
        }));
        clock.Stop();

        var errors = outcome.Where(o => o.Error is not null).Select(o => o.Error!.ToString()).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} of {Writers} writers failed; the first: {errors.FirstOrDefault()}");
        const int expectedSaves = Writers * Rounds * 2;
        output.WriteLine($"{expectedSaves} saves by {Writers} concurrent writers in {clock.Elapsed.TotalSeconds:0.00} s: " +
            $"{expectedSaves / clock.Elapsed.TotalSeconds:0} saves/s");

        Assert.Equal(entriesBefore + expectedSaves, await Scenario.CountRowsAsync(_database, "LogbookEntries"));
        Assert.Equal(entriesBefore + expectedSaves, await Scenario.CountRowsAsync(_database, "LogbookParticipants"));
        await using var check = _database.CreateDbContext();
        var caseIds = writers.Select(w => w.Case.Id).ToList();
        var cases = await check.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        foreach (var writer in writers)
        {
            Assert.Equal(writer.Case.Version + Rounds, cases[writer.Case.Id].Version);
            var entries = await check.LogbookEntries.AsNoTracking().Where(e => e.StaffMemberId == writer.Actor.StaffMemberId)
                .Select(e => new { e.CaseId, e.Note }).ToListAsync();
            Assert.Equal(
                Enumerable.Range(0, Rounds).Select(r => $"Opfølgning {r}").Concat(Enumerable.Range(0, Rounds).Select(r => $"Samtale {r}")).Order(),
                entries.Select(e => e.Note!).Order());
            Assert.Equal(Rounds, entries.Count(e => e.CaseId == writer.Case.Id));
        }
        var audit = await check.AuditEntries.AsNoTracking().Where(a => a.Id > lastAudit && a.Action != AuditAction.Read).ToListAsync();
        Assert.Equal(expectedSaves, audit.Count(a => a.Action == AuditAction.Create && a.EntityType == nameof(LogbookEntry)));
        Assert.Equal(Writers * Rounds, audit.Count(a => a.Action == AuditAction.Update && a.EntityType == nameof(Case)));
        Assert.Equal(["ok"], TempFolder.Query(_database.Path, "PRAGMA integrity_check"));
    }
}
