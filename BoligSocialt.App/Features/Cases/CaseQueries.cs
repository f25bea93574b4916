using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Cases;

public sealed record CaseDetails(
    Guid Id,
    int Version,
    Guid ResidentId,
    string Resident,
    string Activity,
    string Responsible,
    string Status,
    bool IsOpen,
    DateOnly OpenedOn,
    int DaysOpen,
    StartMeetingView? StartMeeting,
    bool StartMeetingMissing,
    DateOnly? SharingConsentGivenOn,
    FollowUpView FollowUp,
    IReadOnlyList<StaffView> Assistants,
    IReadOnlyList<StaffView> AssistantCandidates,
    IReadOnlyList<GoalView> Goals,
    IReadOnlyList<AgreementView> Agreements,
    IReadOnlyList<OutcomeView> Outcomes,
    IReadOnlyList<Choice<OutcomeKind>> OutcomeKinds,
    IReadOnlyList<Choice<LogbookEntryKind>> FollowUpKinds,
    IReadOnlyList<Choice<ClosureReason>> ClosureReasons,
    ClosureView? Closure,
    IReadOnlyList<AftercareCallView> AftercareCalls,
    IReadOnlyList<TimelineItem> Timeline)
{
    /// <summary>
    /// The staff member already saved this note in the case on that date (as saved: trimmed): a draft of it left in the
    /// browser, when the connection dropped right after the save, must not be saved twice.
    /// </summary>
    public bool HasNote(Guid staffMemberId, DateOnly on, string note) =>
        Timeline.Any(e => e.StaffMemberId == staffMemberId && e.Date == on && e.Note == note.Trim());
}

/// <summary>The activity's start meeting: its Danish name, and when and with whom it was held (null while missing).</summary>
public sealed record StartMeetingView(StartMeetingKind Kind, string Name, DateOnly? HeldOn, string? Participants);

/// <summary>
/// The follow-up rhythm: the agreed next date (overdue when passed), and "ingen opfølgning" when nothing has been
/// recorded in the case for longer than the activity's interval.
/// </summary>
public sealed record FollowUpView(DateOnly? NextOn, bool Overdue, int DaysSinceLast, int IntervalDays, bool NoRecentFollowUp);

public sealed record StaffView(Guid Id, string Name);

public sealed record GoalView(Guid Id, string Text, GoalStatus Status);

public sealed record AgreementView(Guid Id, string Text, string Responsible, DateOnly Deadline, bool Done, bool Overdue);

public sealed record OutcomeView(string Kind, DateOnly AchievedOn);

public sealed record ClosureView(DateOnly ClosedOn, string Reason, bool ResidentAgreed, string? Note, bool MayReopen);

public sealed record AftercareCallView(Guid Id, DateOnly DueOn, AftercareCallStatus Status, DateOnly? DoneOn, string? SkipReason, bool IsDue);

public sealed record TimelineItem(DateOnly Date, string Kind, string StaffMember, string? Note, Guid StaffMemberId);

/// <summary>A value to choose in a form, with its Danish name.</summary>
public sealed record Choice<T>(T Value, string Name);

public static class GoalStatusNames
{
    public static readonly IReadOnlyList<GoalStatus> All = [GoalStatus.InProgress, GoalStatus.Reached, GoalStatus.PartlyReached, GoalStatus.NotReached];

    public static string Danish(this GoalStatus status) => status switch
    {
        GoalStatus.InProgress => "I gang",
        GoalStatus.Reached => "Nået",
        GoalStatus.PartlyReached => "Delvist nået",
        _ => "Ikke nået",
    };
}

/// <summary>Reads a case for its page, within the actor's scope; every read is audited.</summary>
public sealed class CaseQueries(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<CaseDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        // Split: five child collections joined in one query would multiply each other's rows.
        var found = await db.VisibleCases(actor).AsNoTracking().AsSplitQuery().Include(c => c.Outcomes)
            .SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        var resident = await db.Residents.AsNoTracking().Where(r => r.Id == found.ResidentId)
            .Select(r => new { r.Name, SharingConsentGivenOn = r.SharingConsent == null ? (DateOnly?)null : r.SharingConsent.GivenOn }).SingleAsync(ct);
        var activity = await db.Activities.AsNoTracking().Include(a => a.FocusArea).SingleAsync(a => a.Id == found.ActivityId, ct);
        var teamId = activity.FocusArea!.TeamId;
        var involved = found.Assistants.Select(a => a.StaffMemberId).Append(found.ResponsibleStaffId).ToList();
        var staff = await db.StaffMembers.AsNoTracking().Where(s => involved.Contains(s.Id) || (s.TeamId == teamId && s.IsActive))
            .Select(s => new { s.Id, s.Name, s.Roles, s.TeamId, s.IsActive }).ToListAsync(ct);
        var names = staff.ToDictionary(s => s.Id, s => s.Name);
        var terms = await db.CatalogTerms.AsNoTracking()
            .Where(t => t.List == CatalogList.LogbookEntryKind || t.List == CatalogList.OutcomeKind || t.List == CatalogList.ClosureReason)
            .ToDictionaryAsync(t => (t.List, t.Code), t => t.Name, ct);
        var timeline = await db.LogbookEntries.AsNoTracking().Where(e => e.CaseId == id)
            .Join(db.StaffMembers, e => e.StaffMemberId, s => s.Id, (e, s) => new { e.Id, e.Date, e.Kind, Staff = s.Name, e.Note, e.StaffMemberId })
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).ToListAsync(ct);

        db.AuditActor = actor.AuditName;
        db.Read(nameof(Case), id);
        await db.SaveChangesAsync(ct);

        var today = clock.Today();
        string Name<T>(CatalogList list, T code) where T : struct, Enum => terms.GetValueOrDefault((list, code.ToString()), code.ToString());
        var lastContact = timeline.Count > 0 ? timeline[0].Date : found.OpenedOn;
        var daysSinceLast = today.DayNumber - lastContact.DayNumber;
        return new CaseDetails(
            found.Id, found.Version, found.ResidentId, resident.Name, activity.Name, names[found.ResponsibleStaffId], found.Status.Danish(), found.IsOpen,
            found.OpenedOn, found.DaysOpen(today),
            activity.StartMeeting == StartMeetingKind.None
                ? null
                : new StartMeetingView(activity.StartMeeting, Name(CatalogList.LogbookEntryKind, StartMeetingEntryKind(activity.StartMeeting)),
                    found.StartMeetingHeldOn, found.StartMeetingParticipants),
            activity.StartMeeting != StartMeetingKind.None && found.StartMeetingHeldOn is null,
            resident.SharingConsentGivenOn,
            new FollowUpView(found.NextFollowUpOn, found.IsFollowUpOverdue(today), daysSinceLast, activity.FollowUpIntervalDays,
                found.IsOpen && daysSinceLast > activity.FollowUpIntervalDays),
            found.Assistants.Select(a => new StaffView(a.StaffMemberId, names[a.StaffMemberId])).OrderBy(s => s.Name).ToList(),
            found.IsOpen
                ? staff.Where(s => s.TeamId == teamId && s.IsActive && IsCaseworker(s.Roles) && !involved.Contains(s.Id))
                    .OrderBy(s => s.Name).Select(s => new StaffView(s.Id, s.Name)).ToList()
                : [],
            found.Goals.Select(g => new GoalView(g.Id, g.Text, g.Status)).ToList(),
            found.Agreements.OrderBy(a => a.Done).ThenBy(a => a.Deadline)
                .Select(a => new AgreementView(a.Id, a.Text, a.Responsible, a.Deadline, a.Done, !a.Done && a.Deadline < today)).ToList(),
            found.Outcomes.OrderBy(o => o.AchievedOn).Select(o => new OutcomeView(Name(CatalogList.OutcomeKind, o.Kind), o.AchievedOn)).ToList(),
            activity.AllowedOutcomeKinds.Select(k => new Choice<OutcomeKind>(k, Name(CatalogList.OutcomeKind, k))).ToList(),
            Case.FollowUpKinds.Select(k => new Choice<LogbookEntryKind>(k, Name(CatalogList.LogbookEntryKind, k))).ToList(),
            Enum.GetValues<ClosureReason>().Select(r => new Choice<ClosureReason>(r, Name(CatalogList.ClosureReason, r))).ToList(),
            found.Closure is { } closure
                ? new ClosureView(closure.ClosedOn, Name(CatalogList.ClosureReason, closure.Reason), closure.ResidentAgreed, closure.Note,
                    found.MayReopen(today))
                : null,
            found.AftercareCalls.OrderBy(c => c.DueOn)
                .Select(c => new AftercareCallView(c.Id, c.DueOn, c.Status, c.DoneOn, c.SkipReason, c.Status == AftercareCallStatus.Pending && c.DueOn <= today))
                .ToList(),
            timeline.Select(e => new TimelineItem(e.Date, Name(CatalogList.LogbookEntryKind, e.Kind), e.Staff, e.Note, e.StaffMemberId)).ToList());
    }

    private static bool IsCaseworker(StaffRoles roles) => (roles & (StaffRoles.Mentor | StaffRoles.Counsellor)) != 0;

    private static LogbookEntryKind StartMeetingEntryKind(StartMeetingKind kind) =>
        kind == StartMeetingKind.ThreePartyMeeting ? LogbookEntryKind.ThreePartyMeeting : LogbookEntryKind.NetworkMeeting;
}
