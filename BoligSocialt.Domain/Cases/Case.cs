using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
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
    public const int ParticipantsMaxLength = 300;

    /// <summary>What may be recorded as a follow-up in a case (catalogue logbook entry kinds).</summary>
    public static readonly IReadOnlyList<LogbookEntryKind> FollowUpKinds =
        [LogbookEntryKind.FollowUp, LogbookEntryKind.Conversation, LogbookEntryKind.PhoneCall, LogbookEntryKind.ThreePartyMeeting, LogbookEntryKind.NetworkMeeting];

    private readonly List<Goal> _goals = [];
    private readonly List<Agreement> _agreements = [];
    private readonly List<Outcome> _outcomes = [];
    private readonly List<CaseAssistant> _assistants = [];
    private readonly List<AftercareCall> _aftercareCalls = [];

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public int ActivityId { get; private set; }
    public Guid ResponsibleStaffId { get; private set; }
    public Guid? ReferralId { get; private set; }
    public Guid? GroupCourseId { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public CaseStatus Status { get; private set; }
    public DateOnly? StartMeetingHeldOn { get; private set; }
    /// <summary>Who took part in the start meeting, as recorded (e.g. "Jobrådgiver Jens Hansen, Jobcenter Odense").</summary>
    public string? StartMeetingParticipants { get; private set; }
    /// <summary>When the next follow-up is due, as agreed at the last one.</summary>
    public DateOnly? NextFollowUpOn { get; private set; }
    /// <summary>Months of monthly aftercare calls after closure, from the activity when the case opened (0: none).</summary>
    public int AftercareMonths { get; private set; }
    public Closure? Closure { get; private set; }
    /// <summary>Bumped by every change: two tablets saving the same case cannot overwrite each other unseen.</summary>
    public int Version { get; private set; }
    public IReadOnlyCollection<Goal> Goals => _goals.AsReadOnly();
    public IReadOnlyCollection<Agreement> Agreements => _agreements.AsReadOnly();
    public IReadOnlyCollection<Outcome> Outcomes => _outcomes.AsReadOnly();
    public IReadOnlyCollection<CaseAssistant> Assistants => _assistants.AsReadOnly();
    public IReadOnlyCollection<AftercareCall> AftercareCalls => _aftercareCalls.AsReadOnly();

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
            AftercareMonths = activity.AftercareMonths,
        };

    public bool IsOpen => Status is CaseStatus.Open or CaseStatus.Reopened;

    public int DaysOpen(DateOnly today) => (Closure?.ClosedOn ?? today).DayNumber - OpenedOn.DayNumber;

    public void HandOverTo(Guid staffMemberId)
    {
        EnsureOpen();
        if (staffMemberId == ResponsibleStaffId) throw new DomainException("Forløbet har allerede den ansvarlige.");
        ResponsibleStaffId = staffMemberId;
        _assistants.RemoveAll(a => a.StaffMemberId == staffMemberId);
        Version++;
    }

    /// <summary>A colleague who assists in the course; they see the case like the responsible staff member.</summary>
    public void AddAssistant(Guid staffMemberId)
    {
        EnsureOpen();
        if (staffMemberId == ResponsibleStaffId || _assistants.Any(a => a.StaffMemberId == staffMemberId))
            throw new DomainException("Medarbejderen er allerede med i forløbet.");
        _assistants.Add(new CaseAssistant(staffMemberId));
        Version++;
    }

    public void RemoveAssistant(Guid staffMemberId)
    {
        EnsureOpen();
        if (_assistants.RemoveAll(a => a.StaffMemberId == staffMemberId) == 0) throw new DomainException("Medarbejderen assisterer ikke i forløbet.");
        Version++;
    }

    /// <summary>
    /// The start meeting (three-party meeting or network meeting, per the activity) was held, and these goals were agreed.
    /// The meeting is a logbook entry of the case: one source of truth for deliveries.
    /// </summary>
    public LogbookEntry RecordStartMeeting(Activity activity, StartMeeting meeting, IEnumerable<string> goals, Guid staffMemberId, DateOnly today)
    {
        EnsureOpen();
        EnsureActivity(activity);
        if (StartMeetingHeldOn is not null) throw new DomainException("Startmødet er allerede registreret.");
        if (meeting.HeldOn < OpenedOn) throw new DomainException("Startmødet kan ikke ligge før forløbet startede.");
        Guard.NotInFuture(meeting.HeldOn, today, "Startmødets dato");
        var participants = activity.StartMeeting switch
        {
            StartMeetingKind.ThreePartyMeeting => $"Jobrådgiver {Guard.Text(meeting.JobCounsellorName, "Jobrådgiverens navn", 100)}, " +
                $"{Guard.Text(meeting.JobCentre, "Jobcenter", 100)}",
            StartMeetingKind.NetworkMeeting => meeting.Participants.Select(p => p.Trim()).Where(p => p.Length > 0).ToList() is { Count: > 0 } names
                ? Guard.Text(string.Join(", ", names), "Deltagerne", ParticipantsMaxLength)
                : throw new DomainException("Angiv hvem der deltog i netværksmødet."),
            _ => throw new DomainException($"Aktiviteten {activity.Name} har intet startmøde."),
        };
        var texts = goals.Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
        if (texts.Count == 0) throw new DomainException("Skriv mindst ét mål, der blev aftalt på startmødet.");
        var newGoals = texts.Select(t => new Goal(t)).ToList();
        var kind = activity.StartMeeting == StartMeetingKind.ThreePartyMeeting ? LogbookEntryKind.ThreePartyMeeting : LogbookEntryKind.NetworkMeeting;
        var entry = new LogbookEntry(meeting.HeldOn, staffMemberId, ActivityId, kind, [ResidentId], null,
            string.IsNullOrWhiteSpace(meeting.Note) ? $"Startmøde med {participants}" : $"Startmøde med {participants}. {meeting.Note.Trim()}", today, Id);
        _goals.AddRange(newGoals);
        StartMeetingHeldOn = meeting.HeldOn;
        StartMeetingParticipants = participants;
        Version++;
        return entry;
    }

    /// <summary>
    /// A follow-up (or conversation, phone call, a new three-party meeting): a logbook entry of the case, and when the
    /// next follow-up is due (unchanged when not given).
    /// </summary>
    public LogbookEntry RecordFollowUp(LogbookEntryKind kind, DateOnly on, string? note, DateOnly? nextFollowUpOn, Guid staffMemberId, DateOnly today)
    {
        EnsureOpen();
        if (!FollowUpKinds.Contains(kind)) throw new DomainException("Vælg en slags opfølgning fra listen.");
        if (on < OpenedOn) throw new DomainException("Opfølgningen kan ikke ligge før forløbet startede.");
        if (nextFollowUpOn < today) throw new DomainException("Næste opfølgning kan ikke ligge før i dag.");
        var entry = new LogbookEntry(on, staffMemberId, ActivityId, kind, [ResidentId], null, note, today, Id);
        if (nextFollowUpOn is not null) NextFollowUpOn = nextFollowUpOn;
        Version++;
        return entry;
    }

    /// <summary>The agreed next follow-up has passed without being moved by a new one.</summary>
    public bool IsFollowUpOverdue(DateOnly today) => IsOpen && NextFollowUpOn < today;

    public Goal AddGoal(string text)
    {
        EnsureOpen();
        var goal = new Goal(text);
        _goals.Add(goal);
        Version++;
        return goal;
    }

    public void SetGoalStatus(Guid goalId, GoalStatus status)
    {
        EnsureOpen();
        var goal = _goals.SingleOrDefault(g => g.Id == goalId) ?? throw new DomainException("Målet hører ikke til forløbet.");
        if (goal.Status == status) return;
        goal.SetStatus(status);
        Version++;
    }

    public void CompleteAgreement(Guid agreementId)
    {
        EnsureOpen();
        var agreement = _agreements.SingleOrDefault(a => a.Id == agreementId) ?? throw new DomainException("Aftalen hører ikke til forløbet.");
        if (agreement.Done) throw new DomainException("Aftalen er allerede markeret som overholdt.");
        agreement.MarkDone();
        Version++;
    }

    public Agreement AddAgreement(string text, string responsible, DateOnly deadline)
    {
        EnsureOpen();
        var agreement = new Agreement(text, responsible, deadline);
        _agreements.Add(agreement);
        Version++;
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
        Version++;
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
        for (var month = 1; month <= AftercareMonths; month++) _aftercareCalls.Add(new AftercareCall(closedOn.AddMonths(month)));
        Version++;
    }

    /// <summary>Aftercare calls that are due and neither made nor skipped.</summary>
    public IEnumerable<AftercareCall> AftercareCallsDue(DateOnly today) =>
        _aftercareCalls.Where(c => c.Status == AftercareCallStatus.Pending && c.DueOn <= today);

    /// <summary>An aftercare call was made: a phone call in the case's logbook.</summary>
    public LogbookEntry RecordAftercareCall(Guid callId, DateOnly on, string? note, Guid staffMemberId, DateOnly today)
    {
        var call = PendingAftercareCall(callId);
        if (on < Closure!.ClosedOn) throw new DomainException("Opkaldet kan ikke ligge før forløbet blev afsluttet.");
        var entry = new LogbookEntry(on, staffMemberId, ActivityId, LogbookEntryKind.PhoneCall, [ResidentId], null, note, today, Id);
        call.Record(on);
        Version++;
        return entry;
    }

    public void SkipAftercareCall(Guid callId, string reason)
    {
        PendingAftercareCall(callId).Skip(Guard.Text(reason, "Årsagen", 300));
        Version++;
    }

    private AftercareCall PendingAftercareCall(Guid callId)
    {
        if (Status != CaseStatus.Closed) throw new DomainException("Efterværn hører til et afsluttet forløb.");
        var call = _aftercareCalls.SingleOrDefault(c => c.Id == callId) ?? throw new DomainException("Opkaldet hører ikke til forløbet.");
        if (call.Status != AftercareCallStatus.Pending) throw new DomainException("Opkaldet er allerede registreret eller sprunget over.");
        return call;
    }

    /// <summary>Closed, and within <see cref="ReopenWindowDays"/> days of the closure.</summary>
    public bool MayReopen(DateOnly on) =>
        Status == CaseStatus.Closed && Closure is not null && on >= Closure.ClosedOn && on.DayNumber - Closure.ClosedOn.DayNumber <= ReopenWindowDays;

    /// <summary>A closed course can be reopened within 90 days of closure; later, a new referral is needed.</summary>
    public void Reopen(DateOnly on)
    {
        if (Status != CaseStatus.Closed || Closure is null) throw new DomainException("Kun et afsluttet forløb kan genåbnes.");
        if (on < Closure.ClosedOn) throw new DomainException("Forløbet kan ikke genåbnes før det blev afsluttet.");
        if (!MayReopen(on))
            throw new DomainException($"Forløbet blev afsluttet for mere end {ReopenWindowDays} dage siden. Opret en ny henvisning.");
        Closure = null;
        Status = CaseStatus.Reopened;
        foreach (var call in _aftercareCalls.Where(c => c.Status == AftercareCallStatus.Pending)) call.Skip("Forløbet blev genåbnet.");
        Version++;
    }

    /// <summary>Part of merging two records of the same resident: the course and its outcomes follow the survivor.</summary>
    public void TransferTo(Resident survivor)
    {
        if (survivor.IsMerged) throw new DomainException("Forløbet kan kun flyttes til en beboer, der ikke selv er lagt sammen med en anden.");
        ResidentId = survivor.Id;
        foreach (var outcome in _outcomes) outcome.TransferTo(survivor);
    }

    /// <summary>
    /// Retention: the texts written about the resident are removed (closure note, who took part in the start meeting,
    /// goals, agreements, reasons for skipped aftercare calls). Dates, statuses and reasons chosen from lists stay: the
    /// figures count them.
    /// </summary>
    /// <returns>How many texts were removed.</returns>
    internal int RemoveNotes()
    {
        var removed = 0;
        if (Closure is { Note: not null } closure)
        {
            Closure = closure with { Note = null };
            removed++;
        }
        if (StartMeetingParticipants is not null)
        {
            StartMeetingParticipants = null;
            removed++;
        }
        removed += _goals.Count(g => g.RemoveText()) + _agreements.Count(a => a.RemoveText()) + _aftercareCalls.Count(c => c.RemoveReason());
        if (removed > 0) Version++;
        return removed;
    }

    private void EnsureActivity(Activity activity)
    {
        if (activity.Id != ActivityId) throw new DomainException("Aktiviteten er ikke forløbets.");
    }

    private void EnsureOpen()
    {
        if (!IsOpen) throw new DomainException("Forløbet er afsluttet. Genåbn det først.");
    }
}

public sealed record Closure(DateOnly ClosedOn, ClosureReason Reason, bool ResidentAgreed, string? Note);

/// <summary>What was recorded about a start meeting: for a three-party meeting the job counsellor and job centre, for a network meeting who took part.</summary>
public sealed record StartMeeting(DateOnly HeldOn, string? JobCounsellorName, string? JobCentre, IReadOnlyList<string> Participants, string? Note);

/// <summary>A staff member assisting in a case.</summary>
public sealed class CaseAssistant
{
    public Guid StaffMemberId { get; private set; }

    private CaseAssistant() { }

    internal CaseAssistant(Guid staffMemberId) => StaffMemberId = staffMemberId;
}

public enum AftercareCallStatus
{
    Pending,
    Done,
    Skipped,
}

/// <summary>One monthly aftercare call (efterværn) after closure: made, or skipped with a reason.</summary>
public sealed class AftercareCall
{
    public Guid Id { get; private set; }
    public DateOnly DueOn { get; private set; }
    public AftercareCallStatus Status { get; private set; }
    public DateOnly? DoneOn { get; private set; }
    public string? SkipReason { get; private set; }

    private AftercareCall() { }

    internal AftercareCall(DateOnly dueOn)
    {
        Id = Guid.CreateVersion7();
        DueOn = dueOn;
    }

    internal void Record(DateOnly on)
    {
        Status = AftercareCallStatus.Done;
        DoneOn = on;
    }

    internal void Skip(string reason)
    {
        Status = AftercareCallStatus.Skipped;
        SkipReason = reason;
    }

    internal bool RemoveReason()
    {
        if (SkipReason is null or Anonymisation.RemovedText) return false;
        SkipReason = Anonymisation.RemovedText;
        return true;
    }
}

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
