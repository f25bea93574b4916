using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Catalog;

/// <summary>A social-housing plan (helhedsplan) with its own activities, for its housing areas.</summary>
public sealed class PlanPeriod
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }
    /// <summary>The housing areas (boligområder) the plan covers.</summary>
    public List<int> HousingAreaIds { get; private set; } = [];
    /// <summary>A deactivated plan stays for the records made in it; its activities are no longer offered.</summary>
    public bool IsActive { get; private set; } = true;

    private PlanPeriod() { }

    public PlanPeriod(string code, string name, DateOnly start, DateOnly end)
    {
        Code = Guard.Text(code, "Kode", 20);
        Update(name, start, end);
    }

    /// <summary>
    /// A new plan that follows <paramref name="previous"/>: the given housing areas (none given: the previous plan's) and
    /// a copy of each of its activities (codes from <paramref name="codeOf"/>), ready to be edited. Overlap with other
    /// plans is checked by <see cref="EnsureNoOverlap"/>.
    /// </summary>
    public static (PlanPeriod Plan, IReadOnlyList<Activity> Activities) CopyFrom(PlanPeriod previous, IEnumerable<Activity> previousActivities,
        string code, string name, DateOnly start, DateOnly end, IReadOnlyCollection<int> housingAreaIds, Func<Activity, string> codeOf)
    {
        if (start <= previous.Start) throw new DomainException($"Den nye helhedsplan skal starte efter {previous.Name}.");
        var plan = new PlanPeriod(code, name, start, end);
        plan.CoverHousingAreas(housingAreaIds.Count > 0 ? housingAreaIds : previous.HousingAreaIds);
        var activities = previousActivities
            .Select(a => a.PlanPeriodId == previous.Id ? a.CopyTo(plan, codeOf(a))
                : throw new InvalidOperationException($"Activity {a.Code} is not of plan {previous.Code}."))
            .ToList();
        return (plan, activities);
    }

    public void Update(string name, DateOnly start, DateOnly end)
    {
        if (end <= start) throw new DomainException("En helhedsplan skal slutte efter den starter.");
        Name = Guard.Text(name, "Navn", 200);
        Start = start;
        End = end;
    }

    public void CoverHousingAreas(IEnumerable<int> housingAreaIds)
    {
        var ids = housingAreaIds.Distinct().Order().ToList();
        if (ids.Count == 0) throw new DomainException("Vælg mindst ét boligområde.");
        HousingAreaIds = ids;
    }

    /// <summary>Two plans never share a day: every date belongs to at most one plan, whose activities are offered that day.</summary>
    public void EnsureNoOverlap(IEnumerable<PlanPeriod> others)
    {
        var overlapping = others.Where(o => !ReferenceEquals(o, this) && (Id == 0 || o.Id != Id))
            .FirstOrDefault(o => o.Start <= End && Start <= o.End);
        if (overlapping is not null)
            throw new DomainException($"Helhedsplanen overlapper {overlapping.Name} ({overlapping.Start.ToDanish()} til {overlapping.End.ToDanish()}).");
    }

    /// <summary>Deactivates the plan and all its activities: nothing of it is offered for new work any more.</summary>
    public void Deactivate(IEnumerable<Activity> activities)
    {
        foreach (var activity in activities)
        {
            if (activity.PlanPeriodId != Id) throw new InvalidOperationException($"Activity {activity.Code} is not of plan {Code}.");
            activity.Deactivate();
        }
        IsActive = false;
    }

    public void Activate() => IsActive = true;

    public bool Contains(DateOnly date) => date >= Start && date <= End;
}
