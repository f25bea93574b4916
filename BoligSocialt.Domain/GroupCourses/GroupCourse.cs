using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Domain.GroupCourses;

/// <summary>A group course (gruppeforløb) of an activity, e.g. "Dig, mig og arbejde", with enrolled residents.</summary>
public sealed class GroupCourse
{
    private readonly List<GroupCourseParticipant> _participants = [];

    public Guid Id { get; private set; }
    public int ActivityId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid ResponsibleStaffId { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public IReadOnlyCollection<GroupCourseParticipant> Participants => _participants.AsReadOnly();

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
    }

    public bool IsEnrolled(Guid residentId) => _participants.Any(p => p.ResidentId == residentId);
}

public sealed class GroupCourseParticipant
{
    public Guid ResidentId { get; private set; }

    private GroupCourseParticipant() { }

    internal GroupCourseParticipant(Guid residentId) => ResidentId = residentId;
}
