using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Referrals;

/// <summary>
/// Referrals: intake (with the consent gate and the duplicate warning), the referral's page, allocation by a leader,
/// and the allocated staff member's accept or decline. Every step is checked against the actor here, not in the page.
/// </summary>
public sealed class ReferralService(
    IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock, ReferralEvents events)
{
    private DateOnly Today => clock.Today();

    public async Task<IReadOnlyList<SourceOption>> SourcesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var terms = await db.CatalogTerms.AsNoTracking().Where(t => t.List == CatalogList.ReferralSource).ToListAsync(ct);
        // The professionals first, in the catalogue's order; self-referral, outreach and "other" last.
        string[] last = [Referral.SelfReferralSource, Referral.OutreachSource, "Other"];
        return terms.OrderBy(t => Array.IndexOf(last, t.Code)).ThenBy(t => t.Id)
            .Select(t => new SourceOption(t.Code, t.Name)).ToList();
    }

    public async Task<IReadOnlyList<DeclineReasonOption>> DeclineReasonsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var terms = await db.CatalogTerms.AsNoTracking().Where(t => t.List == CatalogList.ReferralDeclineReason).OrderBy(t => t.Id).ToListAsync(ct);
        return terms.Select(t => new DeclineReasonOption(Enum.Parse<ReferralDeclineReason>(t.Code), t.Name)).ToList();
    }

    /// <summary>
    /// The activities a referral received on a date can go to: active, of the plan in force on that date.
    /// Those that usually take referrals from the source come first.
    /// </summary>
    public async Task<IReadOnlyList<ActivityOption>> ActivitiesAsync(DateOnly receivedOn, string? source, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.IsActive && a.PlanPeriod!.Start <= receivedOn && a.PlanPeriod.End >= receivedOn)
            .Select(a => new { a.Id, a.Name, Team = a.FocusArea!.Team!.Name, a.FocusArea.TeamId, a.ReferredBy, a.AcceptsSelfReferral, a.AcceptsOutreach })
            .ToListAsync(ct);
        return activities
            .Select(a => new ActivityOption(a.Id, a.Name, a.Team,
                source switch
                {
                    null => false,
                    Referral.SelfReferralSource => a.AcceptsSelfReferral,
                    Referral.OutreachSource => a.AcceptsOutreach,
                    _ => a.ReferredBy.Contains(source),
                },
                actor.IsCaseworker && a.TeamId == actor.TeamId))
            .OrderByDescending(a => a.Suggested).ThenBy(a => a.Name, DanishOrder.Names)
            .ToList();
    }

    /// <summary>The resident chosen at intake, with their consents: an audited read of any resident of the organisation.</summary>
    public async Task<ResidentChoice> ResidentChoiceAsync(Guid residentId, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var resident = await db.Residents.AsNoTracking().SingleOrDefaultAsync(r => r.Id == residentId && r.MergedIntoId == null, ct)
            ?? throw new NotFoundException();
        db.AuditActor = actor.AuditName;
        db.Read(nameof(Resident), residentId);
        await db.SaveChangesAsync(ct);
        return (await ChoicesAsync(db, [resident], ct)).Single();
    }

    /// <summary>
    /// Residents who may be the same person as a new one: the same birth date and a name word in common,
    /// or the same name. Shown as the duplicate warning before a new resident is created.
    /// </summary>
    public async Task<IReadOnlyList<ResidentChoice>> PossibleDuplicatesAsync(string name, DateOnly birthDate, CancellationToken ct = default)
    {
        await RequireCaseWorkAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ChoicesAsync(db, await PossibleDuplicatesAsync(db, name, birthDate, ct), ct);
    }

    private static async Task<List<Resident>> PossibleDuplicatesAsync(AppDbContext db, string name, DateOnly birthDate, CancellationToken ct)
    {
        var folded = SearchText.Fold(name);
        var words = SearchText.Tokens(name).Where(w => w.Length >= 2).ToList();
        var sameBirthDate = await db.Residents.AsNoTracking()
            .Where(r => r.MergedIntoId == null && (r.BirthDate == birthDate || r.SearchName == folded))
            .Take(200).ToListAsync(ct);
        return sameBirthDate
            .Where(r => r.SearchName == folded || SearchText.Tokens(r.SearchName).Intersect(words).Any())
            .OrderBy(r => r.SearchName).Take(10).ToList();
    }

    private async Task<IReadOnlyList<ResidentChoice>> ChoicesAsync(AppDbContext db, IReadOnlyList<Resident> residents, CancellationToken ct)
    {
        var today = Today;
        var departmentIds = residents.Select(r => r.DepartmentOn(today)).OfType<int>().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, Area = d.HousingArea!.Name }).ToDictionaryAsync(d => d.Id, ct);
        var recorders = residents.SelectMany(r => new[] { r.RegistrationConsent?.RecordedById, r.SharingConsent?.RecordedById }).OfType<Guid>().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => recorders.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        ConsentView? View(Consent? c) => c is null ? null : new ConsentView(c.GivenOn, names.GetValueOrDefault(c.RecordedById, "ukendt"));
        return residents.Select(r =>
        {
            var department = r.DepartmentOn(today) is { } id ? departments[id] : null;
            return new ResidentChoice(r.Id, r.Name, r.BirthDate, department?.Name, department?.Area, View(r.RegistrationConsent), View(r.SharingConsent));
        }).ToList();
    }

    /// <summary>
    /// Saves the intake in one transaction: the new resident (unless they resemble existing ones and the user has not
    /// confirmed), the consents, the referral, and the allocation to the recorder when they asked for it.
    /// </summary>
    public async Task<IntakeResult> RecordAsync(IntakeForm form, CancellationToken ct = default)
    {
        var actor = await RequireCaseWorkAsync();
        var today = Today;
        await using var db = await factory.CreateDbContextAsync(ct);

        var receivedOn = DateOnly.FromDateTime(form.ReceivedOn ?? throw new DomainException("Angiv hvornår henvisningen kom."));
        if (!await db.CatalogTerms.AnyAsync(t => t.List == CatalogList.ReferralSource && t.Code == form.Source, ct))
            throw new DomainException("Vælg hvem der henviser (kilde) fra listen.");
        var activity = await db.Activities.Include(a => a.PlanPeriod).Include(a => a.FocusArea)
            .SingleOrDefaultAsync(a => a.Id == form.ActivityId, ct) ?? throw new DomainException("Vælg en aktivitet fra listen.");

        Resident resident;
        if (form.NewResident)
        {
            var name = form.NewResidentName ?? "";
            var birthDate = DateOnly.FromDateTime(form.NewResidentBirthDate ?? throw new DomainException("Angiv beboerens fødselsdato."));
            if (!form.ConfirmedNewResident && await PossibleDuplicatesAsync(db, name, birthDate, ct) is { Count: > 0 } candidates)
                return new IntakeResult.PossibleDuplicates(await ChoicesAsync(db, candidates, ct));
            if (form.NewResidentDepartmentId is not { } departmentId || !await db.Departments.AnyAsync(d => d.Id == departmentId, ct))
                throw new DomainException("Vælg beboerens boligafdeling fra listen.");
            resident = new Resident(name, birthDate, form.NewResidentPhone, actor.StaffMemberId, clock.GetUtcNow());
            // Where they live from is not asked at intake: the referral's date is the earliest the organisation knows of.
            resident.MoveTo(departmentId, receivedOn);
            db.Residents.Add(resident);
        }
        else
        {
            resident = await db.Residents.SingleOrDefaultAsync(r => r.Id == form.ResidentId && r.MergedIntoId == null, ct)
                ?? throw new DomainException("Vælg beboeren, eller opret en ny beboer.");
        }

        if (resident.RegistrationConsent is null && form.RegistrationConsent && form.RegistrationConsentOn is { } consentOn)
            resident.GiveRegistrationConsent(DateOnly.FromDateTime(consentOn), actor.StaffMemberId, today);
        if (resident.SharingConsent is null && form.SharingConsent && form.SharingConsentOn is { } sharingOn)
            resident.GiveSharingConsent(DateOnly.FromDateTime(sharingOn), actor.StaffMemberId, today);

        var referral = new Referral(resident, activity, form.Source!, form.ReferrerName, form.ReferrerOrganisation,
            form.Reason ?? "", receivedOn, actor.StaffMemberId, today);
        if (form.AllocateToMe)
        {
            if (!actor.IsCaseworker || activity.FocusArea!.TeamId != actor.TeamId)
                throw new DomainException("Du kan kun tage en henvisning selv, når aktiviteten hører til dit eget team.");
            referral.AllocateTo(actor.StaffMemberId, today);
        }
        db.Referrals.Add(referral);
        var change = new ReferralChange(referral.Id, activity.FocusArea!.TeamId, referral.AllocatedToId);
        events.Record(db, change);
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
        events.Publish(change);
        return new IntakeResult.Saved(referral.Id, resident.Id);
    }

    /// <summary>The referral's page, in the actor's scope. Audited.</summary>
    public async Task<ReferralDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var referral = await db.VisibleReferrals(actor).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException();
        var resident = await db.Residents.AsNoTracking().Where(r => r.Id == referral.ResidentId).Select(r => new { r.Name, r.BirthDate }).SingleAsync(ct);
        var activity = await db.Activities.AsNoTracking().Where(a => a.Id == referral.ActivityId)
            .Select(a => new { a.Name, a.FocusArea!.TeamId }).SingleAsync(ct);
        var source = await db.CatalogTerms.AsNoTracking().Where(t => t.List == CatalogList.ReferralSource && t.Code == referral.Source)
            .Select(t => t.Name).SingleOrDefaultAsync(ct) ?? referral.Source;
        var allocatedTo = referral.AllocatedToId is { } staffId
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.Name).SingleAsync(ct)
            : null;
        var declineReason = referral.DeclineReason is { } reason
            ? await db.CatalogTerms.AsNoTracking().Where(t => t.List == CatalogList.ReferralDeclineReason && t.Code == reason.ToString())
                .Select(t => t.Name).SingleOrDefaultAsync(ct)
            : null;

        db.AuditActor = actor.AuditName;
        db.Read(nameof(Referral), id);
        await db.SaveChangesAsync(ct);

        return new ReferralDetails(referral.Id, referral.ResidentId, resident.Name, resident.BirthDate, referral.ActivityId, activity.Name,
            source, referral.ReferrerName, referral.ReferrerOrganisation, referral.Reason, referral.ReceivedOn, referral.Status,
            allocatedTo, referral.AllocatedOn, referral.DecidedOn, declineReason, referral.DeclineNote, referral.CaseId, referral.Version,
            MayAllocate: actor.IsLeader && activity.TeamId == actor.TeamId && referral.Status is ReferralStatus.Received or ReferralStatus.Declined,
            MayDecide: referral.Status == ReferralStatus.Allocated && referral.AllocatedToId == actor.StaffMemberId);
    }

    /// <summary>The staff a leader can allocate to: active mentors and counsellors of their team.</summary>
    public async Task<IReadOnlyList<StaffOption>> AllocatableStaffAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        if (!actor.IsLeader) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.TeamId == actor.TeamId && s.IsActive).ToListAsync(ct);
        return staff.Where(IsCaseworker).OrderBy(s => s.Name).Select(s => new StaffOption(s.Id, s.Name)).ToList();
    }

    /// <summary>
    /// A leader allocates a waiting (or declined) referral of their team to a staff member of their team.
    /// <paramref name="expectedVersion"/> is the version the leader saw: when someone else got there first,
    /// nothing changes and the message says what happened, in Danish.
    /// </summary>
    public async Task AllocateAsync(Guid referralId, Guid staffMemberId, int expectedVersion, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        if (!actor.IsLeader) throw new NotFoundException();
        await using var db = await factory.CreateDbContextAsync(ct);
        var referral = await db.VisibleReferrals(actor).SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw new NotFoundException();
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffMemberId, ct);
        if (staff is null || staff.TeamId != actor.TeamId || !staff.IsActive || !IsCaseworker(staff))
            throw new DomainException("Henvisningen kan kun fordeles til en aktiv mentor eller rådgiver i dit team.");
        if (referral.Version != expectedVersion) throw await ChangedMeanwhileAsync(referralId, ct);

        referral.AllocateTo(staffMemberId, Today);
        var change = new ReferralChange(referralId, actor.TeamId!.Value, staffMemberId);
        events.Record(db, change);
        db.AuditActor = actor.AuditName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await ChangedMeanwhileAsync(referralId, ct);
        }
        events.Publish(change);
    }

    /// <summary>The allocated staff member accepts: a case opens with them as responsible. Returns the case's id.</summary>
    public async Task<Guid> AcceptAsync(Guid referralId, int expectedVersion, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var referral = await LoadForDecisionAsync(db, actor, referralId, expectedVersion, ct);
        var activity = await db.Activities.Include(a => a.FocusArea).SingleAsync(a => a.Id == referral.ActivityId, ct);
        if (await db.Cases.AnyAsync(c => c.ResidentId == referral.ResidentId && c.ActivityId == referral.ActivityId && c.Status != CaseStatus.Closed, ct))
            throw new DomainException($"Beboeren har allerede et åbent forløb i {activity.Name}. Afvis henvisningen, eller afslut det andet forløb først.");
        var opened = referral.Accept(activity, Today);
        db.Cases.Add(opened);
        await SaveDecisionAsync(db, actor, referral, activity.FocusArea!.TeamId, ct);
        return opened.Id;
    }

    /// <summary>The allocated staff member declines, with a reason from the catalogue and a note; the referral is kept.</summary>
    public async Task DeclineAsync(Guid referralId, int expectedVersion, ReferralDeclineReason? reason, string? note, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var referral = await LoadForDecisionAsync(db, actor, referralId, expectedVersion, ct);
        referral.Decline(reason ?? throw new DomainException("Vælg en årsag til afvisningen."), note ?? "", Today);
        var teamId = await db.Activities.Where(a => a.Id == referral.ActivityId).Select(a => a.FocusArea!.TeamId).SingleAsync(ct);
        await SaveDecisionAsync(db, actor, referral, teamId, ct);
    }

    /// <summary>Only the staff member the referral is allocated to decides, and only on what they saw.</summary>
    private async Task<Referral> LoadForDecisionAsync(AppDbContext db, Actor actor, Guid referralId, int expectedVersion, CancellationToken ct)
    {
        var referral = await db.VisibleReferrals(actor).SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw new NotFoundException();
        if (referral.Version != expectedVersion) throw await ChangedMeanwhileAsync(referralId, ct);
        if (referral.Status != ReferralStatus.Allocated || referral.AllocatedToId != actor.StaffMemberId)
            throw new DomainException("Kun den medarbejder, henvisningen er fordelt til, kan acceptere eller afvise den.");
        return referral;
    }

    private async Task SaveDecisionAsync(AppDbContext db, Actor actor, Referral referral, int teamId, CancellationToken ct)
    {
        var change = new ReferralChange(referral.Id, teamId, referral.AllocatedToId);
        events.Record(db, change);
        db.AuditActor = actor.AuditName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await ChangedMeanwhileAsync(referral.Id, ct);
        }
        events.Publish(change);
    }

    /// <summary>Someone else changed the referral first: say, in Danish, what it is now.</summary>
    private async Task<DomainException> ChangedMeanwhileAsync(Guid referralId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = await db.Referrals.AsNoTracking().Where(r => r.Id == referralId)
            .Select(r => new { r.Status, AllocatedTo = db.StaffMembers.Where(s => s.Id == r.AllocatedToId).Select(s => s.Name).FirstOrDefault() })
            .SingleAsync(ct);
        return new DomainException(now.Status switch
        {
            ReferralStatus.Allocated => $"Henvisningen er lige blevet fordelt til {now.AllocatedTo}.",
            ReferralStatus.Accepted => $"Henvisningen er allerede accepteret af {now.AllocatedTo}.",
            ReferralStatus.Declined => $"Henvisningen er lige blevet afvist af {now.AllocatedTo} og venter på en ny fordeling.",
            _ => "Henvisningen er lige blevet ændret af en anden. Siden er opdateret.",
        });
    }

    private static bool IsCaseworker(StaffMember s) => (s.Roles & (StaffRoles.Mentor | StaffRoles.Counsellor)) != 0;

    private async Task<Actor> RequireCaseWorkAsync()
    {
        var actor = await currentUser.GetAsync();
        return actor.MayReadPersonalData ? actor : throw new NotFoundException();
    }
}
