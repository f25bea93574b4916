using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Load;

/// <summary>
/// The tablets' data, added to the running app's database (after its demo data) through the domain and the app's
/// DbContext: for each tablet a mentor of Team 1's "UBMA" activity with one open case of a resident of their own, opened
/// two months ago, its three-party start meeting held with two goals, and four follow-ups since.
/// </summary>
internal static class LoadSeed
{
    public const string ActivityCode = "UBMA";
    private const string AuditActor = "system:load";
    private const int CaseAgeDays = 60;

    private static readonly string[] FirstNames = ["Amina", "Yusuf", "Leyla", "Søren", "Fatima", "Omar", "Ida", "Bilal", "Hiba", "Mikkel"];
    private static readonly string[] LastNames = ["Abdi", "Hansen", "Yilmaz", "Østergård", "Farah", "Møller", "Osman", "Kaya", "Jensen", "Haddad"];

    private static readonly string[] Notes =
    [
        "Samtale om ugens jobsøgning.", "Gennemgik CV'et sammen.", "Ringede om praktikken; den går godt.", "Fulgtes til jobcentret.",
    ];

    /// <summary>The staff member's name on the development sign-in page: fixed width, so no name is part of another.</summary>
    public static string MentorName(int tablet) => $"Tabletmentor {tablet:000}";

    /// <summary>Adds one mentor and case per tablet; returns each tablet's case, in tablet order.</summary>
    public static async Task<IReadOnlyList<Guid>> SeedAsync(IDbContextFactory<AppDbContext> factory, int tablets, TimeProvider clock)
    {
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync();
        db.AuditActor = AuditActor;
        var activity = await db.Activities.Include(a => a.PlanPeriod).Include(a => a.FocusArea).SingleAsync(a => a.Code == ActivityCode);
        var department = await db.Departments.AsNoTracking().OrderBy(d => d.Id).FirstAsync();
        var openedOn = today.AddDays(-CaseAgeDays) is var wanted && wanted > activity.PlanPeriod!.Start ? wanted : activity.PlanPeriod.Start;

        var cases = new List<Guid>();
        for (var tablet = 0; tablet < tablets; tablet++)
        {
            var mentor = new StaffMember(MentorName(tablet), null, StaffRoles.Mentor, activity.FocusArea!.TeamId);
            db.StaffMembers.Add(mentor);
            var resident = new Resident($"{FirstNames[tablet % FirstNames.Length]} {LastNames[tablet / FirstNames.Length % LastNames.Length]} {tablet:000}",
                today.AddYears(-25 - tablet % 30), null, mentor.Id, clock.GetUtcNow());
            resident.MoveTo(department.Id, openedOn.AddYears(-3));
            resident.GiveRegistrationConsent(openedOn, mentor.Id, today);
            db.Residents.Add(resident);

            var opened = Case.Open(resident.Id, activity, mentor.Id, openedOn);
            db.Cases.Add(opened);
            db.LogbookEntries.Add(opened.RecordStartMeeting(activity, new StartMeeting(openedOn.AddDays(5), "Jens Hansen", "Jobcenter Odense", [], null),
                ["Få et CV, der kan sendes", "Komme i praktik"], mentor.Id, today));
            for (var i = 0; i < Notes.Length; i++)
                db.LogbookEntries.Add(opened.RecordFollowUp(LogbookEntryKind.FollowUp, openedOn.AddDays(12 + i * 12), Notes[i],
                    i == Notes.Length - 1 ? today.AddDays(14) : null, mentor.Id, today));
            cases.Add(opened.Id);
        }
        await db.SaveChangesAsync();
        return cases;
    }
}
