using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Domain.Cases;

public enum GoalStatus
{
    InProgress,
    Reached,
    PartlyReached,
    NotReached,
}

/// <summary>A concrete goal (mål) agreed for a course, usually at the start meeting.</summary>
public sealed class Goal
{
    public const int TextMaxLength = 300;

    public Guid Id { get; private set; }
    public string Text { get; private set; } = "";
    public GoalStatus Status { get; private set; }

    private Goal() { }

    internal Goal(string text)
    {
        Id = Guid.CreateVersion7();
        Text = Guard.Text(text, "Målet", TextMaxLength);
        Status = GoalStatus.InProgress;
    }

    internal void SetStatus(GoalStatus status) => Status = status;

    internal bool RemoveText()
    {
        if (Text == Anonymisation.RemovedText) return false;
        Text = Anonymisation.RemovedText;
        return true;
    }
}

/// <summary>An agreement (aftale) with a deadline and someone responsible.</summary>
public sealed class Agreement
{
    public Guid Id { get; private set; }
    public string Text { get; private set; } = "";
    public string Responsible { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public bool Done { get; private set; }

    private Agreement() { }

    internal Agreement(string text, string responsible, DateOnly deadline)
    {
        Id = Guid.CreateVersion7();
        Text = Guard.Text(text, "Aftalen", 300);
        Responsible = Guard.Text(responsible, "Ansvarlig", 100);
        Deadline = deadline;
    }

    internal void MarkDone() => Done = true;

    internal bool RemoveText()
    {
        if (Text == Anonymisation.RemovedText && Responsible == Anonymisation.RemovedText) return false;
        Text = Anonymisation.RemovedText;
        Responsible = Anonymisation.RemovedText;
        return true;
    }
}

/// <summary>
/// An outcome (resultat): internship, job, education … on a date, with the housing area the resident lived in
/// on that date. Usually recorded in a case; a legacy logbook import records it without one.
/// </summary>
public sealed class Outcome
{
    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public int ActivityId { get; private set; }
    public Guid? CaseId { get; private set; }
    public OutcomeKind Kind { get; private set; }
    public DateOnly AchievedOn { get; private set; }
    public int HousingAreaId { get; private set; }
    /// <summary>The logbook entry the outcome was registered with (a legacy logbook line), if any.</summary>
    public Guid? LogbookEntryId { get; private set; }
    /// <summary>
    /// The age band the outcome is counted in, kept when the resident was anonymised (their birth date is then only a
    /// year); null while the band follows from the resident's birth date.
    /// </summary>
    public string? AgeBand { get; private set; }

    private Outcome() { }

    public Outcome(Guid residentId, int activityId, OutcomeKind kind, DateOnly achievedOn, int housingAreaId, Guid? caseId, Guid? logbookEntryId = null)
    {
        LogbookEntryId = logbookEntryId;
        Id = Guid.CreateVersion7();
        ResidentId = residentId;
        ActivityId = activityId;
        Kind = kind;
        AchievedOn = achievedOn;
        HousingAreaId = housingAreaId;
        CaseId = caseId;
    }

    /// <summary>
    /// Retention: keeps the age band the outcome is counted in, from the birth date of the person it counts for (the
    /// surviving record of a merge), before that birth date is cut to the year.
    /// </summary>
    internal void KeepAgeBand(Resident person)
    {
        if (person.IsAnonymised) throw new InvalidOperationException("The age band must be kept before the resident is anonymised.");
        AgeBand ??= UniqueResidentCount.AgeBand(Kind.Indicator(), person.AgeOn(AchievedOn));
    }

    /// <summary>
    /// Part of merging two records of the same resident. The housing area stays: it is where the resident lived when
    /// the outcome was achieved, and what was counted is not rewritten.
    /// </summary>
    public void TransferTo(Resident survivor)
    {
        if (survivor.IsMerged) throw new DomainException("Resultatet kan kun flyttes til en beboer, der ikke selv er lagt sammen med en anden.");
        ResidentId = survivor.Id;
    }
}
