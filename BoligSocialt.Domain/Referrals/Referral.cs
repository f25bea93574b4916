using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Domain.Referrals;

public enum ReferralStatus
{
    Received,
    Allocated,
    Accepted,
    Declined,
}

/// <summary>
/// A referral (henvisning) of a resident to an activity. Lifecycle: Received → Allocated → Accepted (opens a case)
/// or Declined (with a reason); a declined referral can be allocated again.
/// </summary>
public sealed class Referral
{
    public const string SelfReferralSource = "Self";
    public const string OutreachSource = "Outreach";
    public const int ReasonMaxLength = 500;

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public int ActivityId { get; private set; }
    /// <summary>Referral source code from the catalogue (e.g. "JobCounsellor", "Self", "Outreach").</summary>
    public string Source { get; private set; } = "";
    public string? ReferrerName { get; private set; }
    public string? ReferrerOrganisation { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly ReceivedOn { get; private set; }
    public Guid? RecordedById { get; private set; }
    public ReferralStatus Status { get; private set; }
    public Guid? AllocatedToId { get; private set; }
    public DateOnly? AllocatedOn { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public ReferralDeclineReason? DeclineReason { get; private set; }
    public string? DeclineNote { get; private set; }
    public Guid? CaseId { get; private set; }
    /// <summary>Bumped by every change: two leaders allocating the same referral at once cannot both succeed.</summary>
    public int Version { get; private set; }

    private Referral() { }

    /// <summary>
    /// Records a referral. The consent gate: a resident is only registered with a referral when their consent
    /// to registration is recorded.
    /// </summary>
    public Referral(Resident resident, Activity activity, string source, string? referrerName, string? referrerOrganisation,
        string reason, DateOnly receivedOn, Guid? recordedById, DateOnly today)
    {
        if (resident.IsMerged) throw new DomainException("Beboeren er lagt sammen med en anden beboer. Vælg den beboer, der blev bevaret.");
        if (resident.IsAnonymised) throw new DomainException("Beboeren er anonymiseret efter opbevaringsreglen. Opret beboeren igen.");
        if (resident.RegistrationConsent is null)
            throw new DomainException("Beboerens samtykke til registrering skal være registreret (dato og af hvem), før henvisningen kan gemmes.");
        Guard.NotInFuture(receivedOn, today, "Modtagelsesdatoen");
        if (activity.PlanPeriod is { } plan && !plan.Contains(receivedOn))
            throw new DomainException($"Aktiviteten {activity.Name} hører ikke til den helhedsplan, der gælder {receivedOn.ToDanish()}.");
        if (!activity.IsActive) throw new DomainException($"Aktiviteten {activity.Name} er ikke længere aktiv.");
        Id = Guid.CreateVersion7();
        ResidentId = resident.Id;
        ActivityId = activity.Id;
        Source = Guard.Text(source, "Henvisningskilde", 50);
        ReferrerName = Guard.OptionalText(referrerName, "Henviserens navn", 100);
        ReferrerOrganisation = Guard.OptionalText(referrerOrganisation, "Henviserens organisation", 100);
        Reason = Guard.Text(reason, "Årsag", ReasonMaxLength);
        ReceivedOn = receivedOn;
        RecordedById = recordedById;
        Status = ReferralStatus.Received;
    }

    public int DaysWaiting(DateOnly today) => today.DayNumber - ReceivedOn.DayNumber;

    public void AllocateTo(Guid staffMemberId, DateOnly on)
    {
        if (Status is not (ReferralStatus.Received or ReferralStatus.Declined))
            throw new DomainException(Status == ReferralStatus.Allocated
                ? "Henvisningen er allerede fordelt."
                : "Henvisningen er accepteret og kan ikke fordeles igen.");
        if (on < ReceivedOn) throw new DomainException("En henvisning kan ikke fordeles før den er modtaget.");
        AllocatedToId = staffMemberId;
        AllocatedOn = on;
        DecidedOn = null;
        DeclineReason = null;
        DeclineNote = null;
        Status = ReferralStatus.Allocated;
        Version++;
    }

    /// <summary>The allocated staff member accepts: a case opens with them as responsible.</summary>
    public Case Accept(Activity activity, DateOnly on)
    {
        EnsureAllocated("accepteres");
        if (activity.Id != ActivityId) throw new DomainException("Forløbet skal være i henvisningens aktivitet.");
        if (on < AllocatedOn) throw new DomainException("En henvisning kan ikke accepteres før den er fordelt.");
        var opened = Case.Open(ResidentId, activity, AllocatedToId!.Value, on, Id);
        CaseId = opened.Id;
        DecidedOn = on;
        Status = ReferralStatus.Accepted;
        Version++;
        return opened;
    }

    public void Decline(ReferralDeclineReason reason, string note, DateOnly on)
    {
        EnsureAllocated("afvises");
        if (on < AllocatedOn) throw new DomainException("En henvisning kan ikke afvises før den er fordelt.");
        DeclineNote = Guard.Text(note, "Bemærkning", ReasonMaxLength);
        DeclineReason = reason;
        DecidedOn = on;
        Status = ReferralStatus.Declined;
        Version++;
    }

    /// <summary>Retention: the reason, the referring person's name and the note on a declined referral are removed.</summary>
    /// <returns>How many texts were removed.</returns>
    internal int RemoveNotes()
    {
        var removed = (Reason == Anonymisation.RemovedText ? 0 : 1) + (ReferrerName is null ? 0 : 1) + (DeclineNote is null or Anonymisation.RemovedText ? 0 : 1);
        Reason = Anonymisation.RemovedText;
        ReferrerName = null;
        if (DeclineNote is not null) DeclineNote = Anonymisation.RemovedText;
        if (removed > 0) Version++;
        return removed;
    }

    /// <summary>Part of merging two records of the same resident: the referral follows the survivor.</summary>
    public void TransferTo(Resident survivor)
    {
        if (survivor.IsMerged) throw new DomainException("Henvisningen kan kun flyttes til en beboer, der ikke selv er lagt sammen med en anden.");
        ResidentId = survivor.Id;
        Version++;
    }

    private void EnsureAllocated(string verb)
    {
        if (Status != ReferralStatus.Allocated)
            throw new DomainException($"Kun en fordelt henvisning kan {verb} (status nu: {Status.Danish()}).");
    }
}

public static class ReferralStatusNames
{
    public static string Danish(this ReferralStatus status) => status switch
    {
        ReferralStatus.Received => "Modtaget",
        ReferralStatus.Allocated => "Fordelt",
        ReferralStatus.Accepted => "Accepteret",
        ReferralStatus.Declined => "Afvist",
        _ => status.ToString(),
    };
}
