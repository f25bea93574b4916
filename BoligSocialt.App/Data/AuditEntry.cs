namespace BoligSocialt.App.Data;

public enum AuditAction
{
    Read,
    Create,
    Update,
    Delete,
    SignIn,
    SignInRefused,
    /// <summary>Two records of the same resident were merged: one row for each of the two records.</summary>
    Merge,
}

/// <summary>
/// One audit row: who did what to which record, when. Never a name or a note: ids only,
/// so the audit log itself holds no personal data beyond who worked on which record.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Actor { get; private set; } = "";
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";

    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string actor, AuditAction action, string entityType, string entityId)
    {
        AtUtc = atUtc;
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
    }
}
