using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Data.Catalog;
using BoligSocialt.App.Features.Administration;
using BoligSocialt.App.Features.GroupCourses;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.App.Features.Referrals;
using BoligSocialt.App.Features.Staff;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>The administration of activities, plan periods, baselines and staff, against a real SQLite database.</summary>
public sealed class AdministrationServiceTests : IAsyncLifetime
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.Zero));

    private TestDatabase _database = null!;
    private Actor _admin = null!;
    private Actor _mentor = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _admin = await _database.AddStaffAsync("Birgit Holm", StaffRoles.Administrator);
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private ActivityCatalogService Activities(Actor? actor = null) => new(_database, new FakeCurrentUser(actor ?? _admin));

    private PlanPeriodService Plans(Actor? actor = null) => new(_database, new FakeCurrentUser(actor ?? _admin));

    private async Task<Activity> ActivityAsync(string code)
    {
        await using var db = _database.CreateDbContext();
        return await db.Activities.AsNoTracking().Include(a => a.FocusArea).Include(a => a.PlanPeriod).SingleAsync(a => a.Code == code);
    }

    private async Task<PlanPeriod> PlanAsync(string code)
    {
        await using var db = _database.CreateDbContext();
        return await db.PlanPeriods.AsNoTracking().SingleAsync(p => p.Code == code);
    }

    private async Task<int> FocusAreaIdAsync(string code)
    {
        await using var db = _database.CreateDbContext();
        return await db.FocusAreas.Where(f => f.Code == code).Select(f => f.Id).SingleAsync();
    }

    private async Task<ActivityForm> FormOfAsync(string code)
    {
        var activity = await ActivityAsync(code);
        return ActivityForm.From((await Activities().ListAsync(activity.PlanPeriodId)).Single(a => a.Id == activity.Id));
    }

    private async Task<int> NewActivityAsync(string code = "JOB25")
    {
        var plan = await PlanAsync("2024-2028");
        return await Activities().CreateAsync(plan.Id, new ActivityForm
        {
            Code = code,
            Name = "Jobcafé",
            FocusAreaId = await FocusAreaIdAsync("Employment"),
            StartMeeting = StartMeetingKind.None,
            AllowedOutcomeKinds = [OutcomeKind.OrdinaryJob],
            FollowUpIntervalDays = 21,
        });
    }

    private static PlanForm Plan2028(params int[] housingAreaIds) => new()
    {
        Code = "2028-2032",
        Name = "Helhedsplan 2028-2032",
        Start = new DateTime(2028, 10, 1),
        End = new DateTime(2032, 9, 30),
        HousingAreaIds = housingAreaIds,
    };

    private void AssertAudited(IEnumerable<AuditEntry> rows, AuditAction action, string type, object id) =>
        Assert.Contains(rows, r => r.Action == action && r.EntityType == type && r.EntityId == id.ToString() && r.Actor == _admin.AuditName);

    // ---- access ----

    public static TheoryData<StaffRoles> NotAdministrators => new() { StaffRoles.Mentor, StaffRoles.TeamLeader | StaffRoles.Head, StaffRoles.Analyst };

    [Theory]
    [MemberData(nameof(NotAdministrators))]
    public async Task Only_administrators_may_read_or_change_the_catalogue_and_nothing_changes(StaffRoles roles)
    {
        var other = await _database.AddStaffAsync("Lone Andersen", roles, roles == StaffRoles.Analyst ? null : "Team1");
        var bmj = await ActivityAsync("UBMJ");
        var plan = await PlanAsync("2024-2028");
        var form = await FormOfAsync("UBMJ");
        form.Name = "Ændret";
        int baselineId;
        await using (var db = _database.CreateDbContext())
            baselineId = await db.IndicatorBaselines.Select(b => b.Id).FirstAsync();
        var before = await Scenario.LastAuditIdAsync(_database);

        var activities = Activities(other);
        var plans = Plans(other);
        await Assert.ThrowsAsync<NotFoundException>(() => activities.PlansAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => activities.FocusAreasAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => activities.ListAsync(plan.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => activities.CreateAsync(plan.Id, form));
        await Assert.ThrowsAsync<NotFoundException>(() => activities.UpdateAsync(bmj.Id, form));
        await Assert.ThrowsAsync<NotFoundException>(() => activities.SetActiveAsync(bmj.Id, false));
        await Assert.ThrowsAsync<NotFoundException>(() => activities.DeleteAsync(bmj.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => plans.ListAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => plans.HousingAreasAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => plans.CreateAsync(Plan2028(1)));
        await Assert.ThrowsAsync<NotFoundException>(() => plans.CopyAsync(plan.Id, Plan2028()));
        await Assert.ThrowsAsync<NotFoundException>(() => plans.UpdateAsync(plan.Id, Plan2028(1)));
        await Assert.ThrowsAsync<NotFoundException>(() => plans.SetActiveAsync(plan.Id, false));
        await Assert.ThrowsAsync<NotFoundException>(() => plans.DeleteAsync(plan.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => plans.BaselinesAsync(plan.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => plans.SetBaselineAsync(baselineId, 99));
        await Assert.ThrowsAsync<NotFoundException>(() => plans.AddBaselineAsync(plan.Id, new BaselineForm { Area = "Vollsmose", AgeBand = "18-29" }));
        await Assert.ThrowsAsync<NotFoundException>(() => new StaffService(_database, new FakeCurrentUser(other)).DeleteAsync(_mentor.StaffMemberId));
        await Assert.ThrowsAsync<NotFoundException>(() => new StaffService(_database, new FakeCurrentUser(other)).TeamsAsync());

        var after = await ActivityAsync("UBMJ");
        Assert.Equal(bmj.Name, after.Name);
        Assert.True(after.IsActive);
        Assert.True((await PlanAsync("2024-2028")).IsActive);
        await using var check = _database.CreateDbContext();
        Assert.Equal(2, await check.PlanPeriods.CountAsync());
        Assert.NotEqual(99, await check.IndicatorBaselines.Where(b => b.Id == baselineId).Select(b => b.PerYear).SingleAsync());
        Assert.True(await check.StaffMembers.AnyAsync(s => s.Id == _mentor.StaffMemberId));
        Assert.Empty(await Scenario.AuditSinceAsync(_database, before));
    }

    // ---- activities ----

    [Fact]
    public async Task Administrator_edits_an_activity_and_the_change_is_audited()
    {
        var activity = await ActivityAsync("UBMJ");
        var form = await FormOfAsync("UBMJ");
        form.Name = "Jobmentor for jobparate";
        form.FollowUpIntervalDays = 14;
        form.StartMeeting = StartMeetingKind.None;
        form.AllowedOutcomeKinds = [OutcomeKind.OrdinaryJob, OutcomeKind.Internship];
        form.FocusAreaId = await FocusAreaIdAsync("EducationAndLifeChances");
        var before = await Scenario.LastAuditIdAsync(_database);

        await Activities().UpdateAsync(activity.Id, form);

        var saved = await ActivityAsync("UBMJ");
        Assert.Equal("Jobmentor for jobparate", saved.Name);
        Assert.Equal(14, saved.FollowUpIntervalDays);
        Assert.Equal(StartMeetingKind.None, saved.StartMeeting);
        Assert.Equal([OutcomeKind.OrdinaryJob, OutcomeKind.Internship], saved.AllowedOutcomeKinds);
        Assert.Equal("EducationAndLifeChances", saved.FocusArea!.Code);
        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        AssertAudited([row], AuditAction.Update, "Activity", activity.Id);
    }

    [Theory]
    [InlineData(0, "Opfølgningsintervallet skal være mellem 1 og 365 dage.")]
    [InlineData(400, "Opfølgningsintervallet skal være mellem 1 og 365 dage.")]
    public async Task A_bad_follow_up_interval_is_refused_in_danish_and_nothing_is_saved(int days, string message)
    {
        var activity = await ActivityAsync("UBMJ");
        var form = await FormOfAsync("UBMJ");
        form.Name = "Ændret";
        form.FollowUpIntervalDays = days;
        var before = await Scenario.LastAuditIdAsync(_database);

        var error = await Assert.ThrowsAsync<DomainException>(() => Activities().UpdateAsync(activity.Id, form));

        Assert.Equal(message, error.Message);
        Assert.Equal(activity.Name, (await ActivityAsync("UBMJ")).Name);
        Assert.Empty(await Scenario.AuditSinceAsync(_database, before));
    }

    [Fact]
    public async Task An_activity_with_an_open_case_cannot_move_to_the_other_team()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        await Scenario.AddCaseAsync(_database, resident.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var activity = await ActivityAsync(Scenario.Team1Mentoring);
        var form = await FormOfAsync(Scenario.Team1Mentoring);
        form.FocusAreaId = await FocusAreaIdAsync("CrimePrevention");

        var error = await Assert.ThrowsAsync<DomainException>(() => Activities().UpdateAsync(activity.Id, form));

        Assert.Contains("kan ikke skifte team", error.Message);
        Assert.Equal("Employment", (await ActivityAsync(Scenario.Team1Mentoring)).FocusArea!.Code);
    }

    [Fact]
    public async Task Administrator_creates_an_activity_in_a_plan_period_with_an_audit_row_for_its_id()
    {
        var before = await Scenario.LastAuditIdAsync(_database);

        var id = await NewActivityAsync("job25");

        var saved = await ActivityAsync("JOB25");
        Assert.Equal(id, saved.Id);
        Assert.Equal("Jobcafé", saved.Name);
        Assert.Equal("2024-2028", saved.PlanPeriod!.Code);
        Assert.Equal("Employment", saved.FocusArea!.Code);
        Assert.Equal(21, saved.FollowUpIntervalDays);
        Assert.True(saved.IsActive);
        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        AssertAudited([row], AuditAction.Create, "Activity", id);
    }

    [Fact]
    public async Task A_new_activity_needs_a_unique_code_and_a_name()
    {
        var plan = await PlanAsync("2024-2028");
        var form = new ActivityForm { Code = "UBMJ", Name = "Kopi", FocusAreaId = await FocusAreaIdAsync("Employment") };

        Assert.Equal("Der findes allerede en aktivitet med koden UBMJ.",
            (await Assert.ThrowsAsync<DomainException>(() => Activities().CreateAsync(plan.Id, form))).Message);
        form.Code = "NY1";
        form.Name = " ";
        Assert.Equal("Navn skal udfyldes.", (await Assert.ThrowsAsync<DomainException>(() => Activities().CreateAsync(plan.Id, form))).Message);
        form.Name = "Ny";
        form.FocusAreaId = null;
        Assert.Equal("Vælg et indsatsområde fra listen.", (await Assert.ThrowsAsync<DomainException>(() => Activities().CreateAsync(plan.Id, form))).Message);
        await using var db = _database.CreateDbContext();
        Assert.False(await db.Activities.AnyAsync(a => a.Code == "NY1"));
    }

    [Fact]
    public async Task An_activity_in_use_cannot_be_deleted_even_by_a_deleted_logbook_entry()
    {
        var id = await NewActivityAsync();
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        var entry = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, "JOB25", [resident.Id], new DateOnly(2025, 5, 1));
        await using (var db = _database.CreateDbContext())
        {
            var stored = await db.LogbookEntries.SingleAsync(e => e.Id == entry.Id);
            stored.Delete("Fejl", _mentor.StaffMemberId, DateTimeOffset.UtcNow);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        Assert.True((await Activities().ListAsync((await PlanAsync("2024-2028")).Id)).Single(a => a.Id == id).InUse);

        var error = await Assert.ThrowsAsync<DomainException>(() => Activities().DeleteAsync(id));

        Assert.Equal("Aktiviteten Jobcafé er i brug (henvisninger, forløb, logbog, resultater eller gruppeforløb) og kan ikke slettes. Deaktivér den i stedet.", error.Message);
        await Activities().SetActiveAsync(id, false);
        Assert.False((await ActivityAsync("JOB25")).IsActive);
    }

    [Fact]
    public async Task An_activity_of_the_reference_catalogue_is_only_deactivated_since_the_loader_would_add_it_again()
    {
        var activity = await ActivityAsync("FOB");

        var error = await Assert.ThrowsAsync<DomainException>(() => Activities().DeleteAsync(activity.Id));

        Assert.Contains("referencekataloget", error.Message);
        Assert.False((await Activities().ListAsync(activity.PlanPeriodId)).Single(a => a.Id == activity.Id).MayDelete);
    }

    [Fact]
    public async Task An_unused_activity_an_administrator_created_is_deleted_with_an_audit_row()
    {
        var id = await NewActivityAsync();
        var before = await Scenario.LastAuditIdAsync(_database);

        await Activities().DeleteAsync(id);

        await using var db = _database.CreateDbContext();
        Assert.False(await db.Activities.AnyAsync(a => a.Id == id));
        AssertAudited(await Scenario.AuditSinceAsync(_database, before), AuditAction.Delete, "Activity", id);
    }

    [Fact]
    public async Task A_deactivated_activity_is_no_longer_offered_but_its_records_keep_working()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        var entry = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [resident.Id], new DateOnly(2025, 5, 1));
        var activity = await ActivityAsync(Scenario.Team1Mentoring);
        var asMentor = new FakeCurrentUser(_mentor);
        var logbook = new LogbookService(_database, asMentor, Clock);
        var referrals = new ReferralService(_database, asMentor, Clock, new ReferralEvents());
        var courses = new GroupCourseService(_database, asMentor, Clock);
        Assert.Contains((await logbook.OptionsAsync()).Activities, a => a.Id == activity.Id);
        Assert.Contains(await referrals.ActivitiesAsync(new DateOnly(2025, 6, 1), null), a => a.Id == activity.Id);
        Assert.Contains(await courses.ActivitiesAsync(), a => a.Id == activity.Id);

        await Activities().SetActiveAsync(activity.Id, false);

        Assert.DoesNotContain((await logbook.OptionsAsync()).Activities, a => a.Id == activity.Id);
        Assert.DoesNotContain(await referrals.ActivitiesAsync(new DateOnly(2025, 6, 1), null), a => a.Id == activity.Id);
        Assert.DoesNotContain(await courses.ActivitiesAsync(), a => a.Id == activity.Id);
        await Assert.ThrowsAsync<DomainException>(() => logbook.RecordAsync(new LogbookForm
        {
            Date = new DateTime(2025, 6, 1), ActivityId = activity.Id, Kind = LogbookEntryKind.Conversation,
            Residents = [new LogbookResident(resident.Id, resident.Name)], Note = "Ny samtale",
        }));
        // The existing entry is corrected in its (now inactive) activity, and still listed with it.
        await logbook.CorrectAsync(entry.Id, new LogbookForm
        {
            Date = new DateTime(2025, 5, 2), ActivityId = activity.Id, Kind = LogbookEntryKind.Conversation,
            Residents = [new LogbookResident(resident.Id, resident.Name)], Note = "Rettet",
        });
        await using var db = _database.CreateDbContext();
        var corrected = await db.LogbookEntries.SingleAsync(e => e.Id == entry.Id);
        Assert.Equal("Rettet", corrected.Note);
        Assert.Equal(activity.Id, corrected.ActivityId);
    }

    // ---- plan periods ----

    [Fact]
    public async Task Copying_a_plan_period_copies_its_housing_areas_and_activities_with_audit_rows()
    {
        var previous = await PlanAsync("2024-2028");
        Assert.Equal(8, previous.HousingAreaIds.Count);
        var before = await Scenario.LastAuditIdAsync(_database);

        var id = await Plans().CopyAsync(previous.Id, Plan2028());

        await using var check = _database.CreateDbContext();
        var plan = await check.PlanPeriods.SingleAsync(p => p.Id == id);
        Assert.Equal("Helhedsplan 2028-2032", plan.Name);
        Assert.Equal(new DateOnly(2028, 10, 1), plan.Start);
        Assert.Equal(previous.HousingAreaIds, plan.HousingAreaIds);
        var originals = await check.Activities.Where(a => a.PlanPeriodId == previous.Id).OrderBy(a => a.Id).ToListAsync();
        var copies = await check.Activities.Where(a => a.PlanPeriodId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(13, copies.Count);
        Assert.Equal(originals.Select(a => a.Code + "-28"), copies.Select(a => a.Code));
        Assert.Equal(originals.Select(a => (a.Name, a.FocusAreaId, a.StartMeeting, a.FollowUpIntervalDays, a.AftercareMonths)),
            copies.Select(a => (a.Name, a.FocusAreaId, a.StartMeeting, a.FollowUpIntervalDays, a.AftercareMonths)));
        var rows = await Scenario.AuditSinceAsync(_database, before);
        Assert.Equal(14, rows.Count);
        AssertAudited(rows, AuditAction.Create, "PlanPeriod", id);
        foreach (var copy in copies) AssertAudited(rows, AuditAction.Create, "Activity", copy.Id);
        // The copies are offered from the new plan's first day, and the old plan's activities keep theirs.
        Assert.Equal(13, (await Activities().ListAsync(id)).Count(a => a.IsActive && !a.InUse && a.MayDelete));
    }

    [Fact]
    public async Task A_plan_period_that_overlaps_another_is_refused()
    {
        var previous = await PlanAsync("2024-2028");
        var form = Plan2028();
        form.Start = new DateTime(2028, 9, 1);

        var error = await Assert.ThrowsAsync<DomainException>(() => Plans().CopyAsync(previous.Id, form));

        Assert.Equal("Helhedsplanen overlapper Den Boligsociale Helhedsplan 2024-2028 (01-10-2024 til 30-09-2028).", error.Message);
        await using var db = _database.CreateDbContext();
        Assert.Equal(2, await db.PlanPeriods.CountAsync());
        Assert.Equal(31, await db.Activities.CountAsync());
    }

    [Fact]
    public async Task A_plan_period_needs_an_end_after_its_start_a_unique_code_and_housing_areas()
    {
        var form = Plan2028(1);
        form.End = form.Start;
        Assert.Equal("En helhedsplan skal slutte efter den starter.", (await Assert.ThrowsAsync<DomainException>(() => Plans().CreateAsync(form))).Message);
        form = Plan2028(1);
        form.Code = "2024-2028";
        Assert.Equal("Der findes allerede en helhedsplan med koden 2024-2028.", (await Assert.ThrowsAsync<DomainException>(() => Plans().CreateAsync(form))).Message);
        Assert.Equal("Vælg mindst ét boligområde.", (await Assert.ThrowsAsync<DomainException>(() => Plans().CreateAsync(Plan2028()))).Message);
        Assert.Equal("Vælg boligområderne fra listen.", (await Assert.ThrowsAsync<DomainException>(() => Plans().CreateAsync(Plan2028(999)))).Message);

        var id = await Plans().CreateAsync(Plan2028(1, 2));

        Assert.Equal([1, 2], (await Plans().ListAsync()).Single(p => p.Id == id).HousingAreaIds);
    }

    [Fact]
    public async Task A_plan_period_cannot_be_shortened_past_its_records()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [resident.Id], new DateOnly(2025, 5, 1));
        var plan = (await Plans().ListAsync()).Single(p => p.Code == "2024-2028");
        var form = PlanForm.From(plan);
        form.Start = new DateTime(2025, 6, 1);

        var error = await Assert.ThrowsAsync<DomainException>(() => Plans().UpdateAsync(plan.Id, form));

        Assert.Contains("uden for 01-06-2025 til 30-09-2028", error.Message);
        Assert.Equal(new DateOnly(2024, 10, 1), (await PlanAsync("2024-2028")).Start);
    }

    [Fact]
    public async Task Administrator_edits_a_plan_period_and_the_change_is_audited()
    {
        var plan = (await Plans().ListAsync()).Single(p => p.Code == "2024-2028");
        var form = PlanForm.From(plan);
        form.Name = "Helhedsplan 2024-2028";
        form.End = new DateTime(2028, 12, 31);
        var before = await Scenario.LastAuditIdAsync(_database);

        await Plans().UpdateAsync(plan.Id, form);

        var saved = await PlanAsync("2024-2028");
        Assert.Equal("Helhedsplan 2024-2028", saved.Name);
        Assert.Equal(new DateOnly(2028, 12, 31), saved.End);
        AssertAudited(await Scenario.AuditSinceAsync(_database, before), AuditAction.Update, "PlanPeriod", plan.Id);
    }

    [Fact]
    public async Task A_plan_period_with_activities_in_use_is_only_deactivated_with_its_activities()
    {
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        await Scenario.AddReferralAsync(_database, resident.Id, Scenario.Team2Crime, null);
        var plan = await PlanAsync("2024-2028");

        var error = await Assert.ThrowsAsync<DomainException>(() => Plans().DeleteAsync(plan.Id));

        Assert.Equal("Helhedsplanen Den Boligsociale Helhedsplan 2024-2028 har aktiviteter i brug og kan ikke slettes. Deaktivér den i stedet.", error.Message);
        var before = await Scenario.LastAuditIdAsync(_database);
        await Plans().SetActiveAsync(plan.Id, false);
        await using var check = _database.CreateDbContext();
        Assert.False(await check.PlanPeriods.Where(p => p.Id == plan.Id).Select(p => p.IsActive).SingleAsync());
        Assert.False(await check.Activities.AnyAsync(a => a.PlanPeriodId == plan.Id && a.IsActive));
        var rows = await Scenario.AuditSinceAsync(_database, before);
        Assert.Equal(14, rows.Count);
        AssertAudited(rows, AuditAction.Update, "PlanPeriod", plan.Id);
    }

    [Fact]
    public async Task An_unused_copied_plan_period_is_deleted_with_its_activities_and_baselines()
    {
        var previous = await PlanAsync("2024-2028");
        var id = await Plans().CopyAsync(previous.Id, Plan2028());
        await Plans().AddBaselineAsync(id, new BaselineForm { Indicator = Indicator.Volunteering, AgeBand = IndicatorBaseline.AllAges, Area = "Rising", PerYear = 12 });
        Assert.True((await Plans().ListAsync()).Single(p => p.Id == id).MayDelete);
        Assert.False((await Plans().ListAsync()).Single(p => p.Id == previous.Id).MayDelete);
        var before = await Scenario.LastAuditIdAsync(_database);

        await Plans().DeleteAsync(id);

        await using var db = _database.CreateDbContext();
        Assert.False(await db.PlanPeriods.AnyAsync(p => p.Id == id));
        Assert.Equal(31, await db.Activities.CountAsync());
        Assert.False(await db.IndicatorBaselines.AnyAsync(b => b.PlanPeriodId == id));
        var rows = await Scenario.AuditSinceAsync(_database, before);
        Assert.Equal(15, rows.Count);
        AssertAudited(rows, AuditAction.Delete, "PlanPeriod", id);
        Assert.Contains("referencekataloget", (await Assert.ThrowsAsync<DomainException>(() => Plans().DeleteAsync(previous.Id))).Message);
    }

    // ---- baselines ----

    [Fact]
    public async Task Administrator_changes_and_adds_baselines_with_audit_rows()
    {
        var plan = await PlanAsync("2021-2024");
        var vollsmose = (await Plans().BaselinesAsync(plan.Id)).Single(b => b.AgeBand == "18-29" && b.Area == "Vollsmose");
        Assert.Equal(20, vollsmose.PerYear);
        Assert.Equal(["Ejerslykke", "Korslokken", "Rising", "Vollsmose"], await Plans().ReportingAreasAsync(plan.Id));
        var before = await Scenario.LastAuditIdAsync(_database);

        await Plans().SetBaselineAsync(vollsmose.Id, 24);
        var added = await Plans().AddBaselineAsync(plan.Id,
            new BaselineForm { Indicator = Indicator.SpareTimeJob, AgeBand = IndicatorBaseline.AllAges, Area = "Rising", PerYear = 5 });

        var baselines = await Plans().BaselinesAsync(plan.Id);
        Assert.Equal(24, baselines.Single(b => b.Id == vollsmose.Id).PerYear);
        Assert.Equal(5, baselines.Single(b => b.Id == added).PerYear);
        var rows = await Scenario.AuditSinceAsync(_database, before);
        AssertAudited(rows, AuditAction.Update, "IndicatorBaseline", vollsmose.Id);
        AssertAudited(rows, AuditAction.Create, "IndicatorBaseline", added);
    }

    [Fact]
    public async Task A_baseline_is_refused_twice_outside_the_plans_areas_or_negative()
    {
        var plan = await PlanAsync("2021-2024");
        var form = new BaselineForm { Indicator = Indicator.EmploymentOrEducation, AgeBand = "18-29", Area = "Vollsmose", PerYear = 3 };

        Assert.Contains("findes allerede", (await Assert.ThrowsAsync<DomainException>(() => Plans().AddBaselineAsync(plan.Id, form))).Message);
        form.Area = "Stadionvej";
        Assert.Equal("Vælg et område, som helhedsplanen dækker.", (await Assert.ThrowsAsync<DomainException>(() => Plans().AddBaselineAsync(plan.Id, form))).Message);
        var baseline = (await Plans().BaselinesAsync(plan.Id))[0];
        Assert.Equal("Referencetallet kan ikke være negativt.", (await Assert.ThrowsAsync<DomainException>(() => Plans().SetBaselineAsync(baseline.Id, -1))).Message);
    }

    // ---- the catalogue loader ----

    [Fact]
    public async Task Loading_the_catalogue_again_keeps_the_administrators_edits()
    {
        var activity = await ActivityAsync("UBMJ");
        var form = await FormOfAsync("UBMJ");
        form.Name = "Jobmentor";
        form.FollowUpIntervalDays = 10;
        form.AllowedOutcomeKinds = [OutcomeKind.OrdinaryJob];
        await Activities().UpdateAsync(activity.Id, form);
        await Activities().SetActiveAsync((await ActivityAsync("FOB")).Id, false);
        var plan = (await Plans().ListAsync()).Single(p => p.Code == "2024-2028");
        var planForm = PlanForm.From(plan);
        planForm.Name = "Helhedsplan 2024-2028 (rettet)";
        planForm.HousingAreaIds = plan.HousingAreaIds.Take(3).ToList();
        await Plans().UpdateAsync(plan.Id, planForm);
        var baseline = (await Plans().BaselinesAsync((await PlanAsync("2021-2024")).Id))[0];
        await Plans().SetBaselineAsync(baseline.Id, 77);

        int changed;
        await using (var db = _database.CreateDbContext())
            changed = await CatalogLoader.LoadAsync(db, CatalogLoader.ReadEmbedded());

        Assert.Equal(0, changed);
        var kept = await ActivityAsync("UBMJ");
        Assert.Equal("Jobmentor", kept.Name);
        Assert.Equal(10, kept.FollowUpIntervalDays);
        Assert.Equal([OutcomeKind.OrdinaryJob], kept.AllowedOutcomeKinds);
        Assert.False((await ActivityAsync("FOB")).IsActive);
        var keptPlan = await PlanAsync("2024-2028");
        Assert.Equal("Helhedsplan 2024-2028 (rettet)", keptPlan.Name);
        Assert.Equal(3, keptPlan.HousingAreaIds.Count);
        Assert.Equal(77, (await Plans().BaselinesAsync((await PlanAsync("2021-2024")).Id)).Single(b => b.Id == baseline.Id).PerYear);
    }

    // ---- staff ----

    [Fact]
    public async Task A_staff_member_without_work_is_deleted_and_one_with_work_only_deactivated()
    {
        var staff = new StaffService(_database, new FakeCurrentUser(_admin));
        var mistaken = await staff.SaveAsync(null, new StaffForm { Name = "Fejl Oprettet", Roles = [StaffRoles.Analyst] });
        var resident = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Youth, [resident.Id], new DateOnly(2025, 5, 1));
        var before = await Scenario.LastAuditIdAsync(_database);

        await staff.DeleteAsync(mistaken);
        var error = await Assert.ThrowsAsync<DomainException>(() => staff.DeleteAsync(_mentor.StaffMemberId));

        Assert.Equal("Ahmed Hassan har arbejde i systemet og kan ikke slettes. Deaktivér medarbejderen i stedet.", error.Message);
        Assert.Equal("Du kan ikke slette dig selv.", (await Assert.ThrowsAsync<DomainException>(() => staff.DeleteAsync(_admin.StaffMemberId))).Message);
        await using var db = _database.CreateDbContext();
        Assert.False(await db.StaffMembers.AnyAsync(s => s.Id == mistaken));
        Assert.True(await db.StaffMembers.AnyAsync(s => s.Id == _mentor.StaffMemberId));
        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        AssertAudited([row], AuditAction.Delete, "StaffMember", mistaken);
    }
}
