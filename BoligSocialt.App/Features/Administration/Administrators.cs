using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;

namespace BoligSocialt.App.Features.Administration;

/// <summary>What every administration service does besides letting in administrators only: audit the catalogue's changes.</summary>
public static class Administrators
{
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
