using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Cases;

public sealed record CaseDetails(
    Guid Id,
    Guid ResidentId,
    string Resident,
    string Activity,
    string Responsible,
    string Status,
    DateOnly OpenedOn,
    int DaysOpen,
    bool StartMeetingMissing,
    DateOnly? SharingConsentGivenOn,
    IReadOnlyList<GoalView> Goals,
    IReadOnlyList<OutcomeView> Outcomes,
    IReadOnlyList<TimelineItem> Timeline);

public sealed record GoalView(string Text, GoalStatus Status);

public sealed record OutcomeView(string Kind, DateOnly AchievedOn);

public sealed record TimelineItem(DateOnly Date, string Kind, string StaffMember, string? Note);

/// <summary>Reads a case for its page, within the actor's scope; every read is audited.</summary>
public sealed class CaseQueries(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<CaseDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.VisibleCases(actor).AsNoTracking().Include(c => c.Goals).Include(c => c.Outcomes)
            .SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        var resident = await db.Residents.AsNoTracking().Where(r => r.Id == found.ResidentId)
            .Select(r => new { r.Name, SharingConsentGivenOn = r.SharingConsent == null ? (DateOnly?)null : r.SharingConsent.GivenOn }).SingleAsync(ct);
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == found.ActivityId, ct);
        var responsible = await db.StaffMembers.AsNoTracking().Where(s => s.Id == found.ResponsibleStaffId).Select(s => s.Name).SingleAsync(ct);
        var terms = await db.CatalogTerms.AsNoTracking()
            .Where(t => t.List == CatalogList.LogbookEntryKind || t.List == CatalogList.OutcomeKind)
            .ToDictionaryAsync(t => (t.List, t.Code), t => t.Name, ct);
        var timeline = await db.LogbookEntries.AsNoTracking().Where(e => e.CaseId == id)
            .Join(db.StaffMembers, e => e.StaffMemberId, s => s.Id, (e, s) => new { e.Date, e.Kind, Staff = s.Name, e.Note })
            .OrderByDescending(e => e.Date).ToListAsync(ct);

        db.AuditActor = actor.AuditName;
        db.Read(nameof(Case), id);
        await db.SaveChangesAsync(ct);

        var today = clock.Today();
        return new CaseDetails(
            found.Id, found.ResidentId, resident.Name, activity.Name, responsible, found.Status.Danish(), found.OpenedOn, found.DaysOpen(today),
            activity.StartMeeting != StartMeetingKind.None && found.StartMeetingHeldOn is null,
            resident.SharingConsentGivenOn,
            found.Goals.Select(g => new GoalView(g.Text, g.Status)).ToList(),
            found.Outcomes.OrderBy(o => o.AchievedOn).Select(o => new OutcomeView(terms.GetValueOrDefault((CatalogList.OutcomeKind, o.Kind.ToString()), o.Kind.ToString()), o.AchievedOn)).ToList(),
            timeline.Select(e => new TimelineItem(e.Date, terms.GetValueOrDefault((CatalogList.LogbookEntryKind, e.Kind.ToString()), e.Kind.ToString()), e.Staff, e.Note)).ToList());
    }
}
