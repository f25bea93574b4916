using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.GroupCourses;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>Group courses on a real SQLite database: the whole flow, the logbook entries it writes, scope, consent and refusals.</summary>
public sealed class GroupCourseServiceTests : IAsyncLifetime
{
    /// <summary>Team 1 (Uddannelse og livschancer), run as group courses.</summary>
    private const string Team1GroupActivity = "BLK";

    private TestDatabase _database = null!;
    private Actor _mentor = null!;
    private Actor _colleague = null!;
    private Actor _leader = null!;
    private Actor _otherTeamMentor = null!;
    private Actor _otherTeamHead = null!;
    private Actor _analyst = null!;
    private Resident _amina = null!;
    private Resident _fatima = null!;
    private Resident _leyla = null!;

    private static DateOnly Today => Scenario.Today;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        _colleague = await _database.AddStaffAsync("Sofie Nielsen", StaffRoles.Mentor, "Team1");
        _leader = await _database.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1");
        _otherTeamMentor = await _database.AddStaffAsync("Karim Yousef", StaffRoles.Mentor, "Team2");
        _otherTeamHead = await _database.AddStaffAsync("Hanne Chef", StaffRoles.Head, "Team2");
        _analyst = await _database.AddStaffAsync("Peter Analytiker", StaffRoles.Analyst);
        _amina = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        _fatima = await Scenario.AddResidentAsync(_database, "Fatima Omar");
        _leyla = await Scenario.AddResidentAsync(_database, "Leyla Khan");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private GroupCourseService ServiceFor(Actor actor) => new(_database, new FakeCurrentUser(actor), TimeProvider.System);

    private async Task<int> ActivityIdAsync(string code)
    {
        await using var db = _database.CreateDbContext();
        return await db.Activities.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    private async Task<GroupCourseForm> FormAsync(string activity = Team1GroupActivity) => new()
    {
        Name = "Dig, mig og arbejde",
        ActivityId = await ActivityIdAsync(activity),
        StartsOn = Today.AddDays(-30).ToDateTime(TimeOnly.MinValue),
    };

    /// <summary>A course of the mentor with Amina, Fatima and Leyla enrolled and one session today.</summary>
    private async Task<(Guid CourseId, Guid SessionId)> CourseWithSessionTodayAsync()
    {
        var service = ServiceFor(_mentor);
        var courseId = await service.CreateAsync(await FormAsync());
        foreach (var resident in new[] { _amina, _fatima, _leyla }) await service.EnrolAsync(courseId, resident.Id);
        var course = await service.PlanSessionAsync(courseId, Today.ToDateTime(TimeOnly.MinValue), "CV og ansøgning");
        return (courseId, course.Sessions.Single().Id);
    }

    private async Task<List<LogbookEntry>> EntriesOfAsync(Guid courseId)
    {
        await using var db = _database.CreateDbContext();
        return await db.LogbookEntries.AsNoTracking().Where(e => e.GroupCourseId == courseId).ToListAsync();
    }

    private static Guid[] Ids(params Resident[] residents) => residents.Select(r => r.Id).Order().ToArray();

    private static Guid[] ParticipantsOf(LogbookEntry entry) => entry.Participants.Select(p => p.ResidentId).Order().ToArray();

    [Fact]
    public async Task A_tap_on_attendance_is_audited_as_a_change_of_the_course()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        await ServiceFor(_mentor).SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: true);
        await ServiceFor(_mentor).SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: false);

        Assert.Equal([(AuditAction.Update, nameof(GroupCourse), courseId.ToString()), (AuditAction.Update, nameof(GroupCourse), courseId.ToString())],
            (await Scenario.AuditSinceAsync(_database, lastAudit)).Select(a => (a.Action, a.EntityType, a.EntityId)).ToArray());
    }

    [Fact]
    public async Task A_held_session_writes_one_group_session_entry_that_counts_the_residents_who_came()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var service = ServiceFor(_mentor);
        await service.SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: true);
        await service.SetAttendanceAsync(courseId, sessionId, _leyla.Id, attended: true);

        var course = await service.HoldSessionAsync(courseId, sessionId, "God snak om CV");

        var session = Assert.Single(course.Sessions);
        Assert.True(session.IsHeld);
        Assert.Equal(Ids(_amina, _leyla), session.Attendees.Order().ToArray());
        var entry = Assert.Single(await EntriesOfAsync(courseId));
        Assert.Equal(LogbookEntryKind.GroupSession, entry.Kind);
        Assert.Equal(Today, entry.Date);
        Assert.Equal(_mentor.StaffMemberId, entry.StaffMemberId);
        Assert.Equal(await ActivityIdAsync(Team1GroupActivity), entry.ActivityId);
        Assert.Equal("God snak om CV", entry.Note);
        Assert.Equal(Ids(_amina, _leyla), ParticipantsOf(entry));
        // A delivery of the activity that reached two distinct residents, in the mentor's own logbook.
        await using var db = _database.CreateDbContext();
        var reached = await db.VisibleLogbookEntries(_mentor).Where(e => e.ActivityId == entry.ActivityId && e.Kind == LogbookEntryKind.GroupSession)
            .SelectMany(e => e.Participants).Select(p => p.ResidentId).Distinct().CountAsync();
        Assert.Equal(2, reached);
        var stored = await db.GroupCourses.AsNoTracking().SingleAsync(g => g.Id == courseId);
        Assert.Equal(entry.Id, stored.Sessions.Single().LogbookEntryId);
    }

    [Fact]
    public async Task The_course_page_names_the_enrolled_residents_and_the_read_is_audited()
    {
        var (courseId, _) = await CourseWithSessionTodayAsync();
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var course = await ServiceFor(_mentor).GetAsync(courseId);

        Assert.Equal("Dig, mig og arbejde", course.Name);
        Assert.Equal("Ahmed Hassan", course.Responsible);
        Assert.Equal(["Amina Hussein", "Fatima Omar", "Leyla Khan"], course.Participants.Select(p => p.Name).ToArray());
        Assert.Equal(course.Sessions.Single().Id, course.CurrentSessionId);
        var read = Assert.Single(await Scenario.AuditSinceAsync(_database, lastAudit));
        Assert.Equal((AuditAction.Read, nameof(GroupCourse), courseId.ToString(), _mentor.AuditName), (read.Action, read.EntityType, read.EntityId, read.Actor));
    }

    [Fact]
    public async Task Attendance_changed_after_holding_corrects_the_logbook_entry_in_the_same_save()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var service = ServiceFor(_mentor);
        await service.SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: true);
        await service.SetAttendanceAsync(courseId, sessionId, _fatima.Id, attended: true);
        await service.HoldSessionAsync(courseId, sessionId, null);
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        await service.SetAttendanceAsync(courseId, sessionId, _fatima.Id, attended: false);
        await service.SetAttendanceAsync(courseId, sessionId, _leyla.Id, attended: true);

        var entry = Assert.Single(await EntriesOfAsync(courseId));
        Assert.Equal(Ids(_amina, _leyla), ParticipantsOf(entry));
        var audit = await Scenario.AuditSinceAsync(_database, lastAudit);
        Assert.Equal(2, audit.Count(a => a.Action == AuditAction.Update && a.EntityType == nameof(LogbookEntry) && a.EntityId == entry.Id.ToString()));
    }

    [Fact]
    public async Task The_last_resident_who_came_to_a_held_session_cannot_be_removed()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var service = ServiceFor(_mentor);
        await service.SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: true);
        await service.HoldSessionAsync(courseId, sessionId, null);

        var refused = await Assert.ThrowsAsync<DomainException>(() => service.SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: false));

        Assert.Equal("En holdt gang skal have mindst én deltager.", refused.Message);
        Assert.Equal(Ids(_amina), ParticipantsOf(Assert.Single(await EntriesOfAsync(courseId))));
    }

    [Fact]
    public async Task Attendance_of_a_resident_not_enrolled_is_refused_in_Danish_and_nothing_is_saved()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var notEnrolled = await Scenario.AddResidentAsync(_database, "Nadia Jensen");
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).SetAttendanceAsync(courseId, sessionId, notEnrolled.Id, attended: true));

        Assert.Equal("Beboeren er ikke tilmeldt gruppeforløbet.", refused.Message);
        Assert.Equal(0, await Scenario.CountRowsAsync(_database, "GroupSessionAttendees"));
        Assert.Empty(await Scenario.AuditSinceAsync(_database, lastAudit));
    }

    [Fact]
    public async Task A_session_is_held_once_and_nobody_came_is_refused()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var service = ServiceFor(_mentor);

        var none = await Assert.ThrowsAsync<DomainException>(() => service.HoldSessionAsync(courseId, sessionId, null));
        Assert.Equal("Markér mindst én beboer, der kom.", none.Message);
        await service.SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: true);
        await service.HoldSessionAsync(courseId, sessionId, null);
        var twice = await Assert.ThrowsAsync<DomainException>(() => service.HoldSessionAsync(courseId, sessionId, null));

        Assert.Equal("Gangen er allerede registreret som holdt.", twice.Message);
        Assert.Single(await EntriesOfAsync(courseId));
    }

    [Fact]
    public async Task Enrolling_needs_the_residents_consent_to_registration()
    {
        var courseId = await ServiceFor(_mentor).CreateAsync(await FormAsync());
        var withoutConsent = await AddResidentWithoutConsentAsync("Omar Ali");

        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).EnrolAsync(courseId, withoutConsent));

        Assert.Equal("Omar Ali kan ikke tilmeldes, før beboerens samtykke til registrering er registreret.", refused.Message);
        Assert.Equal(0, await Scenario.CountRowsAsync(_database, "GroupCourseParticipants"));
    }

    [Fact]
    public async Task A_resident_is_enrolled_once()
    {
        var service = ServiceFor(_mentor);
        var courseId = await service.CreateAsync(await FormAsync());
        await service.EnrolAsync(courseId, _amina.Id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => service.EnrolAsync(courseId, _amina.Id));

        Assert.Equal("Beboeren er allerede tilmeldt.", refused.Message);
        Assert.Equal(1, await Scenario.CountRowsAsync(_database, "GroupCourseParticipants"));
    }

    [Fact]
    public async Task Another_teams_mentor_and_head_and_a_colleague_who_is_not_responsible_find_nothing_even_by_id()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        foreach (var outsider in new[] { _otherTeamMentor, _otherTeamHead, _colleague })
        {
            var service = ServiceFor(outsider);
            Assert.Empty(await service.ListAsync());
            await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(courseId));
            await Assert.ThrowsAsync<NotFoundException>(() => service.SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: true));
            await Assert.ThrowsAsync<NotFoundException>(() => service.EnrolAsync(courseId, _amina.Id));
            await Assert.ThrowsAsync<NotFoundException>(() => service.PlanSessionAsync(courseId, Today.AddDays(1).ToDateTime(TimeOnly.MinValue), null));
            await Assert.ThrowsAsync<NotFoundException>(() => service.HoldSessionAsync(courseId, sessionId, null));
        }
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_analyst).GetAsync(courseId));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_analyst).ListAsync());

        Assert.Empty(await Scenario.AuditSinceAsync(_database, lastAudit));
        Assert.Equal(0, await Scenario.CountRowsAsync(_database, "GroupSessionAttendees"));
    }

    [Fact]
    public async Task The_leader_of_the_activitys_team_sees_and_runs_the_course_and_the_entry_is_the_responsible_mentors()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var leader = ServiceFor(_leader);

        Assert.Equal([courseId], (await leader.ListAsync()).Select(c => c.Id).ToArray());
        await leader.SetAttendanceAsync(courseId, sessionId, _fatima.Id, attended: true);
        await leader.HoldSessionAsync(courseId, sessionId, null);

        var entry = Assert.Single(await EntriesOfAsync(courseId));
        Assert.Equal(_mentor.StaffMemberId, entry.StaffMemberId);
        Assert.Equal(Ids(_fatima), ParticipantsOf(entry));
    }

    [Fact]
    public async Task The_list_shows_the_course_with_its_counts()
    {
        var (courseId, sessionId) = await CourseWithSessionTodayAsync();
        var service = ServiceFor(_mentor);
        await service.PlanSessionAsync(courseId, Today.AddDays(7).ToDateTime(TimeOnly.MinValue), null);
        await service.SetAttendanceAsync(courseId, sessionId, _amina.Id, attended: true);
        await service.HoldSessionAsync(courseId, sessionId, null);

        var item = Assert.Single(await service.ListAsync());

        Assert.Equal((courseId, "Dig, mig og arbejde", "Bydelsløftere for kvinder", "Ahmed Hassan", 3, 1, 2),
            (item.Id, item.Name, item.Activity, item.Responsible, item.Participants, item.SessionsHeld, item.Sessions));
    }

    [Fact]
    public async Task A_course_of_another_teams_activity_is_refused_in_Danish()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(async () => await ServiceFor(_mentor).CreateAsync(await FormAsync(Scenario.Team2Cohesion)));

        Assert.Equal("Vælg en aktiv aktivitet fra dit eget team.", refused.Message);
        Assert.Equal(0, await Scenario.CountRowsAsync(_database, "GroupCourses"));
    }

    [Fact]
    public async Task A_course_of_an_inactive_activity_is_refused()
    {
        await using (var db = _database.CreateDbContext())
        {
            (await db.Activities.SingleAsync(a => a.Code == Team1GroupActivity)).Deactivate();
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<DomainException>(async () => await ServiceFor(_mentor).CreateAsync(await FormAsync()));

        Assert.Equal("Vælg en aktiv aktivitet fra dit eget team.", refused.Message);
        Assert.Empty(await ServiceFor(_mentor).ListAsync());
    }

    [Fact]
    public async Task A_course_must_start_inside_its_activitys_plan()
    {
        var form = await FormAsync();
        form.StartsOn = new DateTime(2024, 9, 1);

        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).CreateAsync(form));

        Assert.Equal("Aktiviteten hører til helhedsplanen 01-10-2024 til 30-09-2028: startdatoen skal ligge i den.", refused.Message);
    }

    [Fact]
    public async Task The_activities_offered_are_the_own_teams_active_ones_with_group_courses_first()
    {
        var activities = await ServiceFor(_mentor).ActivitiesAsync();

        Assert.Equal(["Bydelsløftere for kvinder", "Bydelsløftere for mænd"], activities.Take(2).Select(a => a.Name).ToArray());
        Assert.Contains(activities, a => a.Name == "Uddannelses- og beskæftigelsesmentorforløb for jobparate");
        Assert.DoesNotContain(activities, a => a.Name == "Medborgerskab og frivillighed");
        Assert.DoesNotContain(activities, a => a.Name == "Bydelssøstre");
    }

    [Fact]
    public async Task A_session_needs_a_date_after_the_start_and_not_one_already_taken()
    {
        var (courseId, _) = await CourseWithSessionTodayAsync();
        var service = ServiceFor(_mentor);

        var noDate = await Assert.ThrowsAsync<DomainException>(() => service.PlanSessionAsync(courseId, null, "CV"));
        var taken = await Assert.ThrowsAsync<DomainException>(() => service.PlanSessionAsync(courseId, Today.ToDateTime(TimeOnly.MinValue), null));
        var early = await Assert.ThrowsAsync<DomainException>(() => service.PlanSessionAsync(courseId, Today.AddDays(-31).ToDateTime(TimeOnly.MinValue), null));

        Assert.Equal("Angiv datoen for gangen.", noDate.Message);
        Assert.Equal($"Der er allerede en gang den {Today.ToDanish()}.", taken.Message);
        Assert.Equal("En gang kan ikke ligge før gruppeforløbet starter.", early.Message);
        Assert.Equal(1, await Scenario.CountRowsAsync(_database, "GroupSessions"));
    }

    private async Task<Guid> AddResidentWithoutConsentAsync(string name)
    {
        var departmentId = await Scenario.DepartmentIdAsync(_database, "Granparken");
        await using var db = _database.CreateDbContext();
        var resident = new Resident(name, new DateOnly(1990, 1, 1), null, _mentor.StaffMemberId, DateTimeOffset.UtcNow);
        resident.MoveTo(departmentId, new DateOnly(2015, 1, 1));
        db.Residents.Add(resident);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return resident.Id;
    }
}
