using System.Globalization;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Residents;

/// <summary>Residents: search, read (audited), create and edit, always within the actor's scope.</summary>
public sealed class ResidentService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public const int MaxSearchResults = 50;
    /// <summary>Searching the whole organisation needs a few letters: a single one would list everybody.</summary>
    public const int MinOrganisationQueryLength = 2;

    private static readonly string[] DateFormats = ["dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "ddMMyyyy"];

    private DateOnly Today => clock.Today();

    public async Task<IReadOnlyList<DepartmentOption>> DepartmentsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking()
            .OrderBy(d => d.HousingArea!.Name).ThenBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Name, d.HousingArea!.Name))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Search by name, birth date (dd-MM-yyyy), birth year or department; every word must match.
    /// Case and diacritics are ignored, and "aa" finds "å".
    /// </summary>
    /// <param name="scope">
    /// The actor's own residents, or (at intake, to find a person before creating them again) every resident of the
    /// organisation: then only name, birth date and department are shown, and nothing is opened.
    /// </param>
    public async Task<IReadOnlyList<ResidentListItem>> SearchAsync(string? query, int? departmentId = null,
        ResidentSearchScope scope = ResidentSearchScope.Visible, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        if (!actor.MayReadPersonalData) return [];
        if (scope == ResidentSearchScope.Organisation && SearchText.Fold(query).Length < MinOrganisationQueryLength) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = Today;
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name, Area = d.HousingArea!.Name }).ToListAsync(ct);

        var inScope = scope == ResidentSearchScope.Organisation ? db.Residents.Where(r => r.MergedIntoId == null) : db.VisibleResidents(actor);
        var residents = inScope.AsNoTracking()
            .Select(r => new
            {
                r.Id,
                r.Name,
                r.SearchName,
                r.BirthDate,
                DepartmentId = r.Residences.Where(x => x.From <= today).OrderByDescending(x => x.From).Select(x => (int?)x.DepartmentId).FirstOrDefault(),
            });
        if (departmentId is { } chosen) residents = residents.Where(r => r.DepartmentId == chosen);
        foreach (var token in SearchText.Tokens(query))
        {
            if (DateOnly.TryParseExact(token, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                residents = residents.Where(r => r.BirthDate == date);
                continue;
            }
            if (token.Length == 4 && int.TryParse(token, CultureInfo.InvariantCulture, out var year) && year is > 1900 and < 2100)
            {
                residents = residents.Where(r => r.BirthDate.Year == year);
                continue;
            }
            var word = token;
            var inDepartments = departments.Where(d => SearchText.Fold(d.Name).Contains(word, StringComparison.Ordinal)).Select(d => (int?)d.Id).ToList();
            residents = residents.Where(r => r.SearchName.Contains(word) || inDepartments.Contains(r.DepartmentId));
        }

        var found = await residents.OrderBy(r => r.SearchName).Take(MaxSearchResults).ToListAsync(ct);
        var byId = departments.ToDictionary(d => d.Id);
        return found.OrderBy(r => r.Name, DanishOrder.Names).Select(r =>
        {
            var department = r.DepartmentId is { } id ? byId[id] : null;
            return new ResidentListItem(r.Id, r.Name, r.BirthDate, department?.Name, department?.Area);
        }).ToList();
    }

    /// <summary>The resident's page. Out of scope and non-existent look the same: <see cref="NotFoundException"/>. Audited.</summary>
    public async Task<ResidentDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var resident = await ReadAsync(db, actor, id, ct);
        var current = resident.ResidenceOn(Today);
        var departmentIds = resident.Residences.Select(r => r.DepartmentId).ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, Area = d.HousingArea!.Name }).ToDictionaryAsync(d => d.Id, ct);
        var consentBy = new[] { resident.RegistrationConsent?.RecordedById, resident.SharingConsent?.RecordedById }.OfType<Guid>().ToList();
        var staffNames = await db.StaffMembers.AsNoTracking().Where(s => consentBy.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);

        var cases = await db.VisibleCases(actor).AsNoTracking().Where(c => c.ResidentId == id)
            .Join(db.Activities, c => c.ActivityId, a => a.Id, (c, a) => new { c.Id, Activity = a.Name, c.Status, c.OpenedOn, c.ResponsibleStaffId })
            .Join(db.StaffMembers, x => x.ResponsibleStaffId, s => s.Id, (x, s) => new { x.Id, x.Activity, x.Status, x.OpenedOn, Responsible = s.Name })
            .OrderByDescending(x => x.OpenedOn).ToListAsync(ct);
        var referrals = await db.VisibleReferrals(actor).AsNoTracking().Where(r => r.ResidentId == id)
            .Join(db.Activities, r => r.ActivityId, a => a.Id, (r, a) => new { r.Id, Activity = a.Name, r.Status, r.ReceivedOn })
            .OrderByDescending(x => x.ReceivedOn).ToListAsync(ct);

        ConsentView? Consent(Consent? c) => c is null ? null : new ConsentView(c.GivenOn, staffNames.GetValueOrDefault(c.RecordedById, "ukendt"));
        return new ResidentDetails(
            resident.Id, resident.Name, resident.BirthDate, resident.Phone,
            Consent(resident.RegistrationConsent), Consent(resident.SharingConsent),
            resident.Residences.OrderByDescending(r => r.From)
                .Select(r => new ResidenceView(r.From, r.DepartmentId, departments[r.DepartmentId].Name, departments[r.DepartmentId].Area, r == current))
                .ToList(),
            cases.Select(c => new ResidentCaseItem(c.Id, c.Activity, c.Status.Danish(), c.OpenedOn, c.Responsible)).ToList(),
            referrals.Select(r => new ResidentReferralItem(r.Id, r.Activity, r.Status.Danish(), r.ReceivedOn)).ToList(),
            await AnonymisedAsync(db, resident, ct));
    }

    private static async Task<AnonymisedView?> AnonymisedAsync(AppDbContext db, Resident resident, CancellationToken ct)
    {
        if (resident.AnonymisedAt is not { } at) return null;
        var areas = await db.HousingAreas.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return new AnonymisedView(DateOnly.FromDateTime(at.Date), resident.BirthDate.Year,
            resident.AreaHistory.OrderByDescending(a => a.From).Select(a => new AreaResidenceView(a.From, areas[a.HousingAreaId])).ToList());
    }

    /// <summary>The form for editing a resident, filled from the record (an audited read).</summary>
    public async Task<ResidentForm> EditFormAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var resident = await ReadAsync(db, actor, id, ct);
        var current = resident.ResidenceOn(Today);
        return new ResidentForm
        {
            Name = resident.Name,
            BirthDate = resident.BirthDate.ToDateTime(TimeOnly.MinValue),
            Phone = resident.Phone,
            DepartmentId = current?.DepartmentId,
            LivesThereFrom = current?.From.ToDateTime(TimeOnly.MinValue),
            RegistrationConsent = resident.RegistrationConsent is not null,
            RegistrationConsentOn = resident.RegistrationConsent?.GivenOn.ToDateTime(TimeOnly.MinValue),
            SharingConsent = resident.SharingConsent is not null,
            SharingConsentOn = resident.SharingConsent?.GivenOn.ToDateTime(TimeOnly.MinValue),
        };
    }

    /// <summary>Loads a resident in the actor's scope and records the read in the audit log.</summary>
    private static async Task<Resident> ReadAsync(AppDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var resident = await db.VisibleResidents(actor).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException();
        db.AuditActor = actor.AuditName;
        db.Read(nameof(Resident), id);
        await db.SaveChangesAsync(ct);
        return resident;
    }

    public async Task<Guid> CreateAsync(ResidentForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        if (!actor.MayReadPersonalData) throw new NotFoundException();
        FormCheck.Validate(form);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureDepartmentExistsAsync(db, form.DepartmentId, ct);
        var resident = new Resident(form.Name!, DateOnly.FromDateTime(form.BirthDate!.Value), form.Phone, actor.StaffMemberId, clock.GetUtcNow());
        resident.MoveTo(form.DepartmentId!.Value, DateOnly.FromDateTime(form.LivesThereFrom!.Value));
        ApplyConsents(resident, form, actor);
        db.Residents.Add(resident);
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
        return resident.Id;
    }

    public async Task UpdateAsync(Guid id, ResidentForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var resident = await db.VisibleResidents(actor).SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException();
        FormCheck.Validate(form);
        await EnsureDepartmentExistsAsync(db, form.DepartmentId, ct);
        resident.UpdateDetails(form.Name!, DateOnly.FromDateTime(form.BirthDate!.Value), form.Phone, Today);
        var from = DateOnly.FromDateTime(form.LivesThereFrom!.Value);
        // The same department with another date corrects the date; another department is a move.
        var latest = resident.Residences.MaxBy(r => r.From);
        if (latest is null || latest.DepartmentId != form.DepartmentId) resident.MoveTo(form.DepartmentId!.Value, from);
        else if (latest.From != from) resident.CorrectLatestMoveDate(from);
        ApplyConsents(resident, form, actor);
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
    }

    private void ApplyConsents(Resident resident, ResidentForm form, Actor actor)
    {
        if (form.RegistrationConsent)
        {
            var on = DateOnly.FromDateTime(form.RegistrationConsentOn ?? throw new DomainException("Angiv datoen for samtykke til registrering."));
            if (resident.RegistrationConsent?.GivenOn != on) resident.GiveRegistrationConsent(on, actor.StaffMemberId, Today);
        }
        else if (resident.RegistrationConsent is not null)
        {
            throw new DomainException("Samtykke til registrering kan ikke fjernes her: en beboer uden samtykke skal slettes efter reglerne for sletning.");
        }

        if (form.SharingConsent)
        {
            var on = DateOnly.FromDateTime(form.SharingConsentOn ?? throw new DomainException("Angiv datoen for samtykke til deling med jobrådgiveren."));
            if (resident.SharingConsent?.GivenOn != on) resident.GiveSharingConsent(on, actor.StaffMemberId, Today);
        }
        else if (resident.SharingConsent is not null)
        {
            resident.WithdrawSharingConsent();
        }
    }

    private static async Task EnsureDepartmentExistsAsync(AppDbContext db, int? departmentId, CancellationToken ct)
    {
        if (departmentId is not { } id || !await db.Departments.AnyAsync(d => d.Id == id, ct))
            throw new DomainException("Vælg en boligafdeling fra listen.");
    }
}
