using System.ComponentModel.DataAnnotations;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.App.Features.Referrals;

public sealed record SourceOption(string Code, string Name);

/// <param name="Suggested">The activity usually takes referrals from the chosen source: listed first.</param>
/// <param name="MayAllocateToMe">The activity belongs to the recorder's own team, so they may take the referral themselves.</param>
public sealed record ActivityOption(int Id, string Name, string Team, bool Suggested, bool MayAllocateToMe);

/// <summary>A resident found by the intake search: just enough to recognise the person, and whether consent is recorded.</summary>
public sealed record ResidentChoice(Guid Id, string Name, DateOnly BirthDate, string? Department, string? Area,
    ConsentView? RegistrationConsent, ConsentView? SharingConsent);

/// <summary>The answer to saving an intake: saved, or a new resident resembles existing ones and the user must choose.</summary>
public abstract record IntakeResult
{
    public sealed record Saved(Guid ReferralId, Guid ResidentId) : IntakeResult;

    public sealed record PossibleDuplicates(IReadOnlyList<ResidentChoice> Candidates) : IntakeResult;
}

public sealed record ReferralDetails(
    Guid Id,
    Guid ResidentId,
    string Resident,
    DateOnly ResidentBirthDate,
    int ActivityId,
    string Activity,
    string Source,
    string? ReferrerName,
    string? ReferrerOrganisation,
    string Reason,
    DateOnly ReceivedOn,
    ReferralStatus Status,
    string? AllocatedTo,
    DateOnly? AllocatedOn,
    DateOnly? DecidedOn,
    string? DeclineReason,
    string? DeclineNote,
    Guid? CaseId,
    int Version,
    bool MayAllocate,
    bool MayDecide);

public sealed record DeclineReasonOption(ReferralDeclineReason Reason, string Name);

public sealed record StaffOption(Guid Id, string Name);

/// <summary>
/// The intake form (henvisning): validated with Danish messages before the domain checks it again. What is missing is
/// checked in <see cref="Validate"/> rather than by attributes, so that the form names everything missing at once.
/// </summary>
public sealed class IntakeForm : IValidatableObject
{
    /// <summary>An existing resident, chosen in the search.</summary>
    public Guid? ResidentId { get; set; }

    /// <summary>No existing resident fits: the new resident's details are typed instead.</summary>
    public bool NewResident { get; set; }

    [StringLength(Resident.NameMaxLength, ErrorMessage = "Navnet må højst være {1} tegn.")]
    public string? NewResidentName { get; set; }

    public DateTime? NewResidentBirthDate { get; set; }

    [RegularExpression(@"^\+?[0-9 \-]{8,20}$", ErrorMessage = "Telefonnummeret skal bestå af mindst 8 cifre (evt. med + foran).")]
    public string? NewResidentPhone { get; set; }

    public int? NewResidentDepartmentId { get; set; }

    /// <summary>The user saw the duplicate warning and confirmed that this is a new person.</summary>
    public bool ConfirmedNewResident { get; set; }

    public bool RegistrationConsent { get; set; }
    public DateTime? RegistrationConsentOn { get; set; }
    public bool SharingConsent { get; set; }
    public DateTime? SharingConsentOn { get; set; }

    public string? Source { get; set; }

    public int? ActivityId { get; set; }

    [StringLength(100, ErrorMessage = "Henviserens navn må højst være {1} tegn.")]
    public string? ReferrerName { get; set; }

    [StringLength(100, ErrorMessage = "Henviserens organisation må højst være {1} tegn.")]
    public string? ReferrerOrganisation { get; set; }

    [StringLength(Referral.ReasonMaxLength, ErrorMessage = "Årsagen må højst være {1} tegn.")]
    public string? Reason { get; set; }

    public DateTime? ReceivedOn { get; set; }

    public bool AllocateToMe { get; set; }

    /// <summary>Set by the form when the chosen resident already has a recorded consent to registration.</summary>
    public bool ResidentHasRegistrationConsent { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Source))
            yield return new ValidationResult("Vælg hvem der henviser (kilde).", [nameof(Source)]);
        if (ActivityId is null)
            yield return new ValidationResult("Vælg aktivitet.", [nameof(ActivityId)]);
        if (string.IsNullOrWhiteSpace(Reason))
            yield return new ValidationResult("Skriv årsagen: kort, hvad henvisningen drejer sig om.", [nameof(Reason)]);
        if (ReceivedOn is null)
            yield return new ValidationResult("Angiv hvornår henvisningen kom.", [nameof(ReceivedOn)]);
        if (!NewResident && ResidentId is null)
            yield return new ValidationResult("Vælg beboeren, eller opret en ny beboer.", [nameof(ResidentId)]);
        if (NewResident)
        {
            if (string.IsNullOrWhiteSpace(NewResidentName))
                yield return new ValidationResult("Skriv beboerens navn.", [nameof(NewResidentName)]);
            if (NewResidentBirthDate is null)
                yield return new ValidationResult("Angiv beboerens fødselsdato.", [nameof(NewResidentBirthDate)]);
            if (NewResidentDepartmentId is null)
                yield return new ValidationResult("Vælg beboerens boligafdeling.", [nameof(NewResidentDepartmentId)]);
        }
        if (!ResidentHasRegistrationConsent || NewResident)
        {
            if (!RegistrationConsent)
                yield return new ValidationResult("Beboerens samtykke til registrering skal registreres, før henvisningen kan gemmes.", [nameof(RegistrationConsent)]);
            else if (RegistrationConsentOn is null)
                yield return new ValidationResult("Angiv datoen for samtykke til registrering.", [nameof(RegistrationConsentOn)]);
        }
        if (SharingConsent && SharingConsentOn is null)
            yield return new ValidationResult("Angiv datoen for samtykke til deling med jobrådgiveren.", [nameof(SharingConsentOn)]);
    }
}
