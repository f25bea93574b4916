using BoligSocialt.App.Data;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Counting;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>A catalogue code and its Danish name.</summary>
public sealed record MeasurementTerm(string Code, string Name);

/// <summary>
/// The Danish names of the codes in a measurement's by-kind figures, in the catalogue's order: the columns of the
/// page's tables and of the exported sheets. Catalogue terms only: nothing about any person.
/// </summary>
public sealed record MeasurementExportLabels(
    IReadOnlyList<MeasurementTerm> ClosureReasons,
    IReadOnlyList<MeasurementTerm> MeetingKinds,
    IReadOnlyList<MeasurementTerm> LogbookEntryKinds,
    IReadOnlyList<MeasurementTerm> OutcomeKinds)
{
    /// <summary>The names from the database's catalogue; the meeting kinds are those the measurement counts as meetings.</summary>
    public static async Task<MeasurementExportLabels> LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var terms = await db.CatalogTerms.AsNoTracking()
            .Where(t => t.List == CatalogList.ClosureReason || t.List == CatalogList.LogbookEntryKind || t.List == CatalogList.OutcomeKind)
            .OrderBy(t => t.Id)
            .Select(t => new { t.List, t.Code, t.Name })
            .ToListAsync(ct);
        List<MeasurementTerm> Of(CatalogList list) => terms.Where(t => t.List == list).Select(t => new MeasurementTerm(t.Code, t.Name)).ToList();
        var entryKinds = Of(CatalogList.LogbookEntryKind);
        var meetingCodes = DeliveryMeasurementService.MeetingKinds.Select(k => k.ToString()).ToList();
        return new MeasurementExportLabels(
            Of(CatalogList.ClosureReason),
            meetingCodes.Select(code => entryKinds.FirstOrDefault(t => t.Code == code) ?? new MeasurementTerm(code, code)).ToList(),
            entryKinds,
            Of(CatalogList.OutcomeKind));
    }

    public static string IndicatorName(Indicator indicator) => indicator switch
    {
        Indicator.EmploymentOrEducation => "Job eller uddannelse",
        Indicator.SpareTimeJob => "Fritidsjob",
        Indicator.Volunteering => "Frivilligt arbejde",
        _ => indicator.ToString(),
    };

    /// <summary>Short enough for a chart label.</summary>
    public static string IndicatorShortName(Indicator indicator) => indicator switch
    {
        Indicator.EmploymentOrEducation => "Job/udd.",
        Indicator.SpareTimeJob => "Fritidsjob",
        Indicator.Volunteering => "Frivillig",
        _ => indicator.ToString(),
    };

    /// <summary>"18-29 år", "Andre aldre", "Alle": as text, so that a spreadsheet does not read a band as a date.</summary>
    public static string AgeBandName(string band) => band switch
    {
        UniqueResidentCount.OtherAges => "Andre aldre",
        UniqueResidentCount.AllAges => "Alle",
        _ => band + " år",
    };
}
