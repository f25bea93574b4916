using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Domain.Logbook;

/// <summary>
/// A delivery registered in the logbook (logbog): a conversation, a meeting, a session, an event …
/// Entries made inside a case are the same entries with the case set: one source of truth.
/// </summary>
public sealed class LogbookEntry
{
    public const int NoteMaxLength = 1000;

    private readonly List<LogbookParticipant> _participants = [];

    public Guid Id { get; private set; }
    public DateOnly Date { get; private set; }
    public Guid StaffMemberId { get; private set; }
    public int ActivityId { get; private set; }
    public LogbookEntryKind Kind { get; private set; }
    /// <summary>Anonymous head count, for events and outreach walks without named residents.</summary>
    public int? HeadCount { get; private set; }
    public string? Note { get; private set; }
    public Guid? CaseId { get; private set; }
    public Guid? GroupCourseId { get; private set; }
    public IReadOnlyCollection<LogbookParticipant> Participants => _participants.AsReadOnly();

    private LogbookEntry() { }

    public LogbookEntry(DateOnly date, Guid staffMemberId, int activityId, LogbookEntryKind kind,
        IEnumerable<Guid> residentIds, int? headCount, string? note, DateOnly today, Guid? caseId = null, Guid? groupCourseId = null)
    {
        Guard.NotInFuture(date, today, "Datoen");
        var residents = residentIds.Distinct().ToList();
        if (residents.Count == 0 && headCount is null)
            throw new DomainException("Angiv de beboere, det drejer sig om, eller et antal deltagere.");
        if (headCount is < 1 or > 10_000) throw new DomainException("Antal deltagere skal være mellem 1 og 10.000.");
        Id = Guid.CreateVersion7();
        Date = date;
        StaffMemberId = staffMemberId;
        ActivityId = activityId;
        Kind = kind;
        HeadCount = headCount;
        Note = Guard.OptionalText(note, "Noten", NoteMaxLength);
        CaseId = caseId;
        GroupCourseId = groupCourseId;
        _participants.AddRange(residents.Select(id => new LogbookParticipant(id)));
    }

    /// <summary>Who took part, corrected (e.g. attendance of a group session changed after it was held).</summary>
    public void CorrectParticipants(IEnumerable<Guid> residentIds)
    {
        var residents = residentIds.Distinct().ToList();
        if (residents.Count == 0 && HeadCount is null)
            throw new DomainException("Angiv de beboere, det drejer sig om, eller et antal deltagere.");
        _participants.RemoveAll(p => !residents.Contains(p.ResidentId));
        _participants.AddRange(residents.Where(id => _participants.All(p => p.ResidentId != id)).Select(id => new LogbookParticipant(id)));
    }

    /// <summary>
    /// Part of merging two records of the same resident: the survivor takes the merged record's place. When both took
    /// part, they are one person, so one participant remains.
    /// </summary>
    public void TransferParticipant(Guid mergedId, Resident survivor)
    {
        if (survivor.IsMerged) throw new DomainException("Deltagelsen kan kun flyttes til en beboer, der ikke selv er lagt sammen med en anden.");
        var participant = _participants.SingleOrDefault(p => p.ResidentId == mergedId)
            ?? throw new DomainException("Beboeren deltager ikke i logbogsindførslen.");
        _participants.Remove(participant);
        if (_participants.All(p => p.ResidentId != survivor.Id)) _participants.Add(new LogbookParticipant(survivor.Id));
    }
}

/// <summary>A resident involved in a logbook entry.</summary>
public sealed class LogbookParticipant
{
    public Guid ResidentId { get; private set; }

    private LogbookParticipant() { }

    internal LogbookParticipant(Guid residentId) => ResidentId = residentId;
}
