using System.ComponentModel.DataAnnotations;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Administration;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Staff;

public sealed record StaffListItem(Guid Id, string Name, string? Email, StaffRoles Roles, string? Team, bool IsActive);

public sealed record TeamOption(int Id, string Name);

public sealed class StaffForm
{
    [Required(ErrorMessage = "Skriv medarbejderens navn.")]
    [StringLength(StaffMember.NameMaxLength, ErrorMessage = "Navnet må højst være {1} tegn.")]
    public string? Name { get; set; }

    [EmailAddress(ErrorMessage = "Skriv en gyldig e-mailadresse.")]
    [StringLength(StaffMember.EmailMaxLength, ErrorMessage = "E-mailadressen må højst være {1} tegn.")]
    public string? Email { get; set; }

    public IReadOnlyCollection<StaffRoles> Roles { get; set; } = [];

    public int? TeamId { get; set; }
}

/// <summary>Staff administration, for Administrators only.</summary>
public sealed class StaffService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser)
{
    public async Task<IReadOnlyList<StaffListItem>> ListAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var staff = await db.StaffMembers.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return staff.Select(s => new StaffListItem(s.Id, s.Name, s.Email, s.Roles, s.TeamId is { } t ? teams[t] : null, s.IsActive)).ToList();
    }

    public async Task<IReadOnlyList<TeamOption>> TeamsAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync(ct);
    }

    public async Task<Guid> SaveAsync(Guid? id, StaffForm form, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var roles = form.Roles.Aggregate(StaffRoles.None, (all, r) => all | r);
        if (form.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct))
            throw new DomainException("Vælg et team fra listen.");
        var email = form.Email?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(email) && await db.StaffMembers.AnyAsync(s => s.Email == email && s.Id != id, ct))
            throw new DomainException("Der findes allerede en medarbejder med den e-mailadresse.");

        if (id == actor.StaffMemberId && (roles & StaffRoles.Administrator) == 0)
            throw new DomainException("Du kan ikke fjerne din egen administratorrolle.");

        StaffMember staff;
        if (id is { } existing)
        {
            staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == existing, ct) ?? throw new NotFoundException();
            staff.Update(form.Name!, form.Email, roles, form.TeamId);
        }
        else
        {
            staff = new StaffMember(form.Name!, form.Email, roles, form.TeamId);
            db.StaffMembers.Add(staff);
        }
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
        return staff.Id;
    }

    public async Task SetActiveAsync(Guid id, bool active, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        if (!active && id == actor.StaffMemberId) throw new DomainException("Du kan ikke deaktivere dig selv.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException();
        if (active) staff.Activate(); else staff.Deactivate();
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Deletes a staff member who never did any work (a mistaken entry); anyone with referrals, cases, logbook entries,
    /// group courses, residents, consents or rows in the audit log can only be deactivated.
    /// </summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        if (id == actor.StaffMemberId) throw new DomainException("Du kan ikke slette dig selv.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException();
        if (await CatalogUsage.StaffMemberHasWorkAsync(db, id, ct))
            throw new DomainException($"{staff.Name} har arbejde i systemet og kan ikke slettes. Deaktivér medarbejderen i stedet.");
        db.StaffMembers.Remove(staff);
        db.AuditActor = actor.AuditName;
        await db.SaveChangesAsync(ct);
    }
}
