using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Retention;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BoligSocialt.Tests.Services;

public sealed class RetentionServiceTests : IAsyncLifetime
{
    /// <summary>Under the default five years, anything recorded from 1 January 2022 on keeps a resident.</summary>
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 3, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private Actor _mentor = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Mette Mentor", StaffRoles.Mentor, "Team1");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private RetentionService Service() => new(_database, new FixedClock(Now), NullLogger<RetentionService>.Instance);

    /// <summary>
    /// A former resident (due), one who shared an entry with her and is still in the logbook on the first day of the
    /// period (not due), one with an open case since 2021, one new.
    /// </summary>
    private async Task<(Resident Former, Resident Recent)> SeedAsync()
    {
        var (former, _) = await RetentionScenario.FormerResidentAsync(_database, _mentor.StaffMemberId, "Amina Hussein");
        var (recent, _) = await RetentionScenario.FormerResidentAsync(_database, _mentor.StaffMemberId, "Fatima Omar");
        await RetentionScenario.EntryAsync(_database, _mentor.StaffMemberId, new DateOnly(2021, 12, 31), "Amina og Fatima til fællesspisning", former.Id, recent.Id);
        await RetentionScenario.EntryAsync(_database, _mentor.StaffMemberId, new DateOnly(2022, 1, 1), "Fatima ringede", recent.Id);
        await RetentionScenario.ResidentWithOpenCaseAsync(_database, _mentor.StaffMemberId, "Omar Abdi");
        await Scenario.AddResidentAsync(_database, "Leyla Yilmaz");
        return (former, recent);
    }

    [Fact]
    public async Task Dry_run_counts_who_is_due_and_changes_nothing()
    {
        var (former, _) = await SeedAsync();
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var run = await Service().DryRunAsync();

        Assert.True(run.DryRun);
        Assert.Equal((5, new DateOnly(2022, 1, 1)), (run.Years, run.PeriodStart));
        // Amina: her follow-up's note and the shared entry's, her case's closure note and goal, her referral's reason,
        // the age band of her job.
        Assert.Equal(new AnonymisationCounts(1, 1, 2, 2, 1, 1), run.Counts);
        await using var check = _database.CreateDbContext();
        var unchanged = await check.Residents.SingleAsync(r => r.Id == former.Id);
        Assert.Equal(("Amina Hussein", RetentionScenario.Phone, RetentionScenario.Born, false),
            (unchanged.Name, unchanged.Phone, unchanged.BirthDate, unchanged.IsAnonymised));
        Assert.Empty(await Scenario.AuditSinceAsync(_database, lastAudit));
        Assert.Null((await check.RetentionSchedules.SingleAsync()).LastRunAt);
        Assert.Equal(0, await check.Outcomes.CountAsync(o => o.AgeBand != null));
    }

    [Fact]
    public async Task Run_anonymises_the_due_resident_audited_as_the_schedule_and_leaves_everyone_else()
    {
        var (former, recent) = await SeedAsync();
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var run = await Service().RunAsync();

        Assert.False(run.DryRun);
        Assert.Equal(1, run.Counts.Residents);
        await using var db = _database.CreateDbContext();
        var gone = await db.Residents.SingleAsync(r => r.Id == former.Id);
        Assert.Equal((Resident.AnonymisedName, null, new DateOnly(1994, 1, 1), Now), (gone.Name, gone.Phone, gone.BirthDate, gone.AnonymisedAt));
        Assert.Empty(gone.Residences);
        var area = await db.Departments.Where(d => d.Name == "Granparken").Select(d => d.HousingAreaId).SingleAsync();
        Assert.Equal([(area, new DateOnly(2015, 1, 1))], gone.AreaHistory.Select(a => (a.HousingAreaId, a.From)).ToArray());
        var course = await db.Cases.SingleAsync(c => c.ResidentId == former.Id);
        Assert.Null(course.Closure!.Note);
        Assert.All(course.Goals, g => Assert.Equal(Anonymisation.RemovedText, g.Text));
        Assert.Equal(Anonymisation.RemovedText, (await db.Referrals.SingleAsync(r => r.ResidentId == former.Id)).Reason);
        var outcome = await db.Outcomes.SingleAsync(o => o.ResidentId == former.Id);
        Assert.Equal("18-29", outcome.AgeBand);
        // The entry Amina shared with Fatima loses its note for both (privacy first); Fatima is otherwise untouched.
        var notes = await db.LogbookEntries.Where(e => e.Participants.Any(p => p.ResidentId == former.Id)).Select(e => e.Note).ToListAsync();
        Assert.Equal([null, null], notes);
        var kept = await db.Residents.SingleAsync(r => r.Id == recent.Id);
        Assert.Equal(("Fatima Omar", false), (kept.Name, kept.IsAnonymised));
        Assert.Equal(1, await db.Residents.CountAsync(r => r.AnonymisedAt != null));
        // Audited by the schedule, an update of each record it changed; the schedule's own run recorded.
        var audit = await Scenario.AuditSinceAsync(_database, lastAudit);
        Assert.All(audit, a => Assert.Equal((RetentionService.AuditActor, AuditAction.Update), (a.Actor, a.Action)));
        Assert.Contains(audit, a => a.EntityType == "Resident" && a.EntityId == former.Id.ToString());
        Assert.DoesNotContain(audit, a => a.EntityId == recent.Id.ToString());
        var schedule = await db.RetentionSchedules.SingleAsync();
        Assert.Equal((Now, 1), (schedule.LastRunAt, schedule.LastRunResidents));
    }

    [Fact]
    public async Task An_anonymised_resident_is_never_processed_twice()
    {
        await SeedAsync();
        Assert.Equal(1, (await Service().RunAsync()).Counts.Residents);
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var again = await Service().RunAsync();

        Assert.Equal(AnonymisationCounts.None, again.Counts);
        Assert.DoesNotContain(await Scenario.AuditSinceAsync(_database, lastAudit), a => a.EntityType == "Resident");
    }

    [Fact]
    public async Task A_longer_period_keeps_the_resident()
    {
        await SeedAsync();
        await using (var db = _database.CreateDbContext())
        {
            var schedule = await db.RetentionSchedules.SingleAsync();
            schedule.ChangeYears(6);
            await db.SaveChangesAsync();
        }

        var run = await Service().RunAsync();

        Assert.Equal((6, 0), (run.Years, run.Counts.Residents));
    }

    [Fact]
    public async Task Two_runs_at_the_same_time_anonymise_each_resident_once()
    {
        for (var i = 0; i < 6; i++) await RetentionScenario.FormerResidentAsync(_database, _mentor.StaffMemberId, $"Beboer {i}");

        var runs = await Task.WhenAll(Service().RunAsync(), Service().RunAsync());

        Assert.Equal(6, runs.Sum(r => r.Counts.Residents));
        var audit = await Scenario.AuditAsync(_database);
        Assert.Equal(6, audit.Count(a => a.Actor == RetentionService.AuditActor && a.EntityType == "Resident"));
    }

    [Fact]
    public async Task Records_merged_into_the_person_are_anonymised_with_it()
    {
        var (survivor, _) = await RetentionScenario.FormerResidentAsync(_database, _mentor.StaffMemberId, "Amina Hussein");
        var (duplicate, _) = await RetentionScenario.FormerResidentAsync(_database, _mentor.StaffMemberId, "Amina Husein", new DateOnly(1994, 6, 15));
        await using (var db = _database.CreateDbContext())
            await db.Database.ExecuteSqlAsync($"UPDATE \"Residents\" SET \"MergedIntoId\" = {survivor.Id} WHERE \"Id\" = {duplicate.Id}");

        var run = await Service().RunAsync();

        Assert.Equal((1, 2), (run.Counts.Residents, run.Counts.Records));
        await using var check = _database.CreateDbContext();
        Assert.Equal(2, await check.Residents.CountAsync(r => r.AnonymisedAt != null && r.Name == Resident.AnonymisedName));
    }

    [Fact]
    public async Task A_legacy_logbook_cannot_add_lines_about_an_anonymised_resident()
    {
        await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        var activity = (await RetentionScenario.OldActivityAsync(_database)).Code;
        Assert.True((await LogbookFiles.ImportAsync(_database, LogbookFiles.File(LogbookFiles.Line("2021-03-10", activity: activity)))).Succeeded);
        // Imported on 30 June 2025: under five years, due from 2030 on.
        var run = await new RetentionService(_database, new FixedClock(new DateTimeOffset(2031, 1, 1, 3, 0, 0, TimeSpan.Zero)),
            NullLogger<RetentionService>.Instance).RunAsync();
        Assert.Equal(1, run.Counts.Residents);

        var again = await LogbookFiles.ImportAsync(_database, LogbookFiles.File(LogbookFiles.Line("2025-04-01", activity: "UBMJ")));

        var error = Assert.Single(again.Errors);
        Assert.Equal("Beboer-id 17 er anonymiseret efter opbevaringsreglen: der kan ikke importeres nye linjer om beboeren.", error.Message);
        await using var db = _database.CreateDbContext();
        Assert.Equal(Resident.AnonymisedName, (await db.Residents.SingleAsync(r => r.LegacyId == "17")).Name);
    }

    [Fact]
    public async Task Settings_are_for_administrators_and_a_change_is_audited()
    {
        await SeedAsync();
        var admin = await _database.AddStaffAsync("Anne Admin", StaffRoles.Administrator);
        var settings = new RetentionSettingsService(_database, new FakeCurrentUser(admin), Service());

        var read = await settings.GetAsync();
        Assert.Equal((5, 1, (DateTimeOffset?)null), (read.Years, read.DueNow.Counts.Residents, read.LastRunAt));

        var lastAudit = await Scenario.LastAuditIdAsync(_database);
        await settings.SaveYearsAsync(7);
        Assert.Equal(7, (await settings.GetAsync()).Years);
        var audit = Assert.Single(await Scenario.AuditSinceAsync(_database, lastAudit));
        Assert.Equal((admin.AuditName, AuditAction.Update, "RetentionSchedule", "1"), (audit.Actor, audit.Action, audit.EntityType, audit.EntityId));

        var e = await Assert.ThrowsAsync<DomainException>(() => settings.SaveYearsAsync(0));
        Assert.Equal("Opbevaringsperioden skal være mellem 1 og 30 år efter forløbets afslutning.", e.Message);

        var mentorSettings = new RetentionSettingsService(_database, new FakeCurrentUser(_mentor), Service());
        await Assert.ThrowsAsync<NotFoundException>(() => mentorSettings.GetAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => mentorSettings.SaveYearsAsync(3));
    }
}
