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
    public const int DeletionReasonMaxLength = 500;
    public const int ImportKeyMaxLength = 64;

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
    /// <summary>Set for an entry imported from a legacy logbook: the line it came from, so a re-import adds nothing.</summary>
    public string? ImportKey { get; private set; }
    /// <summary>A deleted entry is kept for the audit but no longer shown or counted.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }
    public Guid? DeletedById { get; private set; }
    public string? DeletionReason { get; private set; }
    public bool IsDeleted => DeletedAt is not null;
    public IReadOnlyCollection<LogbookParticipant> Participants => _participants.AsReadOnly();

    private LogbookEntry() { }

    public LogbookEntry(DateOnly date, Guid staffMemberId, int activityId, LogbookEntryKind kind,
        IEnumerable<Guid> residentIds, int? headCount, string? note, DateOnly today, Guid? caseId = null, Guid? groupCourseId = null)
    {
        Id = Guid.CreateVersion7();
        StaffMemberId = staffMemberId;
        CaseId = caseId;
        GroupCourseId = groupCourseId;
        Set(date, activityId, kind, residentIds, headCount, note, today);
    }

    /// <summary>An entry of a legacy logbook line; the key identifies the line, so importing it again adds nothing.</summary>
    public static LogbookEntry Imported(DateOnly date, Guid staffMemberId, int activityId, LogbookEntryKind kind,
        IEnumerable<Guid> residentIds, int? headCount, string? note, DateOnly today, string importKey) =>
        new(date, staffMemberId, activityId, kind, residentIds, headCount, note, today) { ImportKey = Guard.Text(importKey, "Importnøglen", ImportKeyMaxLength) };

    /// <summary>
    /// Corrects what was registered. An entry made in a case or a group course keeps its activity and residents:
    /// those belong to the case or the course and are corrected there.
    /// </summary>
    public void Correct(DateOnly date, int activityId, LogbookEntryKind kind, IEnumerable<Guid> residentIds, int? headCount, string? note, DateOnly today)
    {
        if (IsDeleted) throw new DomainException("Indførslen er slettet og kan ikke rettes.");
        var residents = residentIds.Distinct().ToList();
        if ((CaseId is not null || GroupCourseId is not null)
            && (activityId != ActivityId || headCount != HeadCount || !residents.ToHashSet().SetEquals(_participants.Select(p => p.ResidentId))))
            throw new DomainException(CaseId is not null
                ? "Indførslen hører til et forløb: aktivitet og beboer rettes i forløbet, ikke her."
                : "Indførslen hører til et gruppeforløb: aktivitet og deltagere rettes i gruppeforløbet, ikke her.");
        Set(date, activityId, kind, residents, headCount, note, today);
    }

    /// <summary>Deletes the entry: it stays for the audit, marked with who deleted it and why, and is no longer counted.</summary>
    public void Delete(string reason, Guid deletedById, DateTimeOffset now)
    {
        if (IsDeleted) throw new DomainException("Indførslen er allerede slettet.");
        if (GroupCourseId is not null)
            throw new DomainException("Indførslen er en holdt gang i et gruppeforløb: ret fremmødet i gruppeforløbet i stedet.");
        DeletionReason = Guard.Text(reason, "Begrundelsen", DeletionReasonMaxLength);
        DeletedById = deletedById;
        DeletedAt = now;
    }

    /// <summary>
    /// Retention: the note is removed (and the reason of a deletion, which may name someone). Whoever else took part
    /// loses the note too: a note about several residents is about the anonymised one as well, and privacy comes first.
    /// </summary>
    /// <returns>How many texts were removed.</returns>
    internal int RemoveNote()
    {
        var removed = 0;
        if (Note is not null)
        {
            Note = null;
            removed++;
        }
        if (DeletionReason is not null and not Anonymisation.RemovedText)
        {
            DeletionReason = Anonymisation.RemovedText;
            removed++;
        }
        return removed;
    }

    private void Set(DateOnly date, int activityId, LogbookEntryKind kind, IEnumerable<Guid> residentIds, int? headCount, string? note, DateOnly today)
    {
        Guard.NotInFuture(date, today, "Datoen");
        var residents = residentIds.Distinct().ToList();
        if (residents.Count == 0 && headCount is null)
            throw new DomainException("Angiv de beboere, det drejer sig om, eller et antal deltagere.");
        if (headCount is < 1 or > 10_000) throw new DomainException("Antal deltagere skal være mellem 1 og 10.000.");
        var text = Guard.OptionalText(note, "Noten", NoteMaxLength);
        Date = date;
        ActivityId = activityId;
        Kind = kind;
        HeadCount = headCount;
        Note = text;
        _participants.RemoveAll(p => !residents.Contains(p.ResidentId));
        _participants.AddRange(residents.Where(id => _participants.All(p => p.ResidentId != id)).Select(id => new LogbookParticipant(id)));
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
