using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.App.Features.Referrals;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Home;

/// <summary>One of my open cases with what needs doing; <see cref="Urgency"/> orders the list.</summary>
/// <param name="DaysWithoutFollowUp">Set when nothing was recorded for longer than the activity's follow-up interval.</param>
/// <param name="Assisting">I assist; a colleague is responsible.</param>
public sealed record MyCaseItem(
    Guid Id,
    int Version,
    string Resident,
    string Activity,
    int DaysOpen,
    bool StartMeetingMissing,
    DateOnly? FollowUpOverdueSince,
    int? DaysWithoutFollowUp,
    int AgreementsDue,
    bool Assisting)
{
    /// <summary>What needs doing first: an overdue follow-up, then a missing start meeting, agreements due, long silence.</summary>
    public int Urgency => (FollowUpOverdueSince is null ? 0 : 8) + (StartMeetingMissing ? 4 : 0) + (AgreementsDue > 0 ? 2 : 0) + (DaysWithoutFollowUp is null ? 0 : 1);
}

/// <summary>An aftercare call due in one of my closed cases.</summary>
public sealed record AftercareCallDue(Guid CaseId, string Resident, string Activity, DateOnly DueOn);

public sealed record MyReferralItem(Guid Id, string Resident, string Activity, int DaysSinceAllocation);

public sealed record TeamOverview(string Team, int ReferralsWaiting, int OldestWaitingDays, IReadOnlyList<StaffCaseload> Caseload);

/// <param name="AreaNames">Display names of the reporting area codes in the rows.</param>
public sealed record YearFigures(int Year, int Quarter, IReadOnlyList<IndicatorRow> Rows, IReadOnlyDictionary<string, string> AreaNames);

public sealed record AdministrationOverview(int ActiveStaff, int InactiveStaff, int Activities);

/// <summary>What each role's start page shows. A person with several roles sees several sections.</summary>
public sealed record StartPageContent(
    string Name,
    IReadOnlyList<MyCaseItem>? MyCases,
    IReadOnlyList<AftercareCallDue>? AftercareCallsDue,
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
            actor.IsCaseworker ? await AftercareCallsDueAsync(db, actor, today, ct) : null,
            actor.IsCaseworker ? await MyReferralsAsync(db, actor, today, ct) : null,
            actor.IsLeader ? await TeamAsync(db, actor, today, ct) : null,
            actor.Has(StaffRoles.Analyst) ? await FiguresAsync(db, today, ct) : null,
            actor.Has(StaffRoles.Administrator) ? await AdministrationAsync(db, ct) : null);
    }

    /// <summary>My open cases (responsible or assisting), the most urgent first, then the longest open.</summary>
    private static async Task<IReadOnlyList<MyCaseItem>> MyCasesAsync(AppDbContext db, Actor actor, DateOnly today, CancellationToken ct)
    {
        var me = actor.StaffMemberId;
        var rows = await db.Cases.AsNoTracking()
            .Where(c => (c.ResponsibleStaffId == me || c.Assistants.Any(a => a.StaffMemberId == me)) && c.Status != Domain.Cases.CaseStatus.Closed)
            .Join(db.Residents, c => c.ResidentId, r => r.Id, (c, r) => new { c, Resident = r.Name })
            .Join(db.Activities, x => x.c.ActivityId, a => a.Id, (x, a) => new
            {
                x.c.Id, x.c.Version, x.Resident, Activity = a.Name, x.c.OpenedOn, x.c.NextFollowUpOn, a.FollowUpIntervalDays,
                Assisting = x.c.ResponsibleStaffId != me,
                StartMeetingMissing = a.StartMeeting != StartMeetingKind.None && x.c.StartMeetingHeldOn == null,
                LastEntry = db.LogbookEntries.Where(e => e.CaseId == x.c.Id).Max(e => (DateOnly?)e.Date),
                AgreementsDue = x.c.Agreements.Count(g => !g.Done && g.Deadline <= today),
            })
            .ToListAsync(ct);
        return rows
            .Select(x =>
            {
                var silentDays = today.DayNumber - (x.LastEntry ?? x.OpenedOn).DayNumber;
                return new MyCaseItem(x.Id, x.Version, x.Resident, x.Activity, today.DayNumber - x.OpenedOn.DayNumber, x.StartMeetingMissing,
                    x.NextFollowUpOn < today ? x.NextFollowUpOn : null, silentDays > x.FollowUpIntervalDays ? silentDays : null, x.AgreementsDue, x.Assisting);
            })
            .OrderByDescending(x => x.Urgency).ThenByDescending(x => x.DaysOpen)
            .ToList();
    }

    private static async Task<IReadOnlyList<AftercareCallDue>> AftercareCallsDueAsync(AppDbContext db, Actor actor, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.ResponsibleStaffId == actor.StaffMemberId && c.Status == Domain.Cases.CaseStatus.Closed)
            .SelectMany(c => c.AftercareCalls.Where(a => a.Status == Domain.Cases.AftercareCallStatus.Pending && a.DueOn <= today),
                (c, a) => new { c.Id, c.ResidentId, c.ActivityId, a.DueOn })
            .Join(db.Residents, x => x.ResidentId, r => r.Id, (x, r) => new { x.Id, x.ActivityId, x.DueOn, Resident = r.Name })
            .Join(db.Activities, x => x.ActivityId, a => a.Id, (x, a) => new { x.Id, x.Resident, Activity = a.Name, x.DueOn })
            .ToListAsync(ct);
        // The oldest call of each case: one line per resident to ring.
        return rows.GroupBy(x => x.Id).Select(g => g.MinBy(x => x.DueOn)!)
            .OrderBy(x => x.DueOn)
            .Select(x => new AftercareCallDue(x.Id, x.Resident, x.Activity, x.DueOn))
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
        var rows = await DeliveryMeasurementService.IndicatorsAsync(db, today.Year, quarter, ct);
        var areas = await db.HousingAreas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        return new YearFigures(today.Year, quarter, rows, areas);
    }

    private static async Task<AdministrationOverview> AdministrationAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.StaffMembers.CountAsync(s => s.IsActive, ct),
            await db.StaffMembers.CountAsync(s => !s.IsActive, ct),
            await db.Activities.CountAsync(a => a.IsActive, ct));
}
