using System.Collections.Concurrent;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Tests.Browser;
using BoligSocialt.Tests.Browser.Pages;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Startup;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Reliability;

/// <summary>
/// The web app run as a process of its own and killed (SIGKILL) while a mentor's tablets save follow-ups in Chromium:
/// after a restart on the same database, every follow-up the page confirmed is there, in the case's timeline too, and
/// every follow-up in the database is whole: the entry, its participant, the case's new version and both audit rows.
/// </summary>
public sealed class SaveKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Mentor = "Ahmed Hassan";
    /// <summary>Tablets saving at the same time, each in a case of its own (the same case would refuse all but one).</summary>
    private const int Tablets = 4;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private TestDatabase _database = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateDbContext())
            await DemoData.SeedAsync(db, TimeProvider.System);
        Assertions.SetDefaultExpectTimeout(AppServer.TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _database.DisposeAsync();
    }

    private sealed record TabletCase(Guid Id, int Version, Guid ResidentId);

    [Fact]
    public async Task Killed_while_tablets_save_follow_ups_the_restarted_app_has_every_confirmed_one_and_only_whole_ones()
    {
        Guid mentorId;
        await using (var db = _database.CreateDbContext())
            mentorId = await db.StaffMembers.Where(s => s.Name == Mentor).Select(s => s.Id).SingleAsync();
        var cases = new List<TabletCase>();
        for (var i = 0; i < Tablets; i++)
        {
            var resident = await Scenario.AddResidentAsync(_database, $"Tablet Beboer {i}", mentorId);
            var opened = await Scenario.AddCaseAsync(_database, resident.Id, Scenario.Team1Youth, mentorId);
            cases.Add(new TabletCase(opened.Id, opened.Version, resident.Id));
        }
        var random = new Random();
        var killAfter = random.Next(2 * Tablets, 4 * Tablets + 1);
        var killDelay = TimeSpan.FromMilliseconds(random.Next(250));

        var confirmed = new ConcurrentBag<(Guid CaseId, string Note)>();
        var inFlight = new ConcurrentDictionary<int, string>();
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var server = await AppServerProcess.StartAsync(_database.Path))
        {
            var context = await SignInAsync(server);
            var tablets = new List<CasePage>();
            foreach (var tabletCase in cases)
            {
                var page = new CasePage(await context.NewPageAsync());
                await page.GotoAsync(tabletCase.Id);
                tablets.Add(page);
            }

            var saving = tablets.Select((page, i) => SaveUntilKilledAsync(page, cases[i].Id, i)).ToList();
            var deadline = DateTime.UtcNow + Timeout;
            while (confirmed.Count < killAfter)
            {
                if (saving.FirstOrDefault(s => s.IsFaulted) is { } failed) await failed;
                Assert.True(DateTime.UtcNow < deadline, $"Only {confirmed.Count} follow-ups were confirmed in {Timeout.TotalSeconds} s.");
                await Task.Delay(5);
            }
            await Task.Delay(killDelay);
            var (inFlightAtKill, confirmedAtKill) = (inFlight.Count, confirmed.Count);
            Assert.Equal(AppCommandProcess.KilledExitCode, await server.KillAsync());
            killed.SetResult();
            await Task.WhenAll(saving);
            await context.DisposeAsync();
            output.WriteLine($"Killed {killDelay.TotalMilliseconds:0} ms after the {killAfter}th confirmation, with {confirmedAtKill} confirmed and " +
                $"{inFlightAtKill} saves in flight; {confirmed.Count} follow-ups confirmed in all.");
        }

        await using (var restarted = await AppServerProcess.StartAsync(_database.Path))
        {
            Assert.Equal(["ok"], TempFolder.Query(_database.Path, "PRAGMA integrity_check"));
            Assert.Empty(TempFolder.Query(_database.Path, "PRAGMA foreign_key_check"));
            await using var db = _database.CreateDbContext();
            var caseIds = cases.Select(c => c.Id).ToList();
            var entries = await db.LogbookEntries.AsNoTracking().Where(e => e.CaseId != null && caseIds.Contains(e.CaseId.Value)).ToListAsync();
            var audited = entries.Select(e => e.Id).Concat(caseIds).Select(id => id.ToString()).ToList();
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action != AuditAction.Read && audited.Contains(a.EntityId)).ToListAsync();
            var saved = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Version);

            // Nothing confirmed is lost.
            foreach (var (caseId, note) in confirmed)
                Assert.Single(entries, e => e.CaseId == caseId && e.Note == note);
            // Every follow-up saved is whole: the entry with the case's resident, its creation audited, the case one
            // version further with its change audited; nothing of a save that did not commit.
            foreach (var tabletCase in cases)
            {
                var ofCase = entries.Where(e => e.CaseId == tabletCase.Id).ToList();
                Assert.All(ofCase, e =>
                {
                    Assert.Equal((LogbookEntryKind.FollowUp, mentorId), (e.Kind, e.StaffMemberId));
                    Assert.Equal([tabletCase.ResidentId], e.Participants.Select(p => p.ResidentId));
                });
                Assert.Equal(tabletCase.Version + ofCase.Count, saved[tabletCase.Id]);
                Assert.Equal(ofCase.Count, audit.Count(a => a.EntityType == nameof(Case) && a.EntityId == tabletCase.Id.ToString() && a.Action == AuditAction.Update));
                Assert.All(ofCase, e => Assert.Single(audit, a => a.EntityType == nameof(LogbookEntry) && a.EntityId == e.Id.ToString() && a.Action == AuditAction.Create));
            }
            output.WriteLine($"After the restart: {entries.Count} follow-ups in the database, {confirmed.Count} of them confirmed before the kill.");

            // And the mentor sees them: every confirmed follow-up in its case's timeline.
            var context = await SignInAsync(restarted);
            var page = new CasePage(await context.NewPageAsync());
            foreach (var tabletCase in cases)
            {
                await page.GotoAsync(tabletCase.Id);
                await Expect(page.TimelineItems).ToHaveCountAsync(entries.Count(e => e.CaseId == tabletCase.Id));
                foreach (var (_, note) in confirmed.Where(c => c.CaseId == tabletCase.Id))
                    await Expect(page.TimelineItem("Opfølgning", Mentor, note)).ToHaveCountAsync(1);
            }
            await context.DisposeAsync();
        }

        // One tablet: types a follow-up, saves it, and watches for it in the timeline until the server is killed; what the
        // page shows then is what the mentor saw confirmed. The next one is typed once the form is empty again.
        async Task SaveUntilKilledAsync(CasePage page, Guid caseId, int tablet)
        {
            for (var n = 1; !killed.Task.IsCompleted; n++)
            {
                var note = $"Tablet {tablet} opfølgning {n}";
                try
                {
                    await Expect(page.FollowUpSave).ToBeEnabledAsync(new() { Timeout = StepTimeoutMs });
                    await Expect(page.FollowUpNote).ToHaveValueAsync("", new() { Timeout = StepTimeoutMs });
                    await page.FollowUpNote.FillAsync(note);
                    await page.FollowUpNote.PressAsync("Tab");
                    if (killed.Task.IsCompleted) return;
                    inFlight[tablet] = note;
                    await page.FollowUpSave.ClickAsync();
                }
                catch (Exception) when (killed.Task.IsCompleted)
                {
                    // The server went away while the note was typed: nothing was confirmed.
                    return;
                }
                var shown = page.TimelineItem("Opfølgning", Mentor, note);
                while (await shown.CountAsync() == 0 && !killed.Task.IsCompleted)
                    await Task.WhenAny(killed.Task, Task.Delay(10));
                if (await shown.CountAsync() == 1) confirmed.Add((caseId, note));
                inFlight.TryRemove(tablet, out _);
            }
        }
    }

    /// <summary>A step of a tablet waits this long: the machine the tests run on can be very busy.</summary>
    private const float StepTimeoutMs = 60_000;

    /// <summary>Signs the mentor in through the development sign-in page in a new browser context (its pages share the cookie).</summary>
    private async Task<IBrowserContext> SignInAsync(AppServerProcess server)
    {
        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 768, Height = 1024 },
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        context.SetDefaultNavigationTimeout(StepTimeoutMs);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/konto/udvikler-log-ind");
        await page.Locator("button[data-testid=sign-in-as]", new() { HasText = $"Log ind som {Mentor}" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.CloseAsync();
        return context;
    }
}
