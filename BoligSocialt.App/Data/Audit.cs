using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BoligSocialt.App.Data;

/// <summary>
/// Audit of personal data. Changes are recorded on save, in the same transaction as the change itself;
/// reads are recorded by the services that show a resident's or a case's page. Rows of the log are never changed or deleted.
/// </summary>
public static class Audit
{
    /// <summary>The records that hold personal data; a change to one of their parts is a change to them.</summary>
    private static readonly HashSet<Type> PersonalDataRoots =
        [typeof(Resident), typeof(Referral), typeof(Case), typeof(Outcome), typeof(LogbookEntry), typeof(GroupCourse), typeof(StaffMember)];

    public static void Read(this AppDbContext db, string entityType, Guid entityId) =>
        db.Record(AuditAction.Read, entityType, entityId.ToString());

    public static void Record(this AppDbContext db, AuditAction action, string entityType, string entityId) =>
        db.AuditEntries.Add(new AuditEntry(DateTime.UtcNow, RequireActor(db), action, entityType, entityId));

    internal static void RecordChanges(AppDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var tracked = new Tracked(db.ChangeTracker.Entries());
        var changed = new Dictionary<(string Type, string Id), AuditAction>();
        foreach (var entry in tracked.Entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            // The log is append-only: nothing in the app changes or removes a row of it.
            if (entry.Entity is AuditEntry && entry.State != EntityState.Added)
                throw new InvalidOperationException("The audit log cannot be changed or deleted.");
            if (RootOf(entry, tracked) is not { } root) continue;
            var action = root.Entry == entry
                ? entry.State switch { EntityState.Added => AuditAction.Create, EntityState.Deleted => AuditAction.Delete, _ => AuditAction.Update }
                : AuditAction.Update;
            var key = (root.Type.Name, root.Id);
            // A new record whose parts are added with it is one creation, not a creation and an update.
            if (!changed.TryGetValue(key, out var existing) || existing == AuditAction.Update) changed[key] = action;
        }
        if (changed.Count == 0) return;
        var actor = RequireActor(db);
        var now = DateTime.UtcNow;
        foreach (var ((type, id), action) in changed)
            db.AuditEntries.Add(new AuditEntry(now, actor, action, type, id));
    }

    private static (Type Type, string Id, EntityEntry? Entry)? RootOf(EntityEntry entry, Tracked tracked)
    {
        var clr = entry.Metadata.ClrType;
        if (PersonalDataRoots.Contains(clr)) return (clr, KeyOf(entry), entry);
        // An owned part belongs to its owner, however deep (a session's attendee → the session → the group course).
        if (entry.Metadata.FindOwnership() is { } ownership
            && tracked.Find(ownership.PrincipalEntityType, ownership.Properties.Select(p => ValueOf(entry, p.Name))) is { } owner
            && RootOf(owner, tracked) is { } root)
            return root with { Entry = null };
        // Otherwise a part (goal, residence, consent …) refers to its personal-data record by a foreign key.
        foreach (var fk in entry.Metadata.GetForeignKeys())
        {
            var principal = fk.PrincipalEntityType.ClrType;
            if (!PersonalDataRoots.Contains(principal)) continue;
            var id = ValueOf(entry, fk.Properties[0].Name);
            if (id is not null) return (principal, id.ToString()!, null);
        }
        return null;
    }

    private static object? ValueOf(EntityEntry entry, string property)
    {
        var value = entry.Property(property);
        return entry.State == EntityState.Deleted ? value.OriginalValue : value.CurrentValue;
    }

    private static string KeyOf(EntityEntry entry) =>
        entry.Properties.First(p => p.Metadata.IsPrimaryKey()).CurrentValue?.ToString() ?? "";

    /// <summary>The tracked entries, found by type and key in constant time: a large save must not scan them per part.</summary>
    private sealed class Tracked
    {
        private readonly Dictionary<(IEntityType Type, string Key), EntityEntry> _byKey = [];

        public Tracked(IEnumerable<EntityEntry> entries)
        {
            Entries = entries.ToList();
            foreach (var entry in Entries)
                _byKey.TryAdd((entry.Metadata, Key(entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue))), entry);
        }

        public IReadOnlyList<EntityEntry> Entries { get; }

        public EntityEntry? Find(IEntityType type, IEnumerable<object?> key) => _byKey.GetValueOrDefault((type, Key(key)));

        private static string Key(IEnumerable<object?> values) => string.Join("\u001f", values);
    }

    private static string RequireActor(AppDbContext db) =>
        db.AuditActor ?? throw new InvalidOperationException("Personal data cannot be read or changed without an audit actor.");
}
