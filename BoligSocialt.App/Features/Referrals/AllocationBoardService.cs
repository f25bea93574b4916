using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Referrals;

/// <param name="Area">The housing area the resident lives in today.</param>
/// <param name="DeclinedBy">Set when the referral was declined and waits to be allocated again.</param>
public sealed record WaitingReferral(Guid Id, int Version, string Resident, int ActivityId, string Activity, int? AreaId, string? Area,
    DateOnly ReceivedOn, int DaysWaiting, string Source, string? DeclinedBy);

/// <param name="AwaitingDecision">Referrals allocated to them, not yet accepted or declined.</param>
/// <param name="WithoutFollowUp">Open cases with nothing in the logbook for <see cref="AllocationBoardService.FollowUpDays"/> days.</param>
public sealed record StaffCaseload(Guid Id, string Name, string Roles, int OpenCases, int AwaitingDecision, int WithoutFollowUp);

public sealed record FilterOption(int Id, string Name);

public sealed record AllocationBoard(
    int TeamId,
    string Team,
    IReadOnlyList<WaitingReferral> Waiting,
    IReadOnlyList<StaffCaseload> Staff,
    IReadOnlyList<FilterOption> Activities,
    IReadOnlyList<FilterOption> Areas);

/// <summary>The team leader's allocation board (fordeling): what waits, oldest first, and everyone's live caseload.</summary>
public sealed class AllocationBoardService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public const int FollowUpDays = 30;

    public async Task<AllocationBoard> LoadAsync(int? activityId = null, int? areaId = null, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        if (!actor.IsLeader) throw new NotFoundException();
        var teamId = actor.TeamId!.Value;
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);

        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).SingleAsync(ct);
        var activities = await db.Activities.AsNoTracking().Where(a => a.FocusArea!.TeamId == teamId)
            .Select(a => new { a.Id, a.Name, a.IsActive }).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking()
            .Select(d => new { d.Id, d.HousingAreaId, Area = d.HousingArea!.Name }).ToDictionaryAsync(d => d.Id, ct);
        var sources = await db.CatalogTerms.AsNoTracking().Where(t => t.List == Domain.Catalog.CatalogList.ReferralSource)
            .ToDictionaryAsync(t => t.Code, t => t.Name, ct);

        var referrals = db.VisibleReferrals(actor).AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Received || r.Status == ReferralStatus.Declined);
        if (activityId is { } chosen) referrals = referrals.Where(r => r.ActivityId == chosen);
        var rows = await referrals
            .Join(db.Residents, r => r.ResidentId, p => p.Id, (r, p) => new
            {
                r.Id, r.Version, Resident = p.Name, r.ActivityId, r.ReceivedOn, r.Source, r.Status,
                DepartmentId = p.Residences.Where(x => x.From <= today).OrderByDescending(x => x.From).Select(x => (int?)x.DepartmentId).FirstOrDefault(),
                DeclinedBy = db.StaffMembers.Where(s => s.Id == r.AllocatedToId).Select(s => s.Name).FirstOrDefault(),
            })
            .OrderBy(r => r.ReceivedOn)
            .ToListAsync(ct);

        var activityNames = activities.ToDictionary(a => a.Id, a => a.Name);
        var waiting = rows.Select(r =>
            {
                var department = r.DepartmentId is { } id ? departments[id] : null;
                return new WaitingReferral(r.Id, r.Version, r.Resident, r.ActivityId, activityNames.GetValueOrDefault(r.ActivityId, ""),
                    department?.HousingAreaId, department?.Area, r.ReceivedOn, today.DayNumber - r.ReceivedOn.DayNumber,
                    sources.GetValueOrDefault(r.Source, r.Source), r.Status == ReferralStatus.Declined ? r.DeclinedBy : null);
            })
            .Where(r => areaId is null || r.AreaId == areaId)
            .ToList();

        return new AllocationBoard(teamId, team, waiting, await CaseloadAsync(db, teamId, today, ct),
            activities.Where(a => a.IsActive).OrderBy(a => a.Name, DanishOrder.Names).Select(a => new FilterOption(a.Id, a.Name)).ToList(),
            departments.Values.DistinctBy(d => d.HousingAreaId).OrderBy(d => d.Area, DanishOrder.Names)
                .Select(d => new FilterOption(d.HousingAreaId, d.Area)).ToList());
    }

    /// <summary>The active mentors and counsellors of a team with their live caseload, the busiest first.</summary>
    internal static async Task<IReadOnlyList<StaffCaseload>> CaseloadAsync(AppDbContext db, int teamId, DateOnly today, CancellationToken ct)
    {
        var since = today.AddDays(-FollowUpDays);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.TeamId == teamId && s.IsActive)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Roles,
                OpenCases = db.Cases.Count(c => c.ResponsibleStaffId == s.Id && c.Status != CaseStatus.Closed),
                Awaiting = db.Referrals.Count(r => r.AllocatedToId == s.Id && r.Status == ReferralStatus.Allocated),
                WithoutFollowUp = db.Cases.Count(c => c.ResponsibleStaffId == s.Id && c.Status != CaseStatus.Closed && c.OpenedOn <= since
                    && !db.LogbookEntries.Any(e => e.CaseId == c.Id && e.Date > since)),
            })
            .ToListAsync(ct);
        return staff.Where(s => (s.Roles & (StaffRoles.Mentor | StaffRoles.Counsellor)) != 0)
            .Select(s => new StaffCaseload(s.Id, s.Name, s.Roles.Danish(), s.OpenCases, s.Awaiting, s.WithoutFollowUp))
            .OrderByDescending(s => s.OpenCases).ThenBy(s => s.Name, DanishOrder.Names)
            .ToList();
    }
}
