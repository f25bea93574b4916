using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Administration;

public sealed record HousingAreaOption(int Id, string Name, string ReportsAs);

public sealed record PlanListItem(int Id, string Code, string Name, DateOnly Start, DateOnly End, IReadOnlyList<int> HousingAreaIds,
    IReadOnlyList<string> HousingAreas, int Activities, bool IsActive, bool InUse, bool FromReferenceCatalogue)
{
    public bool MayDelete => !InUse && !FromReferenceCatalogue;
}

public sealed record BaselineListItem(int Id, Indicator Indicator, string AgeBand, string Area, int PerYear);

public sealed class PlanForm
{
    /// <summary>Only for a new plan.</summary>
    public string? Code { get; set; }
    public string? Name { get; set; }
    public DateTime? Start { get; set; }
    public DateTime? End { get; set; }
    public IReadOnlyCollection<int> HousingAreaIds { get; set; } = [];

    public static PlanForm From(PlanListItem p) => new()
    {
        Code = p.Code,
        Name = p.Name,
        Start = p.Start.ToDateTime(TimeOnly.MinValue),
        End = p.End.ToDateTime(TimeOnly.MinValue),
        HousingAreaIds = p.HousingAreaIds.ToList(),
    };

    internal (DateOnly Start, DateOnly End) Dates() => (
        DateOnly.FromDateTime(Start ?? throw new DomainException("Angiv hvornår helhedsplanen starter.")),
        DateOnly.FromDateTime(End ?? throw new DomainException("Angiv hvornår helhedsplanen slutter.")));
}

public sealed class BaselineForm
{
    public Indicator Indicator { get; set; } = Indicator.EmploymentOrEducation;
    public string? AgeBand { get; set; }
    public string? Area { get; set; }
    public int PerYear { get; set; }
}

/// <summary>
/// Plan periods (helhedsplaner) and their yearly reference figures (baselines) for administrators: edited, created,
/// copied from the previous plan with its activities, deactivated, and deleted while nothing of them is in use.
/// Every change is audit-logged with the administrator as actor.
/// </summary>
public sealed class PlanPeriodService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser)
{
    public async Task<IReadOnlyList<HousingAreaOption>> HousingAreasAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.HousingAreas.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new HousingAreaOption(a.Id, a.Name, a.ReportsAs)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<PlanListItem>> ListAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plans = await db.PlanPeriods.AsNoTracking().OrderByDescending(p => p.Start).ToListAsync(ct);
        var areas = await db.HousingAreas.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var activities = await db.Activities.AsNoTracking().Select(a => new { a.Id, a.PlanPeriodId }).ToListAsync(ct);
        var inUse = await CatalogUsage.ActivitiesInUseAsync(db, activities.Select(a => a.Id).ToList(), ct);
        return plans.Select(p => new PlanListItem(p.Id, p.Code, p.Name, p.Start, p.End, p.HousingAreaIds,
                p.HousingAreaIds.Select(id => areas[id]).ToList(),
                activities.Count(a => a.PlanPeriodId == p.Id), p.IsActive,
                activities.Any(a => a.PlanPeriodId == p.Id && inUse.Contains(a.Id)), CatalogUsage.IsReferencePlan(p.Code)))
            .ToList();
    }

    /// <summary>A new, empty plan period. Returns its id.</summary>
    public async Task<int> CreateAsync(PlanForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var (start, end) = form.Dates();
        var plan = new PlanPeriod(await NewCodeAsync(db, form, ct), form.Name ?? "", start, end);
        await CoverAsync(db, plan, form, ct);
        plan.EnsureNoOverlap(await db.PlanPeriods.ToListAsync(ct));
        db.PlanPeriods.Add(plan);
        await db.SaveAuditedAsync(actor, ct, (AuditAction.Create, nameof(PlanPeriod), () => plan.Id.ToString()));
        return plan.Id;
    }

    /// <summary>
    /// A new plan period from the previous one, as 2024-2028 was set up from 2021-2024: its housing areas and a copy of
    /// each of its activities (code with the new plan's start year, e.g. BMJ-28), to be edited afterwards. Returns its id.
    /// </summary>
    public async Task<int> CopyAsync(int previousId, PlanForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var previous = await db.PlanPeriods.SingleOrDefaultAsync(p => p.Id == previousId, ct) ?? throw new NotFoundException();
        var previousActivities = await db.Activities.Include(a => a.FocusArea).Where(a => a.PlanPeriodId == previousId).OrderBy(a => a.Id).ToListAsync(ct);
        var (start, end) = form.Dates();
        var suffix = $"-{start.Year % 100:00}";
        await EnsureHousingAreasAsync(db, form, ct);
        var (plan, copies) = PlanPeriod.CopyFrom(previous, previousActivities, await NewCodeAsync(db, form, ct), form.Name ?? "", start, end,
            form.HousingAreaIds, a => a.Code[..Math.Min(a.Code.Length, 20 - suffix.Length)] + suffix);
        plan.EnsureNoOverlap(await db.PlanPeriods.ToListAsync(ct));
        var codes = copies.Select(a => a.Code).ToList();
        var taken = await db.Activities.Where(a => codes.Contains(a.Code)).Select(a => a.Code).ToListAsync(ct);
        if (taken.Count > 0 || codes.Distinct().Count() != codes.Count)
            throw new DomainException($"Kopiernes aktivitetskoder findes allerede ({string.Join(", ", taken.DefaultIfEmpty(codes[0]))}). Vælg en anden startdato eller opret aktiviteterne enkeltvis.");
        db.PlanPeriods.Add(plan);
        db.Activities.AddRange(copies);
        await db.SaveAuditedAsync(actor, ct,
            [(AuditAction.Create, nameof(PlanPeriod), () => plan.Id.ToString()),
             .. copies.Select(a => (AuditAction.Create, nameof(Activity), (Func<string>)(() => a.Id.ToString())))]);
        return plan.Id;
    }

    /// <summary>Name, dates and housing areas. The dates must keep every record of the plan's activities inside it.</summary>
    public async Task UpdateAsync(int id, PlanForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.PlanPeriods.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
        var (start, end) = form.Dates();
        plan.Update(form.Name ?? "", start, end);
        await CoverAsync(db, plan, form, ct);
        plan.EnsureNoOverlap(await db.PlanPeriods.Where(p => p.Id != id).ToListAsync(ct));
        await EnsureRecordsInsideAsync(db, plan, ct);
        await db.SaveAuditedAsync(actor, ct, (AuditAction.Update, nameof(PlanPeriod), () => id.ToString()));
    }

    /// <summary>Deactivating a plan deactivates all its activities; activating it again leaves them to be activated one by one.</summary>
    public async Task SetActiveAsync(int id, bool active, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.PlanPeriods.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
        var changes = new List<(AuditAction, string, Func<string>)> { (AuditAction.Update, nameof(PlanPeriod), () => id.ToString()) };
        if (active) plan.Activate();
        else
        {
            var activities = await db.Activities.Where(a => a.PlanPeriodId == id && a.IsActive).ToListAsync(ct);
            plan.Deactivate(activities);
            changes.AddRange(activities.Select(a => (AuditAction.Update, nameof(Activity), (Func<string>)(() => a.Id.ToString()))));
        }
        await db.SaveAuditedAsync(actor, ct, changes);
    }

    /// <summary>Deletes a plan period none of whose activities is in use, with its activities and baselines.</summary>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.PlanPeriods.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
        var activities = await db.Activities.Where(a => a.PlanPeriodId == id).ToListAsync(ct);
        if ((await CatalogUsage.ActivitiesInUseAsync(db, activities.Select(a => a.Id).ToList(), ct)).Count > 0)
            throw new DomainException($"Helhedsplanen {plan.Name} har aktiviteter i brug og kan ikke slettes. Deaktivér den i stedet.");
        if (CatalogUsage.IsReferencePlan(plan.Code))
            throw new DomainException($"Helhedsplanen {plan.Name} kommer fra referencekataloget og ville blive oprettet igen ved næste start. Deaktivér den i stedet.");
        var baselines = await db.IndicatorBaselines.Where(b => b.PlanPeriodId == id).ToListAsync(ct);
        db.IndicatorBaselines.RemoveRange(baselines);
        db.Activities.RemoveRange(activities);
        db.PlanPeriods.Remove(plan);
        await db.SaveAuditedAsync(actor, ct,
            [.. baselines.Select(b => (AuditAction.Delete, nameof(IndicatorBaseline), (Func<string>)(() => b.Id.ToString()))),
             .. activities.Select(a => (AuditAction.Delete, nameof(Activity), (Func<string>)(() => a.Id.ToString()))),
             (AuditAction.Delete, nameof(PlanPeriod), () => id.ToString())]);
    }

    public async Task<IReadOnlyList<BaselineListItem>> BaselinesAsync(int planId, CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var baselines = await db.IndicatorBaselines.AsNoTracking().Where(b => b.PlanPeriodId == planId).ToListAsync(ct);
        return baselines.OrderBy(b => b.Indicator).ThenBy(b => b.AgeBand, StringComparer.Ordinal).ThenBy(b => b.Area, StringComparer.Ordinal)
            .Select(b => new BaselineListItem(b.Id, b.Indicator, b.AgeBand, b.Area, b.PerYear)).ToList();
    }

    /// <summary>The areas a plan's baselines are reported in: its housing areas as they are reported (Kertemindevejkvarteret as Vollsmose).</summary>
    public async Task<IReadOnlyList<string>> ReportingAreasAsync(int planId, CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ReportingAreasAsync(db, planId, ct);
    }

    /// <summary>A new yearly reference figure for an indicator, age band and area of a plan. Returns its id.</summary>
    public async Task<int> AddBaselineAsync(int planId, BaselineForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.PlanPeriods.SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        if (form.Area is null || !(await ReportingAreasAsync(db, planId, ct)).Contains(form.Area))
            throw new DomainException("Vælg et område, som helhedsplanen dækker.");
        var ageBand = form.AgeBand ?? IndicatorBaseline.AllAges;
        if (await db.IndicatorBaselines.AnyAsync(b => b.PlanPeriodId == planId && b.Indicator == form.Indicator && b.AgeBand == ageBand && b.Area == form.Area, ct))
            throw new DomainException("Der findes allerede et referencetal for den indikator, aldersgruppe og det område: ret det i stedet.");
        var baseline = new IndicatorBaseline(plan, form.Indicator, ageBand, form.Area, form.PerYear);
        db.IndicatorBaselines.Add(baseline);
        await db.SaveAuditedAsync(actor, ct, (AuditAction.Create, nameof(IndicatorBaseline), () => baseline.Id.ToString()));
        return baseline.Id;
    }

    public async Task SetBaselineAsync(int id, int perYear, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var baseline = await db.IndicatorBaselines.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException();
        baseline.SetPerYear(perYear);
        await db.SaveAuditedAsync(actor, ct, (AuditAction.Update, nameof(IndicatorBaseline), () => id.ToString()));
    }

    private static async Task<List<string>> ReportingAreasAsync(AppDbContext db, int planId, CancellationToken ct)
    {
        var plan = await db.PlanPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        var areas = await db.HousingAreas.AsNoTracking().Where(a => plan.HousingAreaIds.Contains(a.Id)).Select(a => a.ReportsAs).ToListAsync(ct);
        return areas.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<string> NewCodeAsync(AppDbContext db, PlanForm form, CancellationToken ct)
    {
        var code = form.Code?.Trim() ?? "";
        if (code.Length > 0 && await db.PlanPeriods.AnyAsync(p => p.Code == code, ct))
            throw new DomainException($"Der findes allerede en helhedsplan med koden {code}.");
        return code;
    }

    private static async Task CoverAsync(AppDbContext db, PlanPeriod plan, PlanForm form, CancellationToken ct)
    {
        await EnsureHousingAreasAsync(db, form, ct);
        plan.CoverHousingAreas(form.HousingAreaIds);
    }

    private static async Task EnsureHousingAreasAsync(AppDbContext db, PlanForm form, CancellationToken ct)
    {
        var ids = form.HousingAreaIds.Distinct().ToList();
        if (await db.HousingAreas.CountAsync(a => ids.Contains(a.Id), ct) != ids.Count)
            throw new DomainException("Vælg boligområderne fra listen.");
    }

    /// <summary>Referrals, cases, logbook entries, outcomes and group courses of the plan's activities must stay inside its dates.</summary>
    private static async Task EnsureRecordsInsideAsync(AppDbContext db, PlanPeriod plan, CancellationToken ct)
    {
        var ids = await db.Activities.Where(a => a.PlanPeriodId == plan.Id).Select(a => a.Id).ToListAsync(ct);
        var (start, end) = (plan.Start, plan.End);
        var outside = await db.Referrals.AnyAsync(r => ids.Contains(r.ActivityId) && (r.ReceivedOn < start || r.ReceivedOn > end), ct)
            || await db.LogbookEntries.IgnoreQueryFilters().AnyAsync(e => ids.Contains(e.ActivityId) && (e.Date < start || e.Date > end), ct)
            || await db.GroupCourses.AnyAsync(g => ids.Contains(g.ActivityId) && (g.StartsOn < start || g.StartsOn > end), ct);
        if (outside)
            throw new DomainException($"Der findes henvisninger, logbogsnotater eller gruppeforløb i helhedsplanens aktiviteter uden for {start.ToDanish()} til {end.ToDanish()}. Vælg datoer, der rummer dem.");
    }
}
