using BoligSocialt.App.Data;
using BoligSocialt.App.Data.Catalog;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Referrals;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Administration;

/// <summary>
/// What the administration may delete: nothing in use (only deactivate), and nothing of the reference catalogue, which
/// <see cref="CatalogLoader"/> would add again at the next start.
/// </summary>
public static class CatalogUsage
{
    private static readonly Lazy<CatalogDocument> Reference = new(CatalogLoader.ReadEmbedded);

    public static bool IsReferenceActivity(string code) => Reference.Value.Activities.Any(a => a.Code == code);

    public static bool IsReferencePlan(string code) => Reference.Value.PlanPeriods.Any(p => p.Code == code);

    /// <summary>
    /// Which of the activities are used by a referral, a case, a logbook entry (deleted ones too: they stay for the
    /// audit), an outcome or a group course.
    /// </summary>
    public static async Task<HashSet<int>> ActivitiesInUseAsync(AppDbContext db, IReadOnlyCollection<int> activityIds, CancellationToken ct)
    {
        var used = new HashSet<int>();
        used.UnionWith(await db.Referrals.Where(r => activityIds.Contains(r.ActivityId)).Select(r => r.ActivityId).Distinct().ToListAsync(ct));
        used.UnionWith(await db.Cases.Where(c => activityIds.Contains(c.ActivityId)).Select(c => c.ActivityId).Distinct().ToListAsync(ct));
        used.UnionWith(await db.LogbookEntries.IgnoreQueryFilters().Where(e => activityIds.Contains(e.ActivityId)).Select(e => e.ActivityId).Distinct().ToListAsync(ct));
        used.UnionWith(await db.Outcomes.Where(o => activityIds.Contains(o.ActivityId)).Select(o => o.ActivityId).Distinct().ToListAsync(ct));
        used.UnionWith(await db.GroupCourses.Where(g => activityIds.Contains(g.ActivityId)).Select(g => g.ActivityId).Distinct().ToListAsync(ct));
        return used;
    }

    /// <summary>Open or reopened cases, and referrals still waiting for allocation or an answer: the work of the activity's team.</summary>
    public static async Task<bool> HasOpenWorkAsync(AppDbContext db, int activityId, CancellationToken ct) =>
        await db.Cases.AnyAsync(c => c.ActivityId == activityId && c.Status != CaseStatus.Closed, ct)
        || await db.Referrals.AnyAsync(r => r.ActivityId == activityId && (r.Status == ReferralStatus.Received || r.Status == ReferralStatus.Allocated), ct);

    /// <summary>Whether a staff member has done or been given any work, or appears in the audit log (signed in, changed anything).</summary>
    public static async Task<bool> StaffMemberHasWorkAsync(AppDbContext db, Guid staffId, CancellationToken ct)
    {
        var actor = staffId.ToString();
        return await db.Referrals.AnyAsync(r => r.AllocatedToId == staffId || r.RecordedById == staffId, ct)
            || await db.Cases.AnyAsync(c => c.ResponsibleStaffId == staffId || c.Assistants.Any(a => a.StaffMemberId == staffId), ct)
            || await db.LogbookEntries.IgnoreQueryFilters().AnyAsync(e => e.StaffMemberId == staffId || e.DeletedById == staffId, ct)
            || await db.GroupCourses.AnyAsync(g => g.ResponsibleStaffId == staffId, ct)
            || await db.Residents.AnyAsync(r => r.CreatedById == staffId
                || r.RegistrationConsent!.RecordedById == staffId || r.SharingConsent!.RecordedById == staffId, ct)
            || await db.AuditEntries.AnyAsync(a => a.Actor == actor, ct);
    }
}
