using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Domain.Cases;

public enum CaseStatus
{
    Open,
    Closed,
    Reopened,
}

/// <summary>
/// A course of work (forløb) with one resident in one activity, with one responsible staff member.
/// Lifecycle: Open → Closed (reason, date) → Reopened (within <see cref="ReopenWindowDays"/> days) → Closed …
/// </summary>
public sealed class Case
{
    public const int ReopenWindowDays = 90;

    private readonly List<Goal> _goals = [];
    private readonly List<Agreement> _agreements = [];
    private readonly List<Outcome> _outcomes = [];

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public int ActivityId { get; private set; }
    public Guid ResponsibleStaffId { get; private set; }
    public Guid? ReferralId { get; private set; }
    public Guid? GroupCourseId { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public CaseStatus Status { get; private set; }
    public DateOnly? StartMeetingHeldOn { get; private set; }
    public Closure? Closure { get; private set; }
    public IReadOnlyCollection<Goal> Goals => _goals.AsReadOnly();
    public IReadOnlyCollection<Agreement> Agreements => _agreements.AsReadOnly();
    public IReadOnlyCollection<Outcome> Outcomes => _outcomes.AsReadOnly();

    private Case() { }

    public static Case Open(Guid residentId, Activity activity, Guid responsibleStaffId, DateOnly openedOn, Guid? referralId = null) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            ResidentId = residentId,
            ActivityId = activity.Id,
            ResponsibleStaffId = responsibleStaffId,
            ReferralId = referralId,
            OpenedOn = openedOn,
            Status = CaseStatus.Open,
        };

    public bool IsOpen => Status is CaseStatus.Open or CaseStatus.Reopened;

    public int DaysOpen(DateOnly today) => (Closure?.ClosedOn ?? today).DayNumber - OpenedOn.DayNumber;

    public void HandOverTo(Guid staffMemberId)
    {
        EnsureOpen();
        ResponsibleStaffId = staffMemberId;
    }

    /// <summary>The start meeting (three-party or network meeting) was held, and these goals were agreed.</summary>
    public void RecordStartMeeting(DateOnly heldOn, IEnumerable<string> goals)
    {
        EnsureOpen();
        if (heldOn < OpenedOn) throw new DomainException("Startmødet kan ikke ligge før forløbet startede.");
        StartMeetingHeldOn = heldOn;
        foreach (var text in goals) AddGoal(text);
    }

    public Goal AddGoal(string text)
    {
        EnsureOpen();
        var goal = new Goal(text);
        _goals.Add(goal);
        return goal;
    }

    public Agreement AddAgreement(string text, string responsible, DateOnly deadline)
    {
        EnsureOpen();
        var agreement = new Agreement(text, responsible, deadline);
        _agreements.Add(agreement);
        return agreement;
    }

    /// <summary>
    /// Records an outcome. The housing area on that date is stored on it, so that a later move
    /// does not rewrite what was counted.
    /// </summary>
    public Outcome RecordOutcome(Activity activity, OutcomeKind kind, DateOnly achievedOn, int housingAreaId, DateOnly today)
    {
        EnsureOpen();
        if (activity.Id != ActivityId) throw new DomainException("Resultatet skal registreres i forløbets aktivitet.");
        if (!activity.Allows(kind)) throw new DomainException($"Aktiviteten {activity.Name} registrerer ikke den slags resultat.");
        if (achievedOn < OpenedOn) throw new DomainException("Et resultat kan ikke ligge før forløbet startede.");
        Guard.NotInFuture(achievedOn, today, "Resultatets dato");
        var outcome = new Outcome(ResidentId, ActivityId, kind, achievedOn, housingAreaId, Id);
        _outcomes.Add(outcome);
        return outcome;
    }

    /// <summary>Closes the course: a date, a reason, and a status for every goal, decided with the resident.</summary>
    public void Close(DateOnly closedOn, ClosureReason reason, IReadOnlyDictionary<Guid, GoalStatus> goalStatuses,
        bool residentAgreed, string? note, DateOnly today)
    {
        EnsureOpen();
        if (closedOn < OpenedOn) throw new DomainException("Forløbet kan ikke afsluttes før det startede.");
        Guard.NotInFuture(closedOn, today, "Afslutningsdatoen");
        var missing = _goals.Where(g => !goalStatuses.ContainsKey(g.Id)).ToList();
        if (missing.Count > 0) throw new DomainException("Angiv status for alle mål før forløbet afsluttes.");
        if (goalStatuses.Keys.Any(id => _goals.All(g => g.Id != id))) throw new DomainException("Et af målene hører ikke til forløbet.");
        foreach (var goal in _goals) goal.SetStatus(goalStatuses[goal.Id]);
        Closure = new Closure(closedOn, reason, residentAgreed, Guard.OptionalText(note, "Bemærkning", 1000));
        Status = CaseStatus.Closed;
    }

    /// <summary>A closed course can be reopened within 90 days of closure; later, a new referral is needed.</summary>
    public void Reopen(DateOnly on)
    {
        if (Status != CaseStatus.Closed || Closure is null) throw new DomainException("Kun et afsluttet forløb kan genåbnes.");
        if (on < Closure.ClosedOn) throw new DomainException("Forløbet kan ikke genåbnes før det blev afsluttet.");
        if (on.DayNumber - Closure.ClosedOn.DayNumber > ReopenWindowDays)
            throw new DomainException($"Forløbet blev afsluttet for mere end {ReopenWindowDays} dage siden. Opret en ny henvisning.");
        Closure = null;
        Status = CaseStatus.Reopened;
    }

    /// <summary>Part of merging two records of the same resident: the course and its outcomes follow the survivor.</summary>
    public void TransferTo(Resident survivor)
    {
        if (survivor.IsMerged) throw new DomainException("Forløbet kan kun flyttes til en beboer, der ikke selv er lagt sammen med en anden.");
        ResidentId = survivor.Id;
        foreach (var outcome in _outcomes) outcome.TransferTo(survivor);
    }

    private void EnsureOpen()
    {
        if (!IsOpen) throw new DomainException("Forløbet er afsluttet. Genåbn det først.");
    }
}

public sealed record Closure(DateOnly ClosedOn, ClosureReason Reason, bool ResidentAgreed, string? Note);

public static class CaseStatusNames
{
    public static string Danish(this CaseStatus status) => status switch
    {
        CaseStatus.Open => "Åben",
        CaseStatus.Closed => "Afsluttet",
        CaseStatus.Reopened => "Genåbnet",
        _ => status.ToString(),
    };
}
