using System.ComponentModel.DataAnnotations;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.App.Features.Residents;

public enum ResidentSearchScope
{
    /// <summary>The residents the actor may open (the access rule).</summary>
    Visible,
    /// <summary>Every resident not merged into another, to recognise a person at intake.</summary>
    Organisation,
}

public sealed record ResidentListItem(Guid Id, string Name, DateOnly BirthDate, string? Department, string? Area);

public sealed record ResidentDetails(
    Guid Id,
    string Name,
    DateOnly BirthDate,
    string? Phone,
    ConsentView? RegistrationConsent,
    ConsentView? SharingConsent,
    IReadOnlyList<ResidenceView> Residences,
    IReadOnlyList<ResidentCaseItem> Cases,
    IReadOnlyList<ResidentReferralItem> Referrals,
    AnonymisedView? Anonymised = null)
{
    public ResidenceView? Current => Residences.FirstOrDefault(r => r.IsCurrent);
}

/// <summary>What an anonymised resident's page shows instead of the personal data: when, the birth year, the housing areas.</summary>
public sealed record AnonymisedView(DateOnly On, int BirthYear, IReadOnlyList<AreaResidenceView> Areas);

public sealed record AreaResidenceView(DateOnly From, string Area);

public sealed record ConsentView(DateOnly GivenOn, string RecordedBy);

public sealed record ResidenceView(DateOnly From, int DepartmentId, string Department, string Area, bool IsCurrent);

public sealed record ResidentCaseItem(Guid Id, string Activity, string Status, DateOnly OpenedOn, string Responsible);

public sealed record ResidentReferralItem(Guid Id, string Activity, string Status, DateOnly ReceivedOn);

public sealed record DepartmentOption(int Id, string Name, string Area);

/// <summary>The resident form: what a person types, validated with Danish messages before the domain checks it again.</summary>
public sealed class ResidentForm
{
    [Required(ErrorMessage = "Skriv beboerens navn.")]
    [StringLength(Resident.NameMaxLength, ErrorMessage = "Navnet må højst være {1} tegn.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Angiv fødselsdato.")]
    public DateTime? BirthDate { get; set; }

    [RegularExpression(@"^\+?[0-9 \-]{8,20}$", ErrorMessage = "Telefonnummeret skal bestå af mindst 8 cifre (evt. med + foran).")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Vælg boligafdeling.")]
    public int? DepartmentId { get; set; }

    /// <summary>Since when the resident lives in the department (at creation), or moved there (when it changes).</summary>
    [Required(ErrorMessage = "Angiv fra hvilken dato beboeren bor i afdelingen.")]
    public DateTime? LivesThereFrom { get; set; }

    public bool RegistrationConsent { get; set; }
    public DateTime? RegistrationConsentOn { get; set; }
    public bool SharingConsent { get; set; }
    public DateTime? SharingConsentOn { get; set; }
}
