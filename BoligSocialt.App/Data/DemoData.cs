using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Data;

/// <summary>
/// Development only: staff in every role, residents across the housing areas, referrals and cases in every state and a
/// year of logbook, so that every page shows something real on the first start. Runs once, on an empty staff table.
/// </summary>
public static class DemoData
{
    public const string Actor = "system:demo-data";

    private static readonly (string Name, StaffRoles Roles, string? Team)[] Staff =
    [
        ("Lone Mikkelsen", StaffRoles.TeamLeader, "Team1"),
        ("Ahmed Hassan", StaffRoles.Mentor, "Team1"),
        ("Sofie Nielsen", StaffRoles.Mentor, "Team1"),
        ("Jonas Berg", StaffRoles.Counsellor, "Team1"),
        ("Hanne Østergaard", StaffRoles.Head, "Team2"),
        ("Karim Yousef", StaffRoles.Mentor, "Team2"),
        ("Mette Lund", StaffRoles.Counsellor, "Team2"),
        ("Peter Dahl", StaffRoles.Analyst, null),
        ("Birgit Holm", StaffRoles.Administrator, null),
    ];

    private static readonly string[] FirstNames =
    [
        "Amina", "Mohammed", "Fatima", "Ali", "Leyla", "Omar", "Sara", "Yusuf", "Hiba", "Ibrahim", "Mette", "Jens", "Åse", "Søren",
        "Zainab", "Hassan", "Nadia", "Mustafa", "Aisha", "Khalid", "Ida", "Mikkel", "Rania", "Tariq", "Noor", "Bilal", "Emma", "Ærenlund",
    ];

    private static readonly string[] LastNames =
    [
        "Hussein", "Ahmadi", "Jensen", "Abdi", "Nielsen", "Yilmaz", "Khan", "Hansen", "Osman", "Pedersen", "Farah", "Møller", "Aydin",
        "Sørensen", "Rasmussen", "Haddad", "Kaya", "Østergård", "Ali", "Larsen",
    ];

    private static readonly LogbookEntryKind[] FollowUpKinds = [LogbookEntryKind.Conversation, LogbookEntryKind.FollowUp, LogbookEntryKind.PhoneCall];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.StaffMembers.AnyAsync(ct)) return;
        db.AuditActor = Actor;
        var random = new Random(20_261_124);
        var now = clock.GetUtcNow();
        var today = clock.Today();

        var teams = await db.Teams.ToDictionaryAsync(t => t.Code, ct);
        var staff = Staff.Select(s => new StaffMember(s.Name, Email(s.Name), s.Roles, s.Team is null ? null : teams[s.Team].Id)).ToList();
        db.StaffMembers.AddRange(staff);

        var departments = await db.Departments.Include(d => d.HousingArea).ToListAsync(ct);
        var activities = await db.Activities.Include(a => a.PlanPeriod).Include(a => a.FocusArea)
            .Where(a => a.IsActive && a.PlanPeriod!.Start <= today.AddDays(-350) && a.PlanPeriod.End >= today)
            .ToListAsync(ct);
        var caseworkers = staff.Where(s => s.Has(StaffRoles.Mentor | StaffRoles.Counsellor)).ToList();

        var residents = new List<Resident>();
        for (var i = 0; i < 60; i++)
        {
            var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
            var birth = today.AddYears(-random.Next(16, 66)).AddDays(-random.Next(0, 365));
            var resident = new Resident(name, birth, i % 3 == 0 ? null : $"+45{random.Next(20_000_000, 99_999_999)}", null, now);
            var movedIn = today.AddYears(-random.Next(2, 12));
            resident.MoveTo(departments[random.Next(departments.Count)].Id, movedIn);
            if (i % 6 == 0)
            {
                var moved = today.AddDays(-random.Next(30, 300));
                var other = departments.Where(d => d.Id != resident.DepartmentOn(moved)).ElementAt(random.Next(departments.Count - 1));
                resident.MoveTo(other.Id, moved);
            }
            var consentOn = today.AddDays(-random.Next(300, 400));
            resident.GiveRegistrationConsent(consentOn, caseworkers[random.Next(caseworkers.Count)].Id, today);
            if (i % 2 == 0) resident.GiveSharingConsent(consentOn, caseworkers[random.Next(caseworkers.Count)].Id, today);
            residents.Add(resident);
        }
        db.Residents.AddRange(residents);

        for (var i = 0; i < residents.Count; i++)
        {
            var resident = residents[i];
            var activity = activities[random.Next(activities.Count)];
            var team = activity.FocusArea!.TeamId;
            var worker = caseworkers.Where(s => s.TeamId == team).ElementAt(random.Next(caseworkers.Count(s => s.TeamId == team)));
            var received = today.AddDays(-random.Next(5, 350));
            var source = activity.ReferredBy.Count > 0 ? activity.ReferredBy[random.Next(activity.ReferredBy.Count)] : Referral.SelfReferralSource;
            var referral = new Referral(resident, activity, source, source == Referral.SelfReferralSource ? null : "Demo Henviser",
                null, "Ønsker hjælp til at komme videre", received, worker.Id, today);
            db.Referrals.Add(referral);

            var stage = i % 10; // 0: waiting, 1: allocated, 2: declined, 3-9: a case in some state
            if (stage == 0) continue;
            var allocated = received.AddDays(random.Next(0, 5));
            referral.AllocateTo(worker.Id, allocated);
            if (stage == 1) continue;
            var decided = allocated.AddDays(random.Next(1, 5));
            if (decided > today) decided = today;
            if (stage == 2)
            {
                referral.Decline(ReferralDeclineReason.NotReached, "Har ringet tre gange uden svar", decided);
                continue;
            }

            var opened = referral.Accept(activity, decided);
            db.Cases.Add(opened);
            var log = new List<LogbookEntry>();
            if (activity.StartMeeting != StartMeetingKind.None && stage != 3)
            {
                var held = decided.AddDays(random.Next(3, 14));
                if (held > today) held = today;
                log.Add(opened.RecordStartMeeting(activity, new StartMeeting(held, "Jens Hansen", "Jobcenter Odense", ["Beboeren", "Forælder", "Skolen"], null),
                    ["Afklare ønsker til job eller uddannelse", "Skrive CV"], worker.Id, today));
            }
            else
            {
                opened.AddGoal("Komme godt i gang");
            }

            var closing = stage is 8 or 9 ? decided.AddDays(random.Next(40, 120)) : (DateOnly?)null;
            var end = closing is { } c && c < today ? c : today;
            for (var date = decided.AddDays(14); date < end; date = date.AddDays(random.Next(14, 35)))
                log.Add(opened.RecordFollowUp(FollowUpKinds[random.Next(FollowUpKinds.Length)], date, "Opfølgning på aftaler",
                    date.AddDays(30) < today ? null : date.AddDays(30), worker.Id, today));

            if (activity.AllowedOutcomeKinds.Count > 0 && stage is 5 or 6 or 8)
            {
                var achieved = decided.AddDays(random.Next(20, 60));
                if (achieved > end) achieved = end;
                var department = departments.Single(d => d.Id == resident.DepartmentOn(achieved));
                opened.RecordOutcome(activity, activity.AllowedOutcomeKinds[random.Next(activity.AllowedOutcomeKinds.Count)], achieved,
                    department.HousingAreaId, today);
            }

            if (closing is { } closed && closed < today)
            {
                opened.Close(closed, stage == 8 ? ClosureReason.GoalsReached : ClosureReason.NoContact,
                    opened.Goals.ToDictionary(g => g.Id, _ => stage == 8 ? GoalStatus.Reached : GoalStatus.NotReached), true, null, today);
                if (stage == 9 && today.DayNumber - closed.DayNumber <= Case.ReopenWindowDays) opened.Reopen(today);
            }
            db.LogbookEntries.AddRange(log);
        }

        // Events and outreach walks: anonymous head counts.
        var anonymous = activities.Where(a => a.Kind is ActivityKind.NetworkActivity or ActivityKind.GroupCourse).ToList();
        for (var month = 0; month < 12 && anonymous.Count > 0; month++)
        {
            var activity = anonymous[month % anonymous.Count];
            var worker = caseworkers.FirstOrDefault(s => s.TeamId == activity.FocusArea!.TeamId) ?? caseworkers[0];
            db.LogbookEntries.Add(new LogbookEntry(today.AddMonths(-month).AddDays(-random.Next(0, 20)), worker.Id, activity.Id,
                month % 2 == 0 ? LogbookEntryKind.Event : LogbookEntryKind.Outreach, [], random.Next(8, 60), "Arrangement i beboerhuset", today));
        }

        // A group course of Team 1 with six residents (all have consent to registration): two sessions held, so their
        // GroupSession entries are in the logbook, and one planned.
        var groupActivity = activities.Where(a => a.Kind == ActivityKind.GroupCourse && a.FocusArea!.TeamId == teams["Team1"].Id)
            .OrderBy(a => a.Code).FirstOrDefault();
        if (groupActivity is not null)
        {
            var responsible = staff.Single(s => s.Name == "Ahmed Hassan");
            var course = new GroupCourse(groupActivity.Id, "Kvindehold i beboerhuset", responsible.Id, today.AddDays(-35));
            var enrolled = residents.Take(6).ToList();
            foreach (var resident in enrolled) course.Enrol(resident.Id);
            foreach (var (daysAgo, topic, came) in new[] { (28, "Rettigheder i Danmark", 4), (14, "Skole-hjem-samarbejde", 5) })
            {
                var session = course.PlanSession(today.AddDays(-daysAgo), topic);
                foreach (var resident in enrolled.Take(came)) course.SetAttendance(session.Id, resident.Id, attended: true);
                db.LogbookEntries.Add(course.HoldSession(session.Id, responsible.Id, "God snak i gruppen", today));
            }
            course.PlanSession(today.AddDays(7), "Fritidsliv for børn og unge");
            db.GroupCourses.Add(course);
        }

        // Aftercare (efterværn): only "Direkte i job" (DIJ) has it, an activity of the 2021-2024 plan, so no referral to
        // it can be recorded any more: Karim Yousef's two cases are opened directly, in 2024, after he recorded the
        // residents' consent then. They are the two youngest adults (in 2024) among his colleague Mette Lund's residents,
        // so he has nothing else with them (the first six are in Ahmed Hassan's group course). One case is still open; the
        // other closed about 100 days ago, so three monthly calls are due: the first made.
        var karim = staff.Single(s => s.Name == "Karim Yousef");
        var mette = staff.Single(s => s.Name == "Mette Lund");
        var mettes = db.Referrals.Local.Where(r => r.RecordedById == mette.Id).Select(r => r.ResidentId).ToHashSet();
        var dijConsentOn = new DateOnly(2024, 9, 23);
        var young = residents.Skip(6).Where(r => mettes.Contains(r.Id) && r.BirthDate.AgeOn(dijConsentOn) >= 18)
            .OrderByDescending(r => r.BirthDate).Take(2).ToList();
        foreach (var resident in young) resident.GiveRegistrationConsent(dijConsentOn, karim.Id, today);
        var directlyIntoWork = await db.Activities.SingleAsync(a => a.Code == "DIJ", ct);
        var openDij = Case.Open(young[0].Id, directlyIntoWork, karim.Id, dijConsentOn.AddDays(14));
        openDij.AddGoal("Få fast arbejde");
        var closedOn = today.AddDays(-100);
        var closedDij = Case.Open(young[1].Id, directlyIntoWork, karim.Id, dijConsentOn.AddDays(42));
        var job = closedDij.AddGoal("Komme i ordinært job");
        var hired = closedOn.AddDays(-21);
        closedDij.RecordOutcome(directlyIntoWork, OutcomeKind.OrdinaryJob, hired,
            departments.Single(d => d.Id == young[1].DepartmentOn(hired)).HousingAreaId, today);
        closedDij.Close(closedOn, ClosureReason.GoalsReached, new Dictionary<Guid, GoalStatus> { [job.Id] = GoalStatus.Reached }, true,
            "Fastansat som lagermedarbejder", today);
        var firstCall = closedDij.AftercareCalls.OrderBy(c => c.DueOn).First();
        db.Cases.AddRange(openDij, closedDij);
        db.LogbookEntries.AddRange(
            openDij.RecordFollowUp(LogbookEntryKind.Conversation, today.AddDays(-12), "Har været til jobsamtale", today.AddDays(18), karim.Id, today),
            closedDij.RecordAftercareCall(firstCall.Id, firstCall.DueOn, "Trives i jobbet", karim.Id, today));

        await db.SaveChangesAsync(ct);
    }

    private static string Email(string name) =>
        SearchText.Fold(name.Split(' ')[0]) + "@boligsocialt.example";
}
