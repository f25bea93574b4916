using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Administration;

public sealed record PlanOption(int Id, string Name, DateOnly Start, DateOnly End, bool IsActive);

public sealed record FocusAreaOption(int Id, string Name, int TeamId, string Team);

public sealed record ActivityListItem(int Id, string Code, string Name, int FocusAreaId, string FocusArea, string Team,
    ActivityKind Kind, StartMeetingKind StartMeeting, IReadOnlyList<OutcomeKind> AllowedOutcomeKinds, int FollowUpIntervalDays,
    bool IsActive, bool InUse, bool FromReferenceCatalogue)
{
    /// <summary>Unused activities an administrator created may be deleted; everything else only deactivated.</summary>
    public bool MayDelete => !InUse && !FromReferenceCatalogue;
}

public sealed class ActivityForm
{
    /// <summary>Only for a new activity: the code stays, since logbook files refer to it.</summary>
    public string? Code { get; set; }
    public string? Name { get; set; }
    public int? FocusAreaId { get; set; }
    public ActivityKind Kind { get; set; } = ActivityKind.IndividualOrGroupCounselling;
    public StartMeetingKind StartMeeting { get; set; } = StartMeetingKind.None;
    public IReadOnlyCollection<OutcomeKind> AllowedOutcomeKinds { get; set; } = [];
    public int FollowUpIntervalDays { get; set; } = Activity.DefaultFollowUpIntervalDays;

    public static ActivityForm From(ActivityListItem a) => new()
    {
        Code = a.Code,
        Name = a.Name,
        FocusAreaId = a.FocusAreaId,
        Kind = a.Kind,
        StartMeeting = a.StartMeeting,
        AllowedOutcomeKinds = a.AllowedOutcomeKinds.ToList(),
        FollowUpIntervalDays = a.FollowUpIntervalDays,
    };
}

/// <summary>
/// The activity catalogue for administrators: the activities of a plan period, edited, created, deactivated, and deleted
/// while unused. Every change is audit-logged with the administrator as actor.
/// </summary>
public sealed class ActivityCatalogService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser)
{
    public async Task<IReadOnlyList<PlanOption>> PlansAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PlanPeriods.AsNoTracking().OrderByDescending(p => p.Start)
            .Select(p => new PlanOption(p.Id, p.Name, p.Start, p.End, p.IsActive)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<FocusAreaOption>> FocusAreasAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.FocusAreas.AsNoTracking().OrderBy(f => f.Team!.Name).ThenBy(f => f.Name)
            .Select(f => new FocusAreaOption(f.Id, f.Name, f.TeamId, f.Team!.Name)).ToListAsync(ct);
    }

    /// <summary>The activities of a plan period, with whether each is in use.</summary>
    public async Task<IReadOnlyList<ActivityListItem>> ListAsync(int planId, CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var activities = await db.Activities.AsNoTracking().Include(a => a.FocusArea!).ThenInclude(f => f.Team)
            .Where(a => a.PlanPeriodId == planId).ToListAsync(ct);
        var inUse = await CatalogUsage.ActivitiesInUseAsync(db, activities.Select(a => a.Id).ToList(), ct);
        return activities
            .OrderBy(a => a.FocusArea!.Team!.Name).ThenBy(a => a.Name, DanishOrder.Names)
            .Select(a => new ActivityListItem(a.Id, a.Code, a.Name, a.FocusAreaId, a.FocusArea!.Name, a.FocusArea.Team!.Name,
                a.Kind, a.StartMeeting, a.AllowedOutcomeKinds, a.FollowUpIntervalDays, a.IsActive, inUse.Contains(a.Id),
                CatalogUsage.IsReferenceActivity(a.Code)))
            .ToList();
    }

    /// <summary>A new activity in a plan period. Returns its id.</summary>
    public async Task<int> CreateAsync(int planId, ActivityForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.PlanPeriods.SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        if (!plan.IsActive) throw new DomainException($"Helhedsplanen {plan.Name} er deaktiveret: aktivér den, før der oprettes aktiviteter i den.");
        var code = form.Code?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(code) && await db.Activities.AnyAsync(a => a.Code == code, ct))
            throw new DomainException($"Der findes allerede en aktivitet med koden {code}.");
        var activity = new Activity(code ?? "", await FocusAreaAsync(db, form, ct), plan);
        activity.Describe(form.Name ?? "", form.Kind, StartMeetingKind.None, null, acceptsSelfReferral: true, acceptsOutreach: true, [], []);
        Edit(activity, form);
        db.Activities.Add(activity);
        await db.SaveAuditedAsync(actor, ct, (AuditAction.Create, nameof(Activity), () => activity.Id.ToString()));
        return activity.Id;
    }

    /// <summary>Name, focus area (and so team), kind, start meeting, outcomes and follow-up interval of an activity.</summary>
    public async Task UpdateAsync(int id, ActivityForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await db.Activities.Include(a => a.FocusArea).SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException();
        var focusArea = await FocusAreaAsync(db, form, ct);
        if (focusArea.Id != activity.FocusAreaId)
            activity.ChangeFocusArea(focusArea, await CatalogUsage.HasOpenWorkAsync(db, id, ct));
        activity.Rename(form.Name ?? "");
        Edit(activity, form);
        await db.SaveAuditedAsync(actor, ct, (AuditAction.Update, nameof(Activity), () => id.ToString()));
    }

    /// <summary>A deactivated activity is no longer offered for new referrals, logbook entries or group courses; what exists keeps it.</summary>
    public async Task SetActiveAsync(int id, bool active, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await db.Activities.Include(a => a.PlanPeriod).SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException();
        if (active) activity.Activate(); else activity.Deactivate();
        await db.SaveAuditedAsync(actor, ct, (AuditAction.Update, nameof(Activity), () => id.ToString()));
    }

    /// <summary>Deletes an activity nothing uses and the reference catalogue does not hold; anything else can only be deactivated.</summary>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException();
        if ((await CatalogUsage.ActivitiesInUseAsync(db, [id], ct)).Count > 0)
            throw new DomainException($"Aktiviteten {activity.Name} er i brug (henvisninger, forløb, logbog, resultater eller gruppeforløb) og kan ikke slettes. Deaktivér den i stedet.");
        if (CatalogUsage.IsReferenceActivity(activity.Code))
            throw new DomainException($"Aktiviteten {activity.Name} kommer fra referencekataloget og ville blive oprettet igen ved næste start. Deaktivér den i stedet.");
        db.Activities.Remove(activity);
        await db.SaveAuditedAsync(actor, ct, (AuditAction.Delete, nameof(Activity), () => id.ToString()));
    }

    private static async Task<FocusArea> FocusAreaAsync(AppDbContext db, ActivityForm form, CancellationToken ct) =>
        await db.FocusAreas.SingleOrDefaultAsync(f => f.Id == form.FocusAreaId, ct)
            ?? throw new DomainException("Vælg et indsatsområde fra listen.");

    private static void Edit(Activity activity, ActivityForm form)
    {
        activity.ChangeKind(form.Kind);
        activity.ChangeStartMeeting(form.StartMeeting);
        activity.AllowOutcomes(form.AllowedOutcomeKinds);
        activity.SetFollowUpInterval(form.FollowUpIntervalDays);
    }
}
