using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Counting;

/// <summary>A resident as the count sees them: birth date, and the record they were merged into, if any.</summary>
public sealed record ResidentFact(Guid Id, DateOnly BirthDate, Guid? MergedIntoId = null);

/// <summary>
/// An outcome as the count sees it: the housing area is the one stored on the outcome; the age band too when it was kept
/// there (the resident was anonymised), else it follows from the resident's birth date.
/// </summary>
public sealed record OutcomeFact(Guid ResidentId, OutcomeKind Kind, DateOnly Date, string HousingAreaCode, string? AgeBand = null);

/// <summary>One row of the unique-resident counts: an indicator in a reporting area and age band.</summary>
public sealed record IndicatorCount(Indicator Indicator, string Area, string AgeBand, int NewThisQuarter, int YearToDate, int FirstTimeInPlan);

/// <summary>
/// The counting rule of DOMAIN.md, "unique new residents in employment or education" (and the same rule for
/// spare-time jobs and volunteering). This is the reference implementation; any faster one must agree with it.
/// </summary>
public static class UniqueResidentCount
{
    public const string Age18To29 = "18-29";
    public const string Age30To64 = "30-64";
    public const string OtherAges = "other";
    public const string AllAges = IndicatorBaseline.AllAges;

    public static (DateOnly From, DateOnly To) QuarterDates(int year, int quarter)
    {
        if (quarter is < 1 or > 4) throw new DomainException("Kvartalet skal være 1, 2, 3 eller 4.");
        if (year is < 2000 or > 2100) throw new DomainException("Året skal ligge mellem 2000 og 2100.");
        var from = new DateOnly(year, 3 * (quarter - 1) + 1, 1);
        return (from, from.AddMonths(3).AddDays(-1));
    }

    /// <summary>The age band of the employment-or-education indicator; the others are not split by age.</summary>
    public static string AgeBand(Indicator indicator, int age) => indicator != Indicator.EmploymentOrEducation
        ? AllAges
        : age switch
        {
            >= 18 and <= 29 => Age18To29,
            >= 30 and <= 64 => Age30To64,
            _ => OtherAges,
        };

    public static IReadOnlyList<IndicatorCount> Compute(
        int year,
        int quarter,
        IEnumerable<OutcomeFact> outcomes,
        IEnumerable<ResidentFact> residents,
        IEnumerable<HousingArea> housingAreas,
        IEnumerable<PlanPeriod> planPeriods)
    {
        var (quarterStart, quarterEnd) = QuarterDates(year, quarter);
        var yearStart = new DateOnly(year, 1, 1);
        var people = residents.ToDictionary(r => r.Id);
        var reportsAs = housingAreas.ToDictionary(a => a.Code, a => a.ReportsAs, StringComparer.OrdinalIgnoreCase);
        var plans = planPeriods.Where(p => p.Start <= quarterEnd && p.End >= yearStart).ToList();

        var counted = outcomes
            .Select(o =>
            {
                var person = Survivor(o.ResidentId, people);
                var indicator = o.Kind.Indicator();
                return new Counted(
                    person.Id,
                    indicator,
                    o.Date,
                    reportsAs.GetValueOrDefault(o.HousingAreaCode, o.HousingAreaCode),
                    o.AgeBand ?? AgeBand(indicator, person.BirthDate.AgeOn(o.Date)));
            })
            .Where(c => c.Date <= quarterEnd);

        var rows = new Dictionary<(Indicator, string, string), int[]>();
        void Add((Indicator, string, string) key, int column)
        {
            if (!rows.TryGetValue(key, out var counts)) rows[key] = counts = new int[3];
            counts[column]++;
        }

        foreach (var person in counted.GroupBy(c => (c.PersonId, c.Indicator)))
        {
            var ordered = person.OrderBy(c => c.Date).ThenBy(c => c.Area, StringComparer.Ordinal).ThenBy(c => c.AgeBand, StringComparer.Ordinal).ToList();

            // Once per indicator per year, in the row of the first qualifying outcome of the year.
            var firstInYear = ordered.FirstOrDefault(c => c.Date >= yearStart);
            if (firstInYear is not null)
            {
                Add(firstInYear.Row, YearToDate);
                if (firstInYear.Date >= quarterStart) Add(firstInYear.Row, NewThisQuarter);
            }

            // First time in the plan period; a resident first-time in two plans of one year counts once, at the earlier.
            var firstInPlan = plans
                .Select(plan => ordered.FirstOrDefault(c => plan.Contains(c.Date)))
                .Where(c => c is not null && c.Date >= yearStart)
                .MinBy(c => c!.Date);
            if (firstInPlan is not null) Add(firstInPlan.Row, FirstTimeInPlan);
        }

        return rows
            .Select(r => new IndicatorCount(r.Key.Item1, r.Key.Item2, r.Key.Item3, r.Value[NewThisQuarter], r.Value[YearToDate], r.Value[FirstTimeInPlan]))
            .OrderBy(r => r.Indicator).ThenBy(r => r.Area, StringComparer.Ordinal).ThenBy(r => r.AgeBand, StringComparer.Ordinal)
            .ToList();
    }

    private const int NewThisQuarter = 0;
    private const int YearToDate = 1;
    private const int FirstTimeInPlan = 2;

    /// <summary>Follows merges to the surviving record, so that residents registered twice count once.</summary>
    private static ResidentFact Survivor(Guid residentId, IReadOnlyDictionary<Guid, ResidentFact> people)
    {
        if (!people.TryGetValue(residentId, out var person))
            throw new InvalidOperationException($"Outcome refers to resident {residentId}, who is not among the residents given.");
        var seen = new HashSet<Guid> { person.Id };
        while (person.MergedIntoId is { } into)
        {
            if (!seen.Add(into) || !people.TryGetValue(into, out var next))
                throw new InvalidOperationException($"Resident {residentId} has a broken merge chain.");
            person = next;
        }
        return person;
    }

    private sealed record Counted(Guid PersonId, Indicator Indicator, DateOnly Date, string Area, string AgeBand)
    {
        public (Indicator, string, string) Row => (Indicator, Area, AgeBand);
    }
}
