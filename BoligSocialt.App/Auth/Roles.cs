namespace BoligSocialt.App.Auth;

/// <summary>Role lists for <c>[Authorize(Roles = …)]</c> on pages; the services check the actor again.</summary>
public static class Roles
{
    public const string CaseWork = "Mentor,Counsellor,TeamLeader,Head";
    public const string Leaders = "TeamLeader,Head";
    /// <summary>Who may merge two records of the same resident.</summary>
    public const string ResidentMerge = "TeamLeader,Head,Administrator";
    public const string Administrator = "Administrator";
    /// <summary>Who reads the delivery measurement: figures only, no names.</summary>
    public const string Measurement = "Analyst,TeamLeader,Head";
    /// <summary>Who imports a legacy logbook.</summary>
    public const string LogbookImport = "Administrator,TeamLeader";
    /// <summary>Who opens the page of the logbook's files: those who import, and the leaders, who export their team's logbook.</summary>
    public const string LogbookFiles = "Administrator,TeamLeader,Head";
}
