using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.App.Auth;

/// <summary>
/// The one access rule for personal data, used by every service that loads it:
/// - Mentors and counsellors: their own cases (responsible or assisting), the referrals allocated to them or recorded by them, their own logbook entries;
/// - TeamLeader and Head: everything of their team's activities;
/// - Administrators and analysts: nothing (unless they also hold one of the roles above).
/// A resident is visible through any visible case, referral or logbook entry, and to the one who created the record
/// (and their leader) until a referral or a case for the resident exists.
/// </summary>
public static class AccessRule
{
    public static IQueryable<Case> VisibleCases(this AppDbContext db, Actor actor)
    {
        var (own, team, me, teamActivities) = Scope(db, actor);
        return db.Cases.Where(c => (own && (c.ResponsibleStaffId == me || c.Assistants.Any(a => a.StaffMemberId == me)))
            || (team && teamActivities.Contains(c.ActivityId)));
    }

    public static IQueryable<Referral> VisibleReferrals(this AppDbContext db, Actor actor)
    {
        var (own, team, me, teamActivities) = Scope(db, actor);
        return db.Referrals.Where(r => (own && (r.AllocatedToId == me || r.RecordedById == me)) || (team && teamActivities.Contains(r.ActivityId)));
    }

    public static IQueryable<LogbookEntry> VisibleLogbookEntries(this AppDbContext db, Actor actor)
    {
        var (own, team, me, teamActivities) = Scope(db, actor);
        return db.LogbookEntries.Where(e => (own && e.StaffMemberId == me) || (team && teamActivities.Contains(e.ActivityId)));
    }

    /// <summary>
    /// Group courses: the staff member responsible for the course, and the leaders of the team the course's activity
    /// belongs to. Those who see a course see the names of the residents enrolled in it (on the course's page only).
    /// </summary>
    public static IQueryable<GroupCourse> VisibleGroupCourses(this AppDbContext db, Actor actor)
    {
        var (own, team, me, teamActivities) = Scope(db, actor);
        return db.GroupCourses.Where(g => (own && g.ResponsibleStaffId == me) || (team && teamActivities.Contains(g.ActivityId)));
    }

    public static IQueryable<Resident> VisibleResidents(this AppDbContext db, Actor actor)
    {
        var (own, team, me, _) = Scope(db, actor);
        var teamId = actor.TeamId;
        var viaCases = db.VisibleCases(actor).Select(c => c.ResidentId);
        var viaReferrals = db.VisibleReferrals(actor).Select(r => r.ResidentId);
        var viaLogbook = db.VisibleLogbookEntries(actor).SelectMany(e => e.Participants).Select(p => p.ResidentId);
        var teamStaff = db.StaffMembers.Where(s => team && s.TeamId == teamId).Select(s => (Guid?)s.Id);
        return db.Residents.Where(r => r.MergedIntoId == null && (
            viaCases.Contains(r.Id) || viaReferrals.Contains(r.Id) || viaLogbook.Contains(r.Id) ||
            ((own && r.CreatedById == me) || teamStaff.Contains(r.CreatedById))
                && !db.Cases.Any(c => c.ResidentId == r.Id) && !db.Referrals.Any(x => x.ResidentId == r.Id)));
    }

    private static (bool Own, bool Team, Guid Me, IQueryable<int> TeamActivities) Scope(AppDbContext db, Actor actor)
    {
        var teamId = actor.TeamId;
        var team = actor.IsLeader;
        var teamActivities = db.Activities.Where(a => team && a.FocusArea!.TeamId == teamId).Select(a => a.Id);
        return (actor.IsCaseworker, team, actor.StaffMemberId, teamActivities);
    }
}
