using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Domain.GroupCourses;

/// <summary>
/// A group course (gruppeforløb) of an activity, e.g. "Dig, mig og arbejde", with enrolled residents and planned
/// sessions. A held session writes one logbook entry (GroupSession) with the residents who came.
/// </summary>
public sealed class GroupCourse
{
    public const int SessionTopicMaxLength = 200;

    private readonly List<GroupCourseParticipant> _participants = [];
    private readonly List<GroupSession> _sessions = [];

    public Guid Id { get; private set; }
    public int ActivityId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid ResponsibleStaffId { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public IReadOnlyCollection<GroupCourseParticipant> Participants => _participants.AsReadOnly();
    public IReadOnlyCollection<GroupSession> Sessions => _sessions.AsReadOnly();

    private GroupCourse() { }

    public GroupCourse(int activityId, string name, Guid responsibleStaffId, DateOnly startsOn)
    {
        Id = Guid.CreateVersion7();
        ActivityId = activityId;
        Name = Guard.Text(name, "Navn", 200);
        ResponsibleStaffId = responsibleStaffId;
        StartsOn = startsOn;
    }

    public void Enrol(Guid residentId)
    {
        if (_participants.Any(p => p.ResidentId == residentId)) throw new DomainException("Beboeren er allerede tilmeldt.");
        _participants.Add(new GroupCourseParticipant(residentId));
    }

    /// <summary>
    /// Part of merging two records of the same resident: the survivor takes the merged record's place. When both were
    /// enrolled, they are one person, so one enrolment remains.
    /// </summary>
    public void TransferEnrolment(Guid mergedId, Resident survivor)
    {
        if (survivor.IsMerged) throw new DomainException("Tilmeldingen kan kun flyttes til en beboer, der ikke selv er lagt sammen med en anden.");
        var participant = _participants.SingleOrDefault(p => p.ResidentId == mergedId)
            ?? throw new DomainException("Beboeren er ikke tilmeldt gruppeforløbet.");
        _participants.Remove(participant);
        if (!IsEnrolled(survivor.Id)) _participants.Add(new GroupCourseParticipant(survivor.Id));
        foreach (var session in _sessions) session.TransferAttendance(mergedId, survivor.Id);
    }

    public bool IsEnrolled(Guid residentId) => _participants.Any(p => p.ResidentId == residentId);

    public GroupSession PlanSession(DateOnly date, string? topic)
    {
        if (date < StartsOn) throw new DomainException("En gang kan ikke ligge før gruppeforløbet starter.");
        if (_sessions.Any(s => s.Date == date)) throw new DomainException($"Der er allerede en gang den {date.ToDanish()}.");
        var session = new GroupSession(date, Guard.OptionalText(topic, "Emnet", SessionTopicMaxLength));
        _sessions.Add(session);
        return session;
    }

    /// <summary>One tap per person: came or did not come. Only enrolled residents.</summary>
    public void SetAttendance(Guid sessionId, Guid residentId, bool attended)
    {
        if (!IsEnrolled(residentId)) throw new DomainException("Beboeren er ikke tilmeldt gruppeforløbet.");
        Session(sessionId).SetAttendance(residentId, attended);
    }

    /// <summary>
    /// The session was held: a logbook entry of kind GroupSession with the residents who came, so that they count as
    /// deliveries and as residents reached. Attendance changed afterwards is corrected on the same entry.
    /// </summary>
    public LogbookEntry HoldSession(Guid sessionId, Guid staffMemberId, string? note, DateOnly today)
    {
        var session = Session(sessionId);
        if (session.LogbookEntryId is not null) throw new DomainException("Gangen er allerede registreret som holdt.");
        if (session.Attendees.Count == 0) throw new DomainException("Markér mindst én beboer, der kom.");
        var entry = new LogbookEntry(session.Date, staffMemberId, ActivityId, LogbookEntryKind.GroupSession,
            session.Attendees.Select(a => a.ResidentId), null, note, today, groupCourseId: Id);
        session.Held(entry.Id);
        return entry;
    }

    private GroupSession Session(Guid sessionId) =>
        _sessions.SingleOrDefault(s => s.Id == sessionId) ?? throw new DomainException("Gangen hører ikke til gruppeforløbet.");
}

/// <summary>A planned session of a group course, with who came.</summary>
public sealed class GroupSession
{
    private readonly List<GroupSessionAttendee> _attendees = [];

    public Guid Id { get; private set; }
    public DateOnly Date { get; private set; }
    public string? Topic { get; private set; }
    /// <summary>Set when the session was held: the logbook entry it wrote.</summary>
    public Guid? LogbookEntryId { get; private set; }
    public IReadOnlyCollection<GroupSessionAttendee> Attendees => _attendees.AsReadOnly();

    private GroupSession() { }

    internal GroupSession(DateOnly date, string? topic)
    {
        Id = Guid.CreateVersion7();
        Date = date;
        Topic = topic;
    }

    public bool Came(Guid residentId) => _attendees.Any(a => a.ResidentId == residentId);

    internal void SetAttendance(Guid residentId, bool attended)
    {
        if (attended)
        {
            if (!Came(residentId)) _attendees.Add(new GroupSessionAttendee(residentId));
            return;
        }
        if (LogbookEntryId is not null && _attendees.Count == 1 && Came(residentId))
            throw new DomainException("En holdt gang skal have mindst én deltager.");
        _attendees.RemoveAll(a => a.ResidentId == residentId);
    }

    internal void Held(Guid logbookEntryId) => LogbookEntryId = logbookEntryId;

    internal void TransferAttendance(Guid mergedId, Guid survivorId)
    {
        if (!Came(mergedId)) return;
        _attendees.RemoveAll(a => a.ResidentId == mergedId);
        if (!Came(survivorId)) _attendees.Add(new GroupSessionAttendee(survivorId));
    }
}

public sealed class GroupSessionAttendee
{
    public Guid ResidentId { get; private set; }

    private GroupSessionAttendee() { }

    internal GroupSessionAttendee(Guid residentId) => ResidentId = residentId;
}

public sealed class GroupCourseParticipant
{
    public Guid ResidentId { get; private set; }

    private GroupCourseParticipant() { }

    internal GroupCourseParticipant(Guid residentId) => ResidentId = residentId;
}
