namespace BoligSocialt.App.Auth;

/// <summary>Role lists for <c>[Authorize(Roles = …)]</c> on pages; the services check the actor again.</summary>
public static class Roles
{
    public const string CaseWork = "Mentor,Counsellor,TeamLeader,Head";
    public const string Leaders = "TeamLeader,Head";
    /// <summary>Who may merge two records of the same resident.</summary>
    public const string ResidentMerge = "TeamLeader,Head,Administrator";
    public const string Administrator = "Administrator";
}
