using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Staff;

/// <summary>The app roles (as in the Entra ID app registration). A person may hold several.</summary>
[Flags]
public enum StaffRoles
{
    None = 0,
    Mentor = 1,
    Counsellor = 2,
    TeamLeader = 4,
    Head = 8,
    Analyst = 16,
    Administrator = 32,
}

public static class StaffRoleNames
{
    public static readonly IReadOnlyList<StaffRoles> All =
        [StaffRoles.Mentor, StaffRoles.Counsellor, StaffRoles.TeamLeader, StaffRoles.Head, StaffRoles.Analyst, StaffRoles.Administrator];

    public static string Danish(this StaffRoles role) => role switch
    {
        StaffRoles.Mentor => "Mentor",
        StaffRoles.Counsellor => "Rådgiver",
        StaffRoles.TeamLeader => "Teamleder",
        StaffRoles.Head => "Chef",
        StaffRoles.Analyst => "Analyse",
        StaffRoles.Administrator => "Administrator",
        _ => string.Join(", ", All.Where(r => role.HasFlag(r)).Select(r => r.Danish())),
    };

    public static IEnumerable<StaffRoles> Split(this StaffRoles roles) => All.Where(r => roles.HasFlag(r));

    public static StaffRoles Parse(IEnumerable<string> names)
    {
        var roles = StaffRoles.None;
        foreach (var name in names)
            if (Enum.TryParse<StaffRoles>(name, ignoreCase: true, out var role) && All.Contains(role)) roles |= role;
        return roles;
    }
}

/// <summary>A member of staff (medarbejder): who records, who is allocated, who signs in.</summary>
public sealed class StaffMember
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 200;

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    /// <summary>The Entra ID object id, once the person has signed in with it.</summary>
    public string? ObjectId { get; private set; }
    public StaffRoles Roles { get; private set; }
    public int? TeamId { get; private set; }
    public bool IsActive { get; private set; } = true;

    private StaffMember() { }

    public StaffMember(string name, string? email, StaffRoles roles, int? teamId)
    {
        Id = Guid.CreateVersion7();
        Update(name, email, roles, teamId);
    }

    /// <summary>
    /// A person named in a legacy logbook whom the product does not know: kept as the author of their entries, inactive
    /// and without a role until an administrator decides otherwise.
    /// </summary>
    public static StaffMember NamedInLegacyLogbook(string name) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = Guard.Text(name, "Navn", NameMaxLength),
        Roles = StaffRoles.None,
        IsActive = false,
    };

    public void Update(string name, string? email, StaffRoles roles, int? teamId)
    {
        if (roles == StaffRoles.None) throw new DomainException("Vælg mindst én rolle.");
        var needsTeam = (roles & (StaffRoles.Mentor | StaffRoles.Counsellor | StaffRoles.TeamLeader | StaffRoles.Head)) != 0;
        if (needsTeam && teamId is null) throw new DomainException("Mentorer, rådgivere, teamledere og chefen skal høre til et team.");
        Name = Guard.Text(name, "Navn", NameMaxLength);
        var mail = Guard.OptionalText(email, "E-mail", EmailMaxLength);
        if (mail is not null && !mail.Contains('@')) throw new DomainException("E-mail skal være en gyldig adresse.");
        Email = mail?.ToLowerInvariant();
        Roles = roles;
        TeamId = teamId;
    }

    public void LinkObjectId(string objectId) => ObjectId = Guard.Text(objectId, "Objekt-id", 100);

    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;

    public bool Has(StaffRoles role) => (Roles & role) != 0;
}
