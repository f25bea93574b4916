using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// Residents of the retention tests, built with the domain's constructors in the 2021-2024 plan: a former resident whose
/// case closed in 2021 (due under the default five years from 2027 on, and from late 2026 on for the real clock of the
/// command line), and the kinds that are not due.
/// </summary>
internal static class RetentionScenario
{
    public static readonly DateOnly Born = new(1994, 6, 15);
    public static readonly DateOnly OutcomeOn = new(2021, 3, 1);
    public static readonly DateOnly ClosedOn = new(2021, 6, 1);
    public const string Phone = "+4520304050";
    private static readonly DateTimeOffset CreatedAt = new(2021, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An active activity of the 2021-2024 plan that records ordinary jobs, with its plan and focus area.</summary>
    public static async Task<Activity> OldActivityAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var activities = await db.Activities.AsNoTracking().Include(a => a.PlanPeriod).Include(a => a.FocusArea)
            .Where(a => a.IsActive && a.PlanPeriod!.Start < new DateOnly(2022, 1, 1)).OrderBy(a => a.Id).ToListAsync();
        return activities.First(a => a.Allows(OutcomeKind.OrdinaryJob));
    }

    /// <summary>
    /// A resident referred in January 2021, a case with a goal, a follow-up with a note, an ordinary job on 1 March 2021
    /// (aged 26) and closure on 1 June 2021 with a note. Returns the resident and the case.
    /// </summary>
    public static async Task<(Resident Resident, Case Case)> FormerResidentAsync(TestDatabase database, Guid staffId, string name,
        DateOnly? born = null, string department = "Granparken")
    {
        var activity = await OldActivityAsync(database);
        var departmentId = await Scenario.DepartmentIdAsync(database, department);
        await using var db = database.CreateDbContext();
        var areaId = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.HousingAreaId).SingleAsync();
        var today = Scenario.Today;
        var resident = new Resident(name, born ?? Born, Phone, staffId, CreatedAt);
        resident.MoveTo(departmentId, new DateOnly(2015, 1, 1));
        resident.GiveRegistrationConsent(new DateOnly(2021, 1, 5), staffId, today);
        var referral = new Referral(resident, activity, Referral.SelfReferralSource, null, null, "Har gæld og vil gerne i job", new DateOnly(2021, 1, 10), staffId, today);
        referral.AllocateTo(staffId, new DateOnly(2021, 1, 11));
        var course = referral.Accept(activity, new DateOnly(2021, 1, 12));
        course.AddGoal("Komme ud af gælden");
        var followUp = course.RecordFollowUp(LogbookEntryKind.Conversation, new DateOnly(2021, 2, 1), $"{name} fortalte om sin skilsmisse", null, staffId, today);
        course.RecordOutcome(activity, OutcomeKind.OrdinaryJob, OutcomeOn, areaId, today);
        course.Close(ClosedOn, ClosureReason.GoalsReached, course.Goals.ToDictionary(g => g.Id, _ => GoalStatus.Reached), residentAgreed: true,
            $"{name} fik job i Netto", today);
        db.AddRange(resident, referral, course, followUp);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return (resident, course);
    }

    /// <summary>A resident with an open case opened in 2021: never due while it is open.</summary>
    public static async Task<Resident> ResidentWithOpenCaseAsync(TestDatabase database, Guid staffId, string name)
    {
        var activity = await OldActivityAsync(database);
        var departmentId = await Scenario.DepartmentIdAsync(database, "Granparken");
        await using var db = database.CreateDbContext();
        var resident = new Resident(name, Born, null, staffId, CreatedAt);
        resident.MoveTo(departmentId, new DateOnly(2015, 1, 1));
        resident.GiveRegistrationConsent(new DateOnly(2021, 1, 5), staffId, Scenario.Today);
        var referral = new Referral(resident, activity, Referral.SelfReferralSource, null, null, "Vil gerne i job", new DateOnly(2021, 1, 10), staffId, Scenario.Today);
        referral.AllocateTo(staffId, new DateOnly(2021, 1, 11));
        db.AddRange(resident, referral, referral.Accept(activity, new DateOnly(2021, 1, 12)));
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return resident;
    }

    /// <summary>A logbook entry in the 2021-2024 plan's activity with these residents and a note.</summary>
    public static async Task<LogbookEntry> EntryAsync(TestDatabase database, Guid staffId, DateOnly on, string note, params Guid[] residentIds)
    {
        var activity = await OldActivityAsync(database);
        await using var db = database.CreateDbContext();
        var entry = new LogbookEntry(on, staffId, activity.Id, LogbookEntryKind.Conversation, residentIds, null, note, Scenario.Today);
        db.LogbookEntries.Add(entry);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return entry;
    }
}
