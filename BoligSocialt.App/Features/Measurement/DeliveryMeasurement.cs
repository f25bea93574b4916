using System.Text.Json.Serialization;
using BoligSocialt.Domain.Catalog;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>
/// The quarterly delivery measurement (leverancemåling). Serialised with camelCase names it is exactly the JSON
/// contract of docs/MEASUREMENT_EXPORT.md; the [JsonIgnore] members are display names for the page and the sheets.
/// Figures only: no name, note or resident id of anybody.
/// </summary>
public sealed record DeliveryMeasurement(
    int Year,
    int Quarter,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<ActivityFigures> Activities)
{
    /// <summary>Danish names of the reporting areas by code (e.g. "Korslokken" → "Korsløkken").</summary>
    [JsonIgnore] public IReadOnlyDictionary<string, string> AreaNames { get; init; } = new Dictionary<string, string>();
}

/// <summary>One row of the unique-resident indicators, with the plan's yearly reference figure (null when it has none).</summary>
public sealed record IndicatorRow(
    Indicator Indicator,
    string Area,
    string AgeBand,
    int NewThisQuarter,
    int YearToDate,
    int FirstTimeInPlan,
    int? BaselinePerYear);

/// <summary>
/// One activity's deliveries in the quarter. The dictionaries are keyed by catalogue code (ClosureReason,
/// LogbookEntryKind, OutcomeKind) and hold only kinds that occurred.
/// </summary>
public sealed record ActivityFigures(
    string Activity,
    int ReferralsReceived,
    int ReferralsAllocated,
    double? MedianDaysToAllocation,
    int CasesOpened,
    int CasesActiveAtEnd,
    IReadOnlyDictionary<string, int> CasesClosed,
    IReadOnlyDictionary<string, int> Meetings,
    IReadOnlyDictionary<string, int> LogbookEntries,
    int DistinctResidents,
    int HeadCount,
    IReadOnlyDictionary<string, int> Outcomes)
{
    [JsonIgnore] public string ActivityName { get; init; } = "";
    [JsonIgnore] public string FocusArea { get; init; } = "";
}
