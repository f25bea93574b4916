using System.Globalization;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>What a column holds, and so how a cell is written: as text, or as a number (an empty cell when there is none).</summary>
public enum MeasurementColumnKind
{
    /// <summary>A catalogue code (in the sheets for other systems; not shown on the page).</summary>
    Code,
    Text,
    /// <summary>A whole number (int, or null for "none").</summary>
    Count,
    /// <summary>A number of days, possibly a half (double, or null).</summary>
    Days,
    /// <summary>A percentage with one decimal (double, or null).</summary>
    Percent,
}

public sealed record MeasurementColumn(string Header, MeasurementColumnKind Kind)
{
    public bool IsNumber => Kind is MeasurementColumnKind.Count or MeasurementColumnKind.Days or MeasurementColumnKind.Percent;
}

/// <summary>
/// One table of the measurement as the page shows it and the files hold it: a title, the sheet's name, the columns
/// and the rows (a cell is a string, an int, a double or null, as its column's kind says).
/// </summary>
public sealed record MeasurementTable(
    string Key,
    string Title,
    string Sheet,
    IReadOnlyList<MeasurementColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public const string Indicators = "indicators";
    public const string Activities = "activities";
    public const string Closed = "closed";
    public const string Meetings = "meetings";
    public const string LogbookEntries = "logbook-entries";
    public const string Outcomes = "outcomes";

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>A cell as the page shows it: Danish decimal comma, "–" for none.</summary>
    public static string Display(object? value, MeasurementColumnKind kind) => value is null
        ? "–"
        : kind == MeasurementColumnKind.Percent ? Number(value) + " %" : Number(value);

    /// <summary>A cell as the CSV holds it: Danish decimal comma (as Danish Excel reads numbers), empty for none.</summary>
    public static string CsvText(object? value) => value is null ? "" : Number(value);

    private static string Number(object value) => value switch
    {
        int count => count.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("0.#", Danish),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The tables of a measurement, in the page's order.</summary>
    public static IReadOnlyList<MeasurementTable> Of(DeliveryMeasurement measurement, MeasurementExportLabels labels) =>
    [
        IndicatorTable(measurement),
        ActivityTable(measurement),
        ByKind(measurement, Closed, "Afsluttede forløb efter årsag", "Afsluttede forløb", labels.ClosureReasons, a => a.CasesClosed),
        ByKind(measurement, Meetings, "Møder holdt", "Møder", labels.MeetingKinds, a => a.Meetings),
        ByKind(measurement, LogbookEntries, "Logbogsindførsler efter type", "Logbog", labels.LogbookEntryKinds, a => a.LogbookEntries),
        ByKind(measurement, Outcomes, "Resultater efter type", "Resultater", labels.OutcomeKinds, a => a.Outcomes),
    ];

    /// <summary>Year to date as a percentage of the yearly reference figure; none without a (positive) reference figure.</summary>
    public static double? Progress(IndicatorRow row) =>
        row.BaselinePerYear is int baseline and > 0 ? Math.Round(100.0 * row.YearToDate / baseline, 1) : null;

    private static MeasurementTable IndicatorTable(DeliveryMeasurement measurement) => new(
        Indicators,
        "Unikke beboere med resultater",
        "Indikatorer",
        [
            new("Indikator", MeasurementColumnKind.Text),
            new("Områdekode", MeasurementColumnKind.Code),
            new("Område", MeasurementColumnKind.Text),
            new("Aldersgruppe", MeasurementColumnKind.Text),
            new("Nye i kvartalet", MeasurementColumnKind.Count),
            new("År til dato", MeasurementColumnKind.Count),
            new("Første gang i planen", MeasurementColumnKind.Count),
            new("Referencetal pr. år", MeasurementColumnKind.Count),
            new("Fremdrift i % af referencetal", MeasurementColumnKind.Percent),
        ],
        measurement.Indicators.Select(r => (IReadOnlyList<object?>)
        [
            MeasurementExportLabels.IndicatorName(r.Indicator),
            r.Area,
            measurement.AreaNames.GetValueOrDefault(r.Area, r.Area),
            MeasurementExportLabels.AgeBandName(r.AgeBand),
            r.NewThisQuarter,
            r.YearToDate,
            r.FirstTimeInPlan,
            r.BaselinePerYear,
            Progress(r),
        ]).ToList());

    private static MeasurementTable ActivityTable(DeliveryMeasurement measurement) => new(
        Activities,
        "Aktiviteter",
        "Aktiviteter",
        [
            new("Aktivitetskode", MeasurementColumnKind.Code),
            new("Aktivitet", MeasurementColumnKind.Text),
            new("Indsatsområde", MeasurementColumnKind.Text),
            new("Henvisninger modtaget", MeasurementColumnKind.Count),
            new("Henvisninger fordelt", MeasurementColumnKind.Count),
            new("Median dage til fordeling", MeasurementColumnKind.Days),
            new("Forløb startet", MeasurementColumnKind.Count),
            new("Aktive forløb ved kvartalets slutning", MeasurementColumnKind.Count),
            new("Forskellige beboere nået", MeasurementColumnKind.Count),
            new("Deltagere uden navn (antal)", MeasurementColumnKind.Count),
        ],
        measurement.Activities.Select(a => (IReadOnlyList<object?>)
        [
            a.Activity,
            ActivityName(a),
            a.FocusArea,
            a.ReferralsReceived,
            a.ReferralsAllocated,
            a.MedianDaysToAllocation,
            a.CasesOpened,
            a.CasesActiveAtEnd,
            a.DistinctResidents,
            a.HeadCount,
        ]).ToList());

    /// <summary>
    /// One column per kind, in the catalogue's order, whether or not it occurred (so the columns are the same every
    /// quarter); a code the catalogue does not know still gets a column, named by its code. A total at the end.
    /// </summary>
    private static MeasurementTable ByKind(DeliveryMeasurement measurement, string key, string title, string sheet,
        IReadOnlyList<MeasurementTerm> kinds, Func<ActivityFigures, IReadOnlyDictionary<string, int>> figures)
    {
        var unknown = measurement.Activities.SelectMany(a => figures(a).Keys)
            .Where(code => kinds.All(k => k.Code != code))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(code => new MeasurementTerm(code, code));
        var columns = kinds.Concat(unknown).ToList();
        return new MeasurementTable(
            key,
            title,
            sheet,
            [
                new("Aktivitetskode", MeasurementColumnKind.Code),
                new("Aktivitet", MeasurementColumnKind.Text),
                .. columns.Select(k => new MeasurementColumn(k.Name, MeasurementColumnKind.Count)),
                new("I alt", MeasurementColumnKind.Count),
            ],
            measurement.Activities.Select(a => (IReadOnlyList<object?>)
            [
                a.Activity,
                ActivityName(a),
                .. columns.Select(k => (object?)figures(a).GetValueOrDefault(k.Code)),
                figures(a).Values.Sum(),
            ]).ToList());
    }

    private static string ActivityName(ActivityFigures activity) => activity.ActivityName.Length > 0 ? activity.ActivityName : activity.Activity;
}
