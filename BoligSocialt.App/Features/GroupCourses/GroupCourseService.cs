using System.ComponentModel.DataAnnotations;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.GroupCourses;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.GroupCourses;

/// <summary>
/// Group courses (gruppeforløb): create, enrol residents, plan sessions, one call per attendance tap, hold a session
/// (which writes its GroupSession logbook entry). Who sees and changes a course is <see cref="AccessRule.VisibleGroupCourses"/>;
/// a course out of scope is <see cref="NotFoundException"/>, like one that does not exist.
/// </summary>
public sealed class GroupCourseService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The courses the actor sees, the newest first.</summary>
    public async Task<IReadOnlyList<GroupCourseListItem>> ListAsync(CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.VisibleGroupCourses(actor).AsNoTracking()
            .Join(db.Activities, g => g.ActivityId, a => a.Id, (g, a) => new { Course = g, Activity = a.Name })
            .Join(db.StaffMembers, x => x.Course.ResponsibleStaffId, s => s.Id, (x, s) => new { x.Course, x.Activity, Responsible = s.Name })
            .OrderByDescending(x => x.Course.StartsOn).ThenBy(x => x.Course.Name)
            .Select(x => new GroupCourseListItem(x.Course.Id, x.Course.Name, x.Activity, x.Responsible, x.Course.StartsOn,
                x.Course.Participants.Count(), x.Course.Sessions.Count(s => s.LogbookEntryId != null), x.Course.Sessions.Count()))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The activities the actor may start a course of: active, of their own team, in the plan in force today.
    /// Activities run as group courses come first.
    /// </summary>
    public async Task<IReadOnlyList<GroupCourseActivityOption>> ActivitiesAsync(CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var activities = await OwnTeamActivities(db, actor)
            .Where(a => a.PlanPeriod!.Start <= today && a.PlanPeriod.End >= today)
            .Select(a => new { a.Id, a.Name, a.Kind })
            .ToListAsync(ct);
        return activities
            .OrderByDescending(a => a.Kind == ActivityKind.GroupCourse).ThenBy(a => a.Name, DanishOrder.Names)
            .Select(a => new GroupCourseActivityOption(a.Id, a.Name))
            .ToList();
    }

    /// <summary>A new course with the actor as responsible. Returns its id.</summary>
    public async Task<Guid> CreateAsync(GroupCourseForm form, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        var startsOn = DateOnly.FromDateTime(form.StartsOn ?? throw new DomainException("Angiv hvornår gruppeforløbet starter."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await OwnTeamActivities(db, actor).Include(a => a.PlanPeriod).SingleOrDefaultAsync(a => a.Id == form.ActivityId, ct)
            ?? throw new DomainException("Vælg en aktiv aktivitet fra dit eget team.");
        if (startsOn < activity.PlanPeriod!.Start || startsOn > activity.PlanPeriod.End)
            throw new DomainException($"Aktiviteten hører til helhedsplanen {activity.PlanPeriod.Start.ToDanish()} til {activity.PlanPeriod.End.ToDanish()}: startdatoen skal ligge i den.");
        var course = new GroupCourse(activity.Id, form.Name ?? "", actor.StaffMemberId, startsOn);
        db.GroupCourses.Add(course);
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
        return course.Id;
    }

    /// <summary>The course's page: participants with their names, sessions with who came. An audited read.</summary>
    public async Task<GroupCourseDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var course = await db.VisibleGroupCourses(actor).AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException();
        db.AuditActor = actor.AuditName;
        db.Read(nameof(GroupCourse), id);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, course, ct);
    }

    /// <summary>
    /// Enrols a resident found with the organisation-wide search. Only a resident whose consent to registration is
    /// recorded can be enrolled: the course registers them.
    /// </summary>
    public Task<GroupCourseDetails> EnrolAsync(Guid courseId, Guid residentId, CancellationToken ct = default) =>
        ChangeAsync(courseId, async (db, course) =>
        {
            var resident = await db.Residents.AsNoTracking().SingleOrDefaultAsync(r => r.Id == residentId && r.MergedIntoId == null, ct)
                ?? throw new DomainException("Beboeren findes ikke (længere). Søg igen.");
            if (resident.RegistrationConsent is null)
                throw new DomainException($"{resident.Name} kan ikke tilmeldes, før beboerens samtykke til registrering er registreret.");
            course.Enrol(resident.Id);
        }, ct);

    public Task<GroupCourseDetails> PlanSessionAsync(Guid courseId, DateTime? date, string? topic, CancellationToken ct = default) =>
        ChangeAsync(courseId, (_, course) =>
        {
            course.PlanSession(DateOnly.FromDateTime(date ?? throw new DomainException("Angiv datoen for gangen.")), topic);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// One tap on the attendance list: the resident came or did not. When the session is already held, its logbook
    /// entry is corrected in the same save, so the entry always names exactly the residents who came.
    /// </summary>
    public Task<GroupCourseDetails> SetAttendanceAsync(Guid courseId, Guid sessionId, Guid residentId, bool attended, CancellationToken ct = default) =>
        ChangeAsync(courseId, async (db, course) =>
        {
            course.SetAttendance(sessionId, residentId, attended);
            var session = course.Sessions.Single(s => s.Id == sessionId);
            if (session.LogbookEntryId is not { } entryId) return;
            var entry = await db.LogbookEntries.SingleAsync(e => e.Id == entryId, ct);
            entry.CorrectParticipants(session.Attendees.Select(a => a.ResidentId));
        }, ct);

    /// <summary>
    /// The session was held: its logbook entry (kind GroupSession) is written with the residents who came, in the name
    /// of the course's responsible staff member, whose delivery it is.
    /// </summary>
    public Task<GroupCourseDetails> HoldSessionAsync(Guid courseId, Guid sessionId, string? note, CancellationToken ct = default) =>
        ChangeAsync(courseId, (db, course) =>
        {
            db.LogbookEntries.Add(course.HoldSession(sessionId, course.ResponsibleStaffId, note, clock.Today()));
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Loads a visible course, applies one change and saves it (audited). SQLite's transaction takes the write lock at
    /// the start, so two tablets changing the same course one after the other each see the other's change: a session
    /// cannot be held twice. A refused change (<see cref="DomainException"/>) saves nothing.
    /// </summary>
    private async Task<GroupCourseDetails> ChangeAsync(Guid courseId, Func<AppDbContext, GroupCourse, Task> change, CancellationToken ct)
    {
        var actor = await RequireCaseWorkAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var course = await db.VisibleGroupCourses(actor).SingleOrDefaultAsync(g => g.Id == courseId, ct) ?? throw new NotFoundException();
        await change(db, course);
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await DetailsAsync(db, course, ct);
    }

    private async Task<GroupCourseDetails> DetailsAsync(AppDbContext db, GroupCourse course, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().Where(a => a.Id == course.ActivityId).Select(a => a.Name).SingleAsync(ct);
        var responsible = await db.StaffMembers.AsNoTracking().Where(s => s.Id == course.ResponsibleStaffId).Select(s => s.Name).SingleAsync(ct);
        var residentIds = course.Participants.Select(p => p.ResidentId).ToList();
        var residents = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id))
            .Select(r => new GroupCourseResident(r.Id, r.Name, r.BirthDate)).ToListAsync(ct);
        var sessions = course.Sessions.OrderBy(s => s.Date)
            .Select(s => new GroupSessionView(s.Id, s.Date, s.Topic, s.LogbookEntryId is not null, s.Attendees.Select(a => a.ResidentId).ToHashSet()))
            .ToList();
        return new GroupCourseDetails(course.Id, course.Name, activity, responsible, course.StartsOn,
            residents.OrderBy(r => r.Name, DanishOrder.Names).ToList(), sessions, CurrentSession(sessions, clock.Today()));
    }

    /// <summary>The session to take attendance for on opening the page: today's, else the earliest not yet held, else the latest.</summary>
    private static Guid? CurrentSession(IReadOnlyList<GroupSessionView> sessions, DateOnly today) =>
        (sessions.FirstOrDefault(s => s.Date == today) ?? sessions.FirstOrDefault(s => !s.IsHeld) ?? sessions.LastOrDefault())?.Id;

    /// <summary>Active activities of the actor's team: caseworkers and leaders run courses of their own team's activities only.</summary>
    private static IQueryable<Activity> OwnTeamActivities(AppDbContext db, Actor actor)
    {
        var teamId = actor.TeamId;
        return db.Activities.Where(a => a.IsActive && teamId != null && a.FocusArea!.TeamId == teamId);
    }

    private async Task<Actor> RequireCaseWorkAsync()
    {
        var actor = await currentUser.GetAsync();
        return actor.MayReadPersonalData ? actor : throw new NotFoundException();
    }
}

public sealed record GroupCourseListItem(Guid Id, string Name, string Activity, string Responsible, DateOnly StartsOn,
    int Participants, int SessionsHeld, int Sessions);

public sealed record GroupCourseActivityOption(int Id, string Name);

public sealed record GroupCourseResident(Guid Id, string Name, DateOnly BirthDate);

/// <param name="IsHeld">Registered as held: its logbook entry is written.</param>
public sealed record GroupSessionView(Guid Id, DateOnly Date, string? Topic, bool IsHeld, IReadOnlySet<Guid> Attendees)
{
    public bool Came(Guid residentId) => Attendees.Contains(residentId);
}

/// <param name="CurrentSessionId">The session whose attendance list the page opens with.</param>
public sealed record GroupCourseDetails(Guid Id, string Name, string Activity, string Responsible, DateOnly StartsOn,
    IReadOnlyList<GroupCourseResident> Participants, IReadOnlyList<GroupSessionView> Sessions, Guid? CurrentSessionId)
{
    public bool IsEnrolled(Guid residentId) => Participants.Any(p => p.Id == residentId);
}

/// <summary>The form for a new group course, with Danish messages; the service checks it again.</summary>
public sealed class GroupCourseForm
{
    [Required(ErrorMessage = "Skriv gruppeforløbets navn.")]
    [StringLength(200, ErrorMessage = "Navnet må højst være {1} tegn.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Vælg aktivitet.")]
    public int? ActivityId { get; set; }

    [Required(ErrorMessage = "Angiv startdato.")]
    public DateTime? StartsOn { get; set; }
}
