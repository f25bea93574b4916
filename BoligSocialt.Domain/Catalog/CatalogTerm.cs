using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Catalog;

public enum CatalogList
{
    ReferralSource,
    OutcomeKind,
    ClosureReason,
    ReferralDeclineReason,
    LogbookEntryKind,
}

/// <summary>A coded term of the catalogue with its Danish display name (e.g. referral source "SSP").</summary>
public sealed class CatalogTerm
{
    public int Id { get; private set; }
    public CatalogList List { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    private CatalogTerm() { }

    public CatalogTerm(CatalogList list, string code, string name)
    {
        List = list;
        Code = Guard.Text(code, "Kode", 50);
        Rename(name);
    }

    public void Rename(string name) => Name = Guard.Text(name, "Navn", 200);
}

/// <summary>The plan's yearly reference figure for an indicator in a reporting area (and age band).</summary>
public sealed class IndicatorBaseline
{
    public const string AllAges = "all";
    /// <summary>The age bands of employment or education (DOMAIN.md); the other indicators are not split by age.</summary>
    public static readonly IReadOnlyList<string> EmploymentAgeBands = ["18-29", "30-64"];

    public static IReadOnlyList<string> AgeBandsOf(Indicator indicator) =>
        indicator == Indicator.EmploymentOrEducation ? EmploymentAgeBands : [AllAges];

    public int Id { get; private set; }
    public int PlanPeriodId { get; private set; }
    public Indicator Indicator { get; private set; }
    public string AgeBand { get; private set; } = AllAges;
    public string Area { get; private set; } = "";
    public int PerYear { get; private set; }

    private IndicatorBaseline() { }

    public IndicatorBaseline(PlanPeriod plan, Indicator indicator, string ageBand, string area, int perYear)
    {
        if (!Enum.IsDefined(indicator)) throw new DomainException("Vælg en indikator fra listen.");
        if (!AgeBandsOf(indicator).Contains(ageBand))
            throw new DomainException(indicator == Indicator.EmploymentOrEducation
                ? "Beskæftigelse og uddannelse har referencetal for 18-29 og 30-64 år."
                : "Indikatoren deles ikke op efter alder.");
        PlanPeriodId = plan.Id;
        Indicator = indicator;
        AgeBand = ageBand;
        Area = Guard.Text(area, "Område", 50);
        SetPerYear(perYear);
    }

    public void SetPerYear(int perYear)
    {
        if (perYear < 0) throw new DomainException("Referencetallet kan ikke være negativt.");
        PerYear = perYear;
    }
}
