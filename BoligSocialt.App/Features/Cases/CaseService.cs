using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Cases;

/// <summary>
/// The work recorded in a case: start meeting, follow-ups, goals, agreements, outcomes, closure, reopening, aftercare
/// and assisting staff. Whoever sees the case may change it (the responsible staff member, assistants, the team's
/// leaders); anyone else gets <see cref="NotFoundException"/>. Every command takes the version the user saw: when the
/// case changed meanwhile, nothing is saved and the Danish message says who changed it.
/// </summary>
public sealed class CaseService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public Task RecordStartMeetingAsync(Guid caseId, int expectedVersion, DateOnly? heldOn, string? jobCounsellorName, string? jobCentre,
        IReadOnlyList<string> participants, IReadOnlyList<string> goals, string? note, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, async (db, found, actor) =>
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == found.ActivityId, ct);
            var meeting = new StartMeeting(heldOn ?? throw new DomainException("Angiv datoen for startmødet."),
                jobCounsellorName, jobCentre, participants, note);
            db.LogbookEntries.Add(found.RecordStartMeeting(activity, meeting, goals, actor.StaffMemberId, clock.Today()));
        }, ct);

    public Task RecordFollowUpAsync(Guid caseId, int expectedVersion, LogbookEntryKind? kind, DateOnly? on, string? note, DateOnly? nextFollowUpOn,
        CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (db, found, actor) =>
        {
            db.LogbookEntries.Add(found.RecordFollowUp(kind ?? throw new DomainException("Vælg en slags opfølgning fra listen."),
                on ?? throw new DomainException("Angiv datoen for opfølgningen."), note, nextFollowUpOn, actor.StaffMemberId, clock.Today()));
            return Task.CompletedTask;
        }, ct);

    public Task AddGoalAsync(Guid caseId, int expectedVersion, string? text, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (_, found, _) =>
        {
            found.AddGoal(text ?? "");
            return Task.CompletedTask;
        }, ct);

    public Task SetGoalStatusAsync(Guid caseId, int expectedVersion, Guid goalId, GoalStatus status, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (_, found, _) =>
        {
            found.SetGoalStatus(goalId, status);
            return Task.CompletedTask;
        }, ct);

    public Task AddAgreementAsync(Guid caseId, int expectedVersion, string? text, string? responsible, DateOnly? deadline, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (_, found, _) =>
        {
            found.AddAgreement(text ?? "", responsible ?? "", deadline ?? throw new DomainException("Angiv en frist for aftalen."));
            return Task.CompletedTask;
        }, ct);

    public Task CompleteAgreementAsync(Guid caseId, int expectedVersion, Guid agreementId, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (_, found, _) =>
        {
            found.CompleteAgreement(agreementId);
            return Task.CompletedTask;
        }, ct);

    /// <summary>An outcome, with the housing area the resident lived in on its date (a later move does not change it).</summary>
    public Task RecordOutcomeAsync(Guid caseId, int expectedVersion, OutcomeKind? kind, DateOnly? achievedOn, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, async (db, found, _) =>
        {
            var outcomeKind = kind ?? throw new DomainException("Vælg hvilket resultat beboeren har opnået.");
            var date = achievedOn ?? throw new DomainException("Angiv datoen for resultatet.");
            var activity = await db.Activities.SingleAsync(a => a.Id == found.ActivityId, ct);
            var resident = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == found.ResidentId, ct);
            var departmentId = resident.DepartmentOn(date)
                ?? throw new DomainException($"Beboeren boede ikke i en boligafdeling den {date.ToDanish()}. Ret beboerens boligoplysninger først.");
            var housingAreaId = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.HousingAreaId).SingleAsync(ct);
            found.RecordOutcome(activity, outcomeKind, date, housingAreaId, clock.Today());
        }, ct);

    /// <summary>
    /// Closes the case with a status for every goal (a goal without one is missing, so the domain refuses the closure).
    /// An activity with aftercare gets its monthly calls from the closure date.
    /// </summary>
    public Task CloseAsync(Guid caseId, int expectedVersion, DateOnly? closedOn, ClosureReason? reason,
        IReadOnlyDictionary<Guid, GoalStatus?> goalStatuses, bool residentAgreed, string? note, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (_, found, _) =>
        {
            var statuses = goalStatuses.Where(g => g.Value is not null).ToDictionary(g => g.Key, g => g.Value!.Value);
            found.Close(closedOn ?? throw new DomainException("Angiv datoen for afslutningen."),
                reason ?? throw new DomainException("Vælg en årsag til afslutningen."), statuses, residentAgreed, note, clock.Today());
            return Task.CompletedTask;
        }, ct);

    /// <summary>Reopens a closed case today; more than 90 days after closure the domain asks for a new referral.</summary>
    public Task ReopenAsync(Guid caseId, int expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (_, found, _) =>
        {
            found.Reopen(clock.Today());
            return Task.CompletedTask;
        }, ct);

    public Task RecordAftercareCallAsync(Guid caseId, int expectedVersion, Guid callId, DateOnly? on, string? note, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (db, found, actor) =>
        {
            db.LogbookEntries.Add(found.RecordAftercareCall(callId, on ?? throw new DomainException("Angiv datoen for opkaldet."),
                note, actor.StaffMemberId, clock.Today()));
            return Task.CompletedTask;
        }, ct);

    public Task SkipAftercareCallAsync(Guid caseId, int expectedVersion, Guid callId, string? reason, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (_, found, _) =>
        {
            found.SkipAftercareCall(callId, reason ?? "");
            return Task.CompletedTask;
        }, ct);

    /// <summary>A colleague assists in the case: an active mentor or counsellor of the activity's team.</summary>
    public Task AddAssistantAsync(Guid caseId, int expectedVersion, Guid staffMemberId, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, async (db, found, _) =>
        {
            var teamId = await db.Activities.Where(a => a.Id == found.ActivityId).Select(a => a.FocusArea!.TeamId).SingleAsync(ct);
            var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffMemberId, ct);
            if (staff is null || !staff.IsActive || staff.TeamId != teamId || (staff.Roles & (StaffRoles.Mentor | StaffRoles.Counsellor)) == 0)
                throw new DomainException("Vælg en aktiv mentor eller rådgiver fra aktivitetens team.");
            found.AddAssistant(staffMemberId);
        }, ct);

    public Task RemoveAssistantAsync(Guid caseId, int expectedVersion, Guid staffMemberId, CancellationToken ct = default) =>
        ChangeAsync(caseId, expectedVersion, (_, found, _) =>
        {
            found.RemoveAssistant(staffMemberId);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Loads the case in the actor's scope, applies one change on the version the user saw and saves it with its audit
    /// rows. The version is checked twice: on load (someone saved before), and by EF's concurrency token on save
    /// (someone saved in between).
    /// </summary>
    private async Task ChangeAsync(Guid caseId, int expectedVersion, Func<AppDbContext, Case, Actor, Task> change, CancellationToken ct)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.VisibleCases(actor).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new NotFoundException();
        if (found.Version != expectedVersion) throw await ChangedMeanwhileAsync(caseId, ct);
        await change(db, found, actor);
        db.AuditActor = actor.AuditName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await ChangedMeanwhileAsync(caseId, ct);
        }
    }

    /// <summary>Someone else saved the case first: say who, in Danish, and that what the user typed is still there.</summary>
    private async Task<DomainException> ChangedMeanwhileAsync(Guid caseId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var status = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync(ct);
        // The audit log knows who saved last; it holds the staff member's id, never a name.
        var lastActor = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Case) && a.EntityId == caseId.ToString() && a.Action != AuditAction.Read)
            .OrderByDescending(a => a.Id).Select(a => a.Actor).FirstOrDefaultAsync(ct);
        var who = Guid.TryParse(lastActor, out var staffId)
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.Name).SingleOrDefaultAsync(ct)
            : null;
        var what = status == CaseStatus.Closed
            ? $"Forløbet er lige blevet ændret af {who ?? "en anden"}, og det er nu afsluttet."
            : $"Forløbet er lige blevet ændret af {who ?? "en anden"}.";
        return new DomainException($"{what} Siden viser nu ændringen. Det, du skrev, er ikke gemt, men står der stadig, så du kan gemme igen.");
    }
}
