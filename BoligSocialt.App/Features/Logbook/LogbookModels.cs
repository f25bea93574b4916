using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;

namespace BoligSocialt.App.Features.Logbook;

/// <param name="IsOwnTeam">An activity of the actor's own team: those come first in the form.</param>
public sealed record LogbookActivityOption(int Id, string Name, string Team, bool IsOwnTeam);

/// <param name="Recordable">Offered in the quick entry: group sessions are recorded by holding them in the group course.</param>
public sealed record LogbookKindOption(LogbookEntryKind Kind, string Name, bool Recordable);

/// <summary>What the quick entry offers: the activities of the plan in force today and the kinds of the catalogue.</summary>
public sealed record LogbookOptions(IReadOnlyList<LogbookActivityOption> Activities, IReadOnlyList<LogbookKindOption> Kinds);

/// <summary>A resident named in an entry (a chip in the form, a name in the list).</summary>
public sealed record LogbookResident(Guid Id, string Name);

public sealed record LogbookStaffOption(Guid Id, string Name);

/// <param name="InGroupCourse">Written by holding a session of a group course: corrected there, never deleted here.</param>
/// <param name="MayCorrect">The viewer wrote it, or leads the team whose activity it is.</param>
/// <param name="MayDelete">The viewer leads the team whose activity it is.</param>
public sealed record LogbookRow(Guid Id, DateOnly Date, int ActivityId, string Activity, LogbookEntryKind Kind, string KindName,
    Guid StaffMemberId, string StaffMember, IReadOnlyList<LogbookResident> Residents, int? HeadCount, string? Note,
    Guid? CaseId, bool InGroupCourse, bool MayCorrect, bool MayDelete)
{
    /// <summary>Activity and residents belong to the case or the group course and are corrected there.</summary>
    public bool ActivityAndResidentsFixed => CaseId is not null || InGroupCourse;
}

/// <param name="HasMore">More entries match than the <see cref="LogbookService.MaxRows"/> newest shown.</param>
/// <param name="Staff">Who wrote the entries the viewer sees, for the filter.</param>
/// <param name="Activities">The activities of the entries the viewer sees, for the filter.</param>
public sealed record LogbookList(IReadOnlyList<LogbookRow> Rows, bool HasMore, IReadOnlyList<LogbookStaffOption> Staff,
    IReadOnlyList<LogbookActivityOption> Activities);

/// <summary>The list's filters; an empty one does not filter.</summary>
public sealed class LogbookFilter
{
    public const int DefaultDays = 30;

    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public int? ActivityId { get; set; }
    public Guid? StaffMemberId { get; set; }
    public LogbookEntryKind? Kind { get; set; }

    /// <summary>The default: the last 30 days up to today.</summary>
    public static LogbookFilter LastDays(DateOnly today) => new()
    {
        From = today.AddDays(-DefaultDays).ToDateTime(TimeOnly.MinValue),
        To = today.ToDateTime(TimeOnly.MinValue),
    };
}

/// <summary>
/// The quick entry (new or correction). The residents involved are named, or, anonymously, only counted: events and
/// outreach walks start anonymous. <see cref="Problems"/> lists everything missing at once, in Danish: the page shows
/// it instead of saving, and the service refuses with it, so nothing is saved on bad input.
/// </summary>
public sealed class LogbookForm
{
    public DateTime? Date { get; set; }
    public int? ActivityId { get; set; }
    public LogbookEntryKind? Kind { get; set; }
    /// <summary>Only a head count, no names.</summary>
    public bool Anonymous { get; set; }
    public List<LogbookResident> Residents { get; set; } = [];
    public int? HeadCount { get; set; }
    public string? Note { get; set; }

    /// <summary>Kinds that are counted without names by default: events and outreach walks.</summary>
    public static bool IsAnonymousKind(LogbookEntryKind kind) => kind is LogbookEntryKind.Event or LogbookEntryKind.Outreach;

    /// <summary>Chooses the kind; events and outreach walks switch to a head count, the others to named residents.</summary>
    public void ChooseKind(LogbookEntryKind kind)
    {
        Kind = kind;
        Anonymous = IsAnonymousKind(kind);
    }

    /// <summary>The residents to save: none when anonymous.</summary>
    public IReadOnlyList<Guid> ResidentIds => Anonymous ? [] : Residents.Select(r => r.Id).Distinct().ToList();

    /// <summary>The head count to save: none when residents are named.</summary>
    public int? HeadCountToSave => Anonymous ? HeadCount : null;

    public IReadOnlyList<string> Problems(DateOnly today)
    {
        var problems = new List<string>();
        if (Date is not { } date) problems.Add("Angiv datoen.");
        else if (DateOnly.FromDateTime(date) > today) problems.Add("Datoen kan ikke ligge i fremtiden.");
        if (ActivityId is null) problems.Add("Vælg aktivitet.");
        if (Kind is null) problems.Add("Vælg hvad der er sket (slags).");
        if (Anonymous)
        {
            if (HeadCount is null) problems.Add("Angiv antal deltagere.");
            else if (HeadCount is < 1 or > 10_000) problems.Add("Antal deltagere skal være mellem 1 og 10.000.");
        }
        else if (Residents.Count == 0)
        {
            problems.Add("Vælg mindst én beboer, eller registrér anonymt med et antal deltagere.");
        }
        if (Note?.Trim().Length > LogbookEntry.NoteMaxLength) problems.Add($"Noten må højst være {LogbookEntry.NoteMaxLength} tegn.");
        return problems;
    }

    /// <summary>Refuses the form with every problem at once.</summary>
    public void Check(DateOnly today)
    {
        var problems = Problems(today);
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
    }
}
