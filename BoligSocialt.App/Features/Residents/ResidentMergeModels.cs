using BoligSocialt.Domain.Common;

namespace BoligSocialt.App.Features.Residents;

/// <summary>A resident to choose for a merge: enough to recognise the person, nothing more.</summary>
public sealed record MergeCandidate(Guid Id, string Name, DateOnly BirthDate, string? Department)
{
    public string Label => $"{Name} (født {BirthDate.ToDanish()})";
}

/// <summary>
/// One of the two records of a merge, side by side with the other: who, and how much refers to the record.
/// <see cref="Details"/> only for a leader who may open the resident anyway; an administrator sees the rest only.
/// </summary>
public sealed record MergeSide(Guid Id, string Name, DateOnly BirthDate, string? Department, MergeCounts Counts, MergeDetails? Details)
{
    public string Label => $"{Name} (født {BirthDate.ToDanish()})";
}

/// <summary>How many records of each kind refer to the resident record: every one of them follows the survivor.</summary>
public sealed record MergeCounts(int Referrals, int Cases, int OpenCases, int Outcomes, int LogbookEntries, int GroupCourses);

public sealed record MergeDetails(
    string? Phone,
    DateOnly? RegistrationConsentOn,
    DateOnly? SharingConsentOn,
    IReadOnlyList<ResidenceView> Residences,
    IReadOnlyList<string> OpenCaseActivities);
