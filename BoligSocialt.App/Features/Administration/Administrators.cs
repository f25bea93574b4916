using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Staff;

namespace BoligSocialt.App.Features.Administration;

/// <summary>What every administration service does: let in administrators only, and audit the catalogue's changes.</summary>
public static class Administrators
{
    /// <summary>Administrators only; anybody else meets "Ikke fundet", as for a record outside their scope.</summary>
    public static async Task<Actor> RequireAdministratorAsync(this ICurrentUser currentUser)
    {
        var actor = await currentUser.GetAsync();
        return actor.Has(StaffRoles.Administrator) ? actor : throw new NotFoundException();
    }

    /// <summary>
    /// Saves catalogue changes with their audit rows. The catalogue is no personal data, so <see cref="Audit"/> does not
    /// record it by itself. Updates and deletions are saved with their rows in one SaveChanges; new records get their ids
    /// on insert, so they and the rows are saved in one transaction.
    /// </summary>
    public static async Task SaveAuditedAsync(this AppDbContext db, Actor actor, CancellationToken ct,
        params IReadOnlyList<(AuditAction Action, string EntityType, Func<string> EntityId)> changes)
    {
        db.AuditActor = actor.AuditName;
        if (changes.All(c => c.Action != AuditAction.Create))
        {
            foreach (var (action, type, id) in changes) db.Record(action, type, id());
            await db.SaveChangesAsync(ct);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var (action, type, id) in changes) db.Record(action, type, id());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
