using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Tests.Domain;

/// <summary>Sessions of a group course: planning, one tap per person for attendance, holding a session writes its logbook entry.</summary>
public sealed class GroupSessionTests
{
    private const int ActivityId = 7;
    private static readonly DateOnly StartsOn = new(2025, 3, 1);
    private static readonly DateOnly Today = new(2025, 6, 1);
    private static readonly Guid Staff = Guid.NewGuid();
    private static readonly Guid Amina = Guid.NewGuid();
    private static readonly Guid Fatima = Guid.NewGuid();
    private static readonly Guid Leyla = Guid.NewGuid();

    private static GroupCourse Course()
    {
        var course = new GroupCourse(ActivityId, "Dig, mig og arbejde", Staff, StartsOn);
        course.Enrol(Amina);
        course.Enrol(Fatima);
        course.Enrol(Leyla);
        return course;
    }

    private static Guid[] Attendees(GroupSession session) => session.Attendees.Select(a => a.ResidentId).Order().ToArray();

    [Fact]
    public void A_session_cannot_lie_before_the_course_starts()
    {
        var course = Course();

        var refused = Assert.Throws<DomainException>(() => course.PlanSession(StartsOn.AddDays(-1), null));

        Assert.Equal("En gang kan ikke ligge før gruppeforløbet starter.", refused.Message);
        Assert.Empty(course.Sessions);
    }

    [Fact]
    public void Two_sessions_cannot_share_a_date()
    {
        var course = Course();
        course.PlanSession(StartsOn, "CV");

        var refused = Assert.Throws<DomainException>(() => course.PlanSession(StartsOn, "Jobsamtale"));

        Assert.Equal("Der er allerede en gang den 01-03-2025.", refused.Message);
        Assert.Single(course.Sessions);
    }

    [Fact]
    public void A_planned_session_has_its_date_and_topic_and_is_not_held()
    {
        var session = Course().PlanSession(StartsOn.AddDays(7), "  CV og ansøgning ");

        Assert.Equal(StartsOn.AddDays(7), session.Date);
        Assert.Equal("CV og ansøgning", session.Topic);
        Assert.Null(session.LogbookEntryId);
        Assert.Empty(session.Attendees);
    }

    [Fact]
    public void Attendance_of_a_resident_not_enrolled_is_refused_and_nothing_is_recorded()
    {
        var course = Course();
        var session = course.PlanSession(StartsOn, null);

        var refused = Assert.Throws<DomainException>(() => course.SetAttendance(session.Id, Guid.NewGuid(), attended: true));

        Assert.Equal("Beboeren er ikke tilmeldt gruppeforløbet.", refused.Message);
        Assert.Empty(session.Attendees);
    }

    [Fact]
    public void Attendance_of_a_session_of_another_course_is_refused()
    {
        var course = Course();
        var other = Course().PlanSession(StartsOn, null);

        var refused = Assert.Throws<DomainException>(() => course.SetAttendance(other.Id, Amina, attended: true));

        Assert.Equal("Gangen hører ikke til gruppeforløbet.", refused.Message);
    }

    [Fact]
    public void One_tap_marks_a_resident_as_come_and_the_next_as_not_come()
    {
        var course = Course();
        var session = course.PlanSession(StartsOn, null);

        course.SetAttendance(session.Id, Amina, attended: true);
        course.SetAttendance(session.Id, Amina, attended: true);
        Assert.Equal([Amina], Attendees(session));
        Assert.True(session.Came(Amina));

        course.SetAttendance(session.Id, Amina, attended: false);
        Assert.Empty(session.Attendees);
        Assert.False(session.Came(Amina));
    }

    [Fact]
    public void Holding_a_session_writes_a_group_session_entry_with_exactly_the_residents_who_came()
    {
        var course = Course();
        var session = course.PlanSession(StartsOn.AddDays(14), "Jobsamtale");
        course.SetAttendance(session.Id, Amina, attended: true);
        course.SetAttendance(session.Id, Leyla, attended: true);

        var entry = course.HoldSession(session.Id, Staff, "God stemning", Today);

        Assert.Equal(LogbookEntryKind.GroupSession, entry.Kind);
        Assert.Equal(session.Date, entry.Date);
        Assert.Equal(ActivityId, entry.ActivityId);
        Assert.Equal(Staff, entry.StaffMemberId);
        Assert.Equal(course.Id, entry.GroupCourseId);
        Assert.Null(entry.CaseId);
        Assert.Null(entry.HeadCount);
        Assert.Equal("God stemning", entry.Note);
        Assert.Equal(new[] { Amina, Leyla }.Order(), entry.Participants.Select(p => p.ResidentId).Order());
        Assert.Equal(entry.Id, session.LogbookEntryId);
    }

    [Fact]
    public void A_session_is_held_once()
    {
        var course = Course();
        var session = course.PlanSession(StartsOn, null);
        course.SetAttendance(session.Id, Amina, attended: true);
        var first = course.HoldSession(session.Id, Staff, null, Today);

        var refused = Assert.Throws<DomainException>(() => course.HoldSession(session.Id, Staff, null, Today));

        Assert.Equal("Gangen er allerede registreret som holdt.", refused.Message);
        Assert.Equal(first.Id, session.LogbookEntryId);
    }

    [Fact]
    public void A_session_nobody_came_to_cannot_be_held()
    {
        var course = Course();
        var session = course.PlanSession(StartsOn, null);

        var refused = Assert.Throws<DomainException>(() => course.HoldSession(session.Id, Staff, null, Today));

        Assert.Equal("Markér mindst én beboer, der kom.", refused.Message);
        Assert.Null(session.LogbookEntryId);
    }

    [Fact]
    public void A_session_in_the_future_cannot_be_held()
    {
        var course = Course();
        var session = course.PlanSession(Today.AddDays(1), null);
        course.SetAttendance(session.Id, Amina, attended: true);

        var refused = Assert.Throws<DomainException>(() => course.HoldSession(session.Id, Staff, null, Today));

        Assert.Equal("Datoen kan ikke ligge i fremtiden.", refused.Message);
        Assert.Null(session.LogbookEntryId);
    }

    [Fact]
    public void After_holding_attendance_can_change_but_at_least_one_resident_remains()
    {
        var course = Course();
        var session = course.PlanSession(StartsOn, null);
        course.SetAttendance(session.Id, Amina, attended: true);
        course.SetAttendance(session.Id, Fatima, attended: true);
        course.HoldSession(session.Id, Staff, null, Today);

        course.SetAttendance(session.Id, Fatima, attended: false);
        course.SetAttendance(session.Id, Leyla, attended: true);
        course.SetAttendance(session.Id, Leyla, attended: false);
        Assert.Equal([Amina], Attendees(session));

        var refused = Assert.Throws<DomainException>(() => course.SetAttendance(session.Id, Amina, attended: false));

        Assert.Equal("En holdt gang skal have mindst én deltager.", refused.Message);
        Assert.Equal([Amina], Attendees(session));
    }

    [Fact]
    public void Correcting_the_entry_of_a_held_session_names_the_residents_who_came_now()
    {
        var course = Course();
        var session = course.PlanSession(StartsOn, null);
        course.SetAttendance(session.Id, Amina, attended: true);
        course.SetAttendance(session.Id, Fatima, attended: true);
        var entry = course.HoldSession(session.Id, Staff, null, Today);
        course.SetAttendance(session.Id, Fatima, attended: false);
        course.SetAttendance(session.Id, Leyla, attended: true);

        entry.CorrectParticipants(session.Attendees.Select(a => a.ResidentId));

        Assert.Equal(new[] { Amina, Leyla }.Order(), entry.Participants.Select(p => p.ResidentId).Order());
    }

    [Fact]
    public void Merging_moves_attendance_to_the_survivor_and_one_person_counts_once()
    {
        var survivor = new Resident("Amina Hussein", new DateOnly(1990, 4, 12), null, Staff, DateTimeOffset.UtcNow);
        var merged = Guid.NewGuid();
        var course = new GroupCourse(ActivityId, "Dig, mig og arbejde", Staff, StartsOn);
        course.Enrol(survivor.Id);
        course.Enrol(merged);
        course.Enrol(Fatima);
        var onlyMerged = course.PlanSession(StartsOn, null);
        course.SetAttendance(onlyMerged.Id, merged, attended: true);
        course.SetAttendance(onlyMerged.Id, Fatima, attended: true);
        var both = course.PlanSession(StartsOn.AddDays(7), null);
        course.SetAttendance(both.Id, merged, attended: true);
        course.SetAttendance(both.Id, survivor.Id, attended: true);

        course.TransferEnrolment(merged, survivor);

        Assert.Equal(new[] { survivor.Id, Fatima }.Order(), Attendees(onlyMerged));
        Assert.Equal([survivor.Id], Attendees(both));
        Assert.False(course.IsEnrolled(merged));
        Assert.Equal(2, course.Participants.Count);
    }
}
