using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

public sealed class ResidentMergeServiceTests : IAsyncLifetime
{
    /// <summary>Every table that holds a resident's data (consents are columns of Residents).</summary>
    private static readonly string[] PersonalDataTables =
        ["Residents", "Residences", "Referrals", "Cases", "Goals", "Agreements", "Outcomes", "LogbookEntries", "LogbookParticipants", "GroupCourses", "GroupCourseParticipants"];

    private static readonly DateOnly SharingConsentOn = new(2025, 2, 3);

    private TestDatabase _database = null!;
    private Actor _mentor = null!;
    private Actor _leader = null!;
    private Actor _team2Head = null!;
    private Actor _administrator = null!;
    private int _vollsmose;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Ahmed Mentor", StaffRoles.Mentor, "Team1");
        _leader = await _database.AddStaffAsync("Lise Leder", StaffRoles.TeamLeader, "Team1");
        _team2Head = await _database.AddStaffAsync("Hans Chef", StaffRoles.Head, "Team2");
        _administrator = await _database.AddStaffAsync("Anne Admin", StaffRoles.Administrator);
        await using var db = _database.CreateDbContext();
        _vollsmose = await db.HousingAreas.Where(a => a.Code == "Vollsmose").Select(a => a.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private ResidentMergeService ServiceFor(Actor actor) => new(_database, new FakeCurrentUser(actor), TimeProvider.System);

    private async Task<Resident> ReadResidentAsync(Guid id)
    {
        await using var db = _database.CreateDbContext();
        return await db.Residents.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in PersonalDataTables) counts[table] = await Scenario.CountRowsAsync(_database, table);
        return counts;
    }

    /// <summary>How many rows of each kind refer to a resident record.</summary>
    private async Task<(int Referrals, int Cases, int Outcomes, int Logbook, int GroupCourses)> RecordsOfAsync(Guid id)
    {
        await using var db = _database.CreateDbContext();
        return (await db.Referrals.CountAsync(r => r.ResidentId == id),
            await db.Cases.CountAsync(c => c.ResidentId == id),
            await db.Outcomes.CountAsync(o => o.ResidentId == id),
            await db.LogbookEntries.CountAsync(e => e.Participants.Any(p => p.ResidentId == id)),
            await db.GroupCourses.CountAsync(g => g.Participants.Any(p => p.ResidentId == id)));
    }

    /// <summary>The year's unique residents in employment or education, by the counting rule over the database's facts.</summary>
    private async Task<int> UniqueResidentsInEmploymentOrEducationAsync()
    {
        await using var db = _database.CreateDbContext();
        var areas = await db.HousingAreas.AsNoTracking().ToListAsync();
        var codes = areas.ToDictionary(a => a.Id, a => a.Code);
        var outcomes = await db.Outcomes.AsNoTracking().Select(o => new { o.ResidentId, o.Kind, o.AchievedOn, o.HousingAreaId }).ToListAsync();
        var residents = await db.Residents.AsNoTracking().Select(r => new ResidentFact(r.Id, r.BirthDate, r.MergedIntoId)).ToListAsync();
        var rows = UniqueResidentCount.Compute(2025, 4,
            outcomes.Select(o => new OutcomeFact(o.ResidentId, o.Kind, o.AchievedOn, codes[o.HousingAreaId])),
            residents, areas, await db.PlanPeriods.AsNoTracking().ToListAsync());
        return rows.Where(r => r.Indicator == Indicator.EmploymentOrEducation).Sum(r => r.YearToDate);
    }

    /// <summary>
    /// Two records of the same person. The one to be merged has data in every table: a referral, a case with goal,
    /// agreement and outcome (and the referral that opened it), an outcome without a case, two logbook entries (one
    /// shared with the survivor), two group courses (one shared), both consents and two residences.
    /// </summary>
    private async Task<(Resident Survivor, Resident Merged)> TwoRecordsOfOnePersonAsync()
    {
        var survivor = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentor.StaffMemberId);
        var merged = await Scenario.AddResidentAsync(_database, "Amina Husein", _mentor.StaffMemberId);
        await Scenario.AddCaseAsync(_database, survivor.Id, Scenario.Team1Youth, _mentor.StaffMemberId,
            (c, a) => c.RecordOutcome(a, OutcomeKind.EducationStarted, new DateOnly(2025, 4, 1), _vollsmose, Scenario.Today));

        await Scenario.AddReferralAsync(_database, merged.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var mergedCase = await Scenario.AddCaseAsync(_database, merged.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId, (c, a) =>
        {
            c.RecordStartMeeting(a, Scenario.ThreePartyMeeting(new DateOnly(2025, 3, 14)), ["Skrive CV"], _mentor.StaffMemberId, Scenario.Today);
            c.AddAgreement("Søge fem job", "Amina", new DateOnly(2025, 4, 1));
            c.RecordOutcome(a, OutcomeKind.Internship, new DateOnly(2025, 4, 20), _vollsmose, Scenario.Today);
        });
        await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [merged.Id], new DateOnly(2025, 3, 14),
            LogbookEntryKind.ThreePartyMeeting, caseId: mergedCase.Id);
        await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [survivor.Id, merged.Id], new DateOnly(2025, 5, 2),
            LogbookEntryKind.Conversation);

        await using var db = _database.CreateDbContext();
        var mentoring = await Scenario.ActivityAsync(db, Scenario.Team1Mentoring);
        db.Outcomes.Add(new Outcome(merged.Id, mentoring.Id, OutcomeKind.OrdinaryJob, new DateOnly(2025, 2, 1), _vollsmose, caseId: null));
        var onlyMerged = new GroupCourse(mentoring.Id, "Dig, mig og arbejde", _mentor.StaffMemberId, new DateOnly(2025, 2, 1));
        onlyMerged.Enrol(merged.Id);
        var both = new GroupCourse(mentoring.Id, "Jobklub", _mentor.StaffMemberId, new DateOnly(2025, 5, 1));
        both.Enrol(merged.Id);
        both.Enrol(survivor.Id);
        db.GroupCourses.AddRange(onlyMerged, both);
        var tracked = await db.Residents.SingleAsync(r => r.Id == merged.Id);
        tracked.GiveSharingConsent(SharingConsentOn, _mentor.StaffMemberId, Scenario.Today);
        tracked.MoveTo(await Scenario.DepartmentIdAsync(_database, "Solbakken"), new DateOnly(2020, 1, 1));
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return (survivor, merged);
    }

    [Fact]
    public async Task Merge_moves_everything_to_the_survivor_loses_nothing_and_counts_one_person()
    {
        var (survivor, merged) = await TwoRecordsOfOnePersonAsync();
        var rowsBefore = await RowCountsAsync();
        var survivorBefore = await RecordsOfAsync(survivor.Id);
        var mergedBefore = await RecordsOfAsync(merged.Id);
        Assert.Equal((2, 1, 2, 2, 2), mergedBefore);
        Assert.Equal(2, await UniqueResidentsInEmploymentOrEducationAsync());
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        await ServiceFor(_leader).MergeAsync(survivor.Id, merged.Id);

        // Nothing lost: every row is still there, except the second participation of the same person in one entry and
        // one course; the survivor gains the residence line it did not have.
        var rowsAfter = await RowCountsAsync();
        var expected = new Dictionary<string, long>(rowsBefore)
        {
            ["LogbookParticipants"] = rowsBefore["LogbookParticipants"] - 1,
            ["GroupCourseParticipants"] = rowsBefore["GroupCourseParticipants"] - 1,
            ["Residences"] = rowsBefore["Residences"] + 1,
        };
        Assert.Equal(expected, rowsAfter);
        Assert.Equal((0, 0, 0, 0, 0), await RecordsOfAsync(merged.Id));
        Assert.Equal((survivorBefore.Referrals + 2, survivorBefore.Cases + 1, survivorBefore.Outcomes + 2, 2, 2), await RecordsOfAsync(survivor.Id));

        var kept = await ReadResidentAsync(survivor.Id);
        Assert.Equal("Amina Hussein", kept.Name);
        Assert.Equal(SharingConsentOn, kept.SharingConsent?.GivenOn);
        Assert.NotNull(kept.RegistrationConsent);
        Assert.Equal(["Granparken", "Solbakken"], await DepartmentNamesAsync(kept));
        var gone = await ReadResidentAsync(merged.Id);
        Assert.Equal(survivor.Id, gone.MergedIntoId);
        Assert.Equal("Amina Husein", gone.Name);
        Assert.Equal(2, gone.Residences.Count);
        Assert.Equal(SharingConsentOn, gone.SharingConsent?.GivenOn);

        Assert.Equal(1, await UniqueResidentsInEmploymentOrEducationAsync());
        var found = await new ResidentService(_database, new FakeCurrentUser(_leader), TimeProvider.System).SearchAsync("Amina");
        Assert.Equal([survivor.Id], found.Select(r => r.Id).ToArray());
        Assert.Empty(await ServiceFor(_leader).SearchAsync("Husein"));

        var audit = await Scenario.AuditSinceAsync(_database, lastAudit);
        Assert.All(audit, a => Assert.Equal(_leader.AuditName, a.Actor));
        Assert.Contains(audit, a => a is { Action: AuditAction.Merge, EntityType: nameof(Resident) } && a.EntityId == survivor.Id.ToString());
        Assert.Contains(audit, a => a is { Action: AuditAction.Merge, EntityType: nameof(Resident) } && a.EntityId == merged.Id.ToString());
        foreach (var type in new[] { "Resident", "Referral", "Case", "Outcome", "LogbookEntry", "GroupCourse" })
            Assert.Contains(audit, a => a.Action == AuditAction.Update && a.EntityType == type);
        Assert.Contains(audit, a => a is { Action: AuditAction.Update, EntityType: nameof(Resident) } && a.EntityId == merged.Id.ToString());
    }

    [Fact]
    public async Task A_deleted_logbook_entry_of_the_merged_record_follows_the_survivor_too()
    {
        var (survivor, merged) = await TwoRecordsOfOnePersonAsync();
        var entry = await Scenario.AddLogbookEntryAsync(_database, _leader.StaffMemberId, Scenario.Team1Mentoring, [merged.Id], Scenario.Today);
        await using (var db = _database.CreateDbContext())
        {
            var stored = await db.LogbookEntries.SingleAsync(e => e.Id == entry.Id);
            stored.Delete("Registreret to gange", _leader.StaffMemberId, DateTimeOffset.UtcNow);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        await ServiceFor(_leader).MergeAsync(survivor.Id, merged.Id);

        await using var context = _database.CreateDbContext();
        var kept = await context.LogbookEntries.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == entry.Id);
        Assert.True(kept.IsDeleted);
        Assert.Equal([survivor.Id], kept.Participants.Select(p => p.ResidentId).ToArray());
    }

    private async Task<string[]> DepartmentNamesAsync(Resident resident)
    {
        await using var db = _database.CreateDbContext();
        var ids = resident.Residences.OrderBy(r => r.From).Select(r => r.DepartmentId).ToList();
        var names = await db.Departments.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name);
        return ids.Select(id => names[id]).ToArray();
    }

    /// <summary>Asserts that a refused merge left every table and the audit log as they were.</summary>
    private async Task AssertRefusedWithoutChangeAsync(Func<Task> merge, Type refusal, string? message = null)
    {
        var rowsBefore = await RowCountsAsync();
        var lastAudit = await Scenario.LastAuditIdAsync(_database);
        await using (var db = _database.CreateDbContext())
        {
            var referencesBefore = await ReferencesAsync(db);

            var thrown = await Assert.ThrowsAsync(refusal, merge);

            if (message is not null) Assert.Equal(message, thrown.Message);
            Assert.Equal(referencesBefore, await ReferencesAsync(db));
        }
        Assert.Equal(rowsBefore, await RowCountsAsync());
        Assert.Empty(await Scenario.AuditSinceAsync(_database, lastAudit));
    }

    /// <summary>Who every record refers to, and who is merged into whom.</summary>
    private static async Task<string> ReferencesAsync(AppDbContext db) => string.Join(" ",
        await db.Residents.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}>{r.MergedIntoId}").ToListAsync(),
        await db.Referrals.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}>{r.ResidentId}").ToListAsync(),
        await db.Cases.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}>{r.ResidentId}").ToListAsync(),
        await db.Outcomes.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}>{r.ResidentId}").ToListAsync());

    [Fact]
    public async Task Merging_a_resident_into_itself_is_refused_and_changes_nothing()
    {
        var (survivor, _) = await TwoRecordsOfOnePersonAsync();

        await AssertRefusedWithoutChangeAsync(() => ServiceFor(_leader).MergeAsync(survivor.Id, survivor.Id),
            typeof(DomainException), "En beboer kan ikke lægges sammen med sig selv.");
    }

    [Fact]
    public async Task Open_cases_of_both_in_the_same_activity_are_refused_and_change_nothing()
    {
        var (survivor, merged) = await TwoRecordsOfOnePersonAsync();
        await Scenario.AddCaseAsync(_database, survivor.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);

        await AssertRefusedWithoutChangeAsync(() => ServiceFor(_leader).MergeAsync(survivor.Id, merged.Id),
            typeof(DomainException), "Begge beboere har et åbent forløb i samme aktivitet. Afslut det ene forløb, før beboerne lægges sammen.");
    }

    [Fact]
    public async Task A_mentor_may_not_merge()
    {
        var (survivor, merged) = await TwoRecordsOfOnePersonAsync();

        await AssertRefusedWithoutChangeAsync(() => ServiceFor(_mentor).MergeAsync(survivor.Id, merged.Id), typeof(NotFoundException));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_mentor).SearchAsync("Amina"));
    }

    [Fact]
    public async Task A_leader_cannot_merge_a_resident_outside_the_teams_scope()
    {
        var (survivor, _) = await TwoRecordsOfOnePersonAsync();
        var elsewhere = await Scenario.AddResidentAsync(_database, "Amina Hussain");
        await Scenario.AddCaseAsync(_database, elsewhere.Id, Scenario.Team2Crime, _team2Head.StaffMemberId);

        await AssertRefusedWithoutChangeAsync(() => ServiceFor(_leader).MergeAsync(survivor.Id, elsewhere.Id), typeof(NotFoundException));
        await AssertRefusedWithoutChangeAsync(() => ServiceFor(_leader).MergeAsync(elsewhere.Id, survivor.Id), typeof(NotFoundException));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_leader).SideAsync(elsewhere.Id));
        Assert.DoesNotContain(await ServiceFor(_leader).SearchAsync("Amina"), c => c.Id == elsewhere.Id);
    }

    [Fact]
    public async Task An_administrator_merges_across_teams_seeing_counts_but_no_details_and_the_reads_are_audited()
    {
        var (survivor, _) = await TwoRecordsOfOnePersonAsync();
        var elsewhere = await Scenario.AddResidentAsync(_database, "Amina Hussain");
        await Scenario.AddCaseAsync(_database, elsewhere.Id, Scenario.Team2Crime, _team2Head.StaffMemberId);
        var service = ServiceFor(_administrator);
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var side = await service.SideAsync(elsewhere.Id);

        Assert.Equal("Amina Hussain", side.Name);
        Assert.Equal("Granparken, Vollsmose", side.Department);
        Assert.Equal(new MergeCounts(Referrals: 1, Cases: 1, OpenCases: 1, Outcomes: 0, LogbookEntries: 0, GroupCourses: 0), side.Counts);
        Assert.Null(side.Details);
        var read = Assert.Single(await Scenario.AuditSinceAsync(_database, lastAudit));
        Assert.Equal((AuditAction.Read, nameof(Resident), elsewhere.Id.ToString(), _administrator.AuditName), (read.Action, read.EntityType, read.EntityId, read.Actor));

        await service.MergeAsync(survivor.Id, elsewhere.Id);

        Assert.Equal(survivor.Id, (await ReadResidentAsync(elsewhere.Id)).MergedIntoId);
        Assert.Equal((0, 0, 0, 0, 0), await RecordsOfAsync(elsewhere.Id));
        Assert.Equal((2, 2, 1, 1, 1), await RecordsOfAsync(survivor.Id));
    }

    [Fact]
    public async Task A_leader_sees_the_details_of_a_resident_in_scope()
    {
        var (_, merged) = await TwoRecordsOfOnePersonAsync();

        var side = await ServiceFor(_leader).SideAsync(merged.Id);

        Assert.Equal(new MergeCounts(Referrals: 2, Cases: 1, OpenCases: 1, Outcomes: 2, LogbookEntries: 2, GroupCourses: 2), side.Counts);
        Assert.NotNull(side.Details);
        Assert.Equal(SharingConsentOn, side.Details.SharingConsentOn);
        Assert.Equal(["Solbakken", "Granparken"], side.Details.Residences.Select(r => r.Department).ToArray());
        Assert.Equal(["Uddannelses- og beskæftigelsesmentorforløb for jobparate"], side.Details.OpenCaseActivities.ToArray());
        Assert.Equal("Solbakken, Rising", side.Department);
    }

    [Fact]
    public async Task Search_finds_by_name_and_birth_date_and_suggests_possible_duplicates()
    {
        var (survivor, merged) = await TwoRecordsOfOnePersonAsync();
        var namesake = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentor.StaffMemberId, birthDate: new DateOnly(1971, 2, 3));
        await Scenario.AddResidentAsync(_database, "Peter Hansen", _mentor.StaffMemberId);
        var service = ServiceFor(_leader);

        Assert.Equal(new[] { merged.Id, survivor.Id }.Order(), (await service.SearchAsync("amina 12-04-1990")).Select(c => c.Id).Order());
        Assert.Equal([namesake.Id], (await service.SearchAsync("Hussein 03-02-1971")).Select(c => c.Id).ToArray());
        Assert.Empty(await service.SearchAsync(" "));

        var duplicates = await service.PossibleDuplicatesAsync(survivor.Id);

        Assert.Equal(new[] { merged.Id, namesake.Id }.Order(), duplicates.Select(c => c.Id).Order());
    }
}
