using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Referrals;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Home;

public sealed record MyCaseItem(Guid Id, string Resident, string Activity, int DaysOpen, bool StartMeetingMissing);

public sealed record MyReferralItem(Guid Id, string Resident, string Activity, int DaysSinceAllocation);

public sealed record TeamOverview(string Team, int ReferralsWaiting, int OldestWaitingDays, IReadOnlyList<StaffCaseload> Caseload);

/// <param name="AreaNames">Display names of the reporting area codes in the rows.</param>
public sealed record YearFigures(int Year, int Quarter, IReadOnlyList<IndicatorCount> Rows, IReadOnlyDictionary<string, string> AreaNames);

public sealed record AdministrationOverview(int ActiveStaff, int InactiveStaff, int Activities);

/// <summary>What each role's start page shows. A person with several roles sees several sections.</summary>
public sealed record StartPageContent(
    string Name,
    IReadOnlyList<MyCaseItem>? MyCases,
    IReadOnlyList<MyReferralItem>? MyReferrals,
    TeamOverview? Team,
    YearFigures? Figures,
    AdministrationOverview? Administration);

public sealed class StartPageQueries(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<StartPageContent> GetAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var name = await db.StaffMembers.Where(s => s.Id == actor.StaffMemberId).Select(s => s.Name).SingleOrDefaultAsync(ct) ?? "";
        return new StartPageContent(
            name,
            actor.IsCaseworker ? await MyCasesAsync(db, actor, today, ct) : null,
            actor.IsCaseworker ? await MyReferralsAsync(db, actor, today, ct) : null,
            actor.IsLeader ? await TeamAsync(db, actor, today, ct) : null,
            actor.Has(StaffRoles.Analyst) ? await FiguresAsync(db, today, ct) : null,
            actor.Has(StaffRoles.Administrator) ? await AdministrationAsync(db, ct) : null);
    }

    private static async Task<IReadOnlyList<MyCaseItem>> MyCasesAsync(AppDbContext db, Actor actor, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.ResponsibleStaffId == actor.StaffMemberId && c.Status != Domain.Cases.CaseStatus.Closed)
            .Join(db.Residents, c => c.ResidentId, r => r.Id, (c, r) => new { c, Resident = r.Name })
            .Join(db.Activities, x => x.c.ActivityId, a => a.Id, (x, a) => new
            {
                x.c.Id, x.Resident, Activity = a.Name, x.c.OpenedOn,
                StartMeetingMissing = a.StartMeeting != StartMeetingKind.None && x.c.StartMeetingHeldOn == null,
            })
            .ToListAsync(ct);
        return rows
            .Select(x => new MyCaseItem(x.Id, x.Resident, x.Activity, today.DayNumber - x.OpenedOn.DayNumber, x.StartMeetingMissing))
            .OrderByDescending(x => x.StartMeetingMissing).ThenByDescending(x => x.DaysOpen)
            .ToList();
    }

    private static async Task<IReadOnlyList<MyReferralItem>> MyReferralsAsync(AppDbContext db, Actor actor, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Referrals.AsNoTracking()
            .Where(r => r.AllocatedToId == actor.StaffMemberId && r.Status == ReferralStatus.Allocated)
            .Join(db.Residents, r => r.ResidentId, p => p.Id, (r, p) => new { r, Resident = p.Name })
            .Join(db.Activities, x => x.r.ActivityId, a => a.Id, (x, a) => new { x.r.Id, x.Resident, Activity = a.Name, x.r.AllocatedOn })
            .ToListAsync(ct);
        return rows
            .Select(x => new MyReferralItem(x.Id, x.Resident, x.Activity, today.DayNumber - x.AllocatedOn!.Value.DayNumber))
            .OrderByDescending(x => x.DaysSinceAllocation)
            .ToList();
    }

    private static async Task<TeamOverview> TeamAsync(AppDbContext db, Actor actor, DateOnly today, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().SingleAsync(t => t.Id == actor.TeamId, ct);
        var waiting = await db.VisibleReferrals(actor).AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Received || r.Status == ReferralStatus.Declined).Select(r => r.ReceivedOn).ToListAsync(ct);
        return new TeamOverview(
            team.Name,
            waiting.Count,
            waiting.Count == 0 ? 0 : today.DayNumber - waiting.Min().DayNumber,
            await AllocationBoardService.CaseloadAsync(db, team.Id, today, ct));
    }

    /// <summary>The year so far, counted by the domain's counting rule: figures only, never a name.</summary>
    private static async Task<YearFigures> FiguresAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var quarter = (today.Month - 1) / 3 + 1;
        var (_, quarterEnd) = UniqueResidentCount.QuarterDates(today.Year, quarter);
        var areas = await db.HousingAreas.AsNoTracking().ToListAsync(ct);
        var areaCodes = areas.ToDictionary(a => a.Id, a => a.Code);
        var plans = await db.PlanPeriods.AsNoTracking().ToListAsync(ct);
        var outcomes = await db.Outcomes.AsNoTracking().Where(o => o.AchievedOn <= quarterEnd)
            .Select(o => new { o.ResidentId, o.Kind, o.AchievedOn, o.HousingAreaId }).ToListAsync(ct);
        var residents = await db.Residents.AsNoTracking()
            .Select(r => new ResidentFact(r.Id, r.BirthDate, r.MergedIntoId)).ToListAsync(ct);
        var rows = UniqueResidentCount.Compute(today.Year, quarter,
            outcomes.Select(o => new OutcomeFact(o.ResidentId, o.Kind, o.AchievedOn, areaCodes[o.HousingAreaId])),
            residents, areas, plans);
        return new YearFigures(today.Year, quarter, rows, areas.ToDictionary(a => a.Code, a => a.Name));
    }

    private static async Task<AdministrationOverview> AdministrationAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.StaffMembers.CountAsync(s => s.IsActive, ct),
            await db.StaffMembers.CountAsync(s => !s.IsActive, ct),
            await db.Activities.CountAsync(a => a.IsActive, ct));
}
