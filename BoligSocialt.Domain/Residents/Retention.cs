using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Referrals;

namespace BoligSocialt.Domain.Residents;

/// <summary>
/// The retention schedule (opbevaringsregel): a resident with no open case or referral and nothing recorded about them
/// within <see cref="Years"/> years before today is anonymised. One row, set by an Administrator.
/// </summary>
public sealed class RetentionSchedule
{
    public const int SingletonId = 1;
    public const int DefaultYears = 5;
    public const int MinYears = 1;
    public const int MaxYears = 30;

    public int Id { get; private set; }
    public int Years { get; private set; }
    /// <summary>When the schedule last ran (not a dry run), and how many residents it anonymised then.</summary>
    public DateTimeOffset? LastRunAt { get; private set; }
    public int? LastRunResidents { get; private set; }

    private RetentionSchedule() { }

    public RetentionSchedule(int years)
    {
        Id = SingletonId;
        ChangeYears(years);
    }

    public void ChangeYears(int years)
    {
        if (years is < MinYears or > MaxYears)
            throw new DomainException($"Opbevaringsperioden skal være mellem {MinYears} og {MaxYears} år efter forløbets afslutning.");
        Years = years;
    }

    /// <summary>The first day of the period before today in which anything recorded keeps the resident.</summary>
    public DateOnly PeriodStart(DateOnly today) => today.AddYears(-Years);

    /// <summary>No open case, no open referral, and the last thing recorded lies before the period.</summary>
    public bool IsDue(ResidentHistory history, DateOnly today) =>
        !history.HasOpenCase && !history.HasOpenReferral && history.LastActivityOn < PeriodStart(today);

    public void RecordRun(DateTimeOffset at, int residents)
    {
        LastRunAt = at;
        LastRunResidents = residents;
    }
}

/// <summary>
/// What the retention schedule looks at for one person (a record and the records merged into it): an open case or
/// referral, and the last date anything was recorded about them: the record's creation, a referral received, allocated
/// or decided, a case opened, its start meeting, its closure, an aftercare call, an outcome, a logbook entry they take
/// part in (deleted entries do not count), a group course they are enrolled in (its start and sessions) or attended.
/// </summary>
public sealed record ResidentHistory(bool HasOpenCase, bool HasOpenReferral, DateOnly LastActivityOn)
{
    public static ResidentHistory Of(IReadOnlyCollection<Resident> records, ResidentRecords their)
    {
        var ids = records.Select(r => r.Id).ToHashSet();
        IEnumerable<DateOnly> dates =
        [
            .. records.Select(r => DateOnly.FromDateTime(r.CreatedAt.Date)),
            .. their.Referrals.SelectMany(ReferralDates),
            .. their.Cases.SelectMany(CaseDates),
            .. their.Outcomes.Select(o => o.AchievedOn),
            .. their.LogbookEntries.Where(e => !e.IsDeleted).Select(e => e.Date),
            .. their.GroupCourses.SelectMany(g => GroupCourseDates(g, ids)),
        ];
        return new ResidentHistory(their.Cases.Any(c => c.IsOpen), their.Referrals.Any(IsOpen), dates.Max());
    }

    public static bool IsOpen(Referral referral) => referral.Status is ReferralStatus.Received or ReferralStatus.Allocated;

    public static IEnumerable<DateOnly> ReferralDates(Referral referral) =>
        new[] { referral.ReceivedOn, referral.AllocatedOn, referral.DecidedOn }.OfType<DateOnly>();

    public static IEnumerable<DateOnly> CaseDates(Case course) =>
        new[] { course.OpenedOn, course.StartMeetingHeldOn, course.Closure?.ClosedOn }.OfType<DateOnly>()
            .Concat(course.AftercareCalls.Select(c => c.DoneOn).OfType<DateOnly>());

    /// <summary>An enrolled resident: the course's start and every session; anyone who came: the sessions they came to.</summary>
    public static IEnumerable<DateOnly> GroupCourseDates(GroupCourse course, IReadOnlySet<Guid> residentIds)
    {
        var enrolled = residentIds.Any(course.IsEnrolled);
        return (enrolled ? [course.StartsOn] : Array.Empty<DateOnly>())
            .Concat(course.Sessions.Where(s => enrolled || residentIds.Any(s.Came)).Select(s => s.Date));
    }

    /// <summary>One person's history from the histories of their records.</summary>
    public ResidentHistory And(ResidentHistory other) => new(
        HasOpenCase || other.HasOpenCase,
        HasOpenReferral || other.HasOpenReferral,
        LastActivityOn > other.LastActivityOn ? LastActivityOn : other.LastActivityOn);
}

/// <summary>What an anonymisation removed or kept, by count (never by name: these counts are what is logged).</summary>
public sealed record AnonymisationCounts(int Residents, int Records, int LogbookNotes, int CaseTexts, int ReferralTexts, int AgeBandsKept)
{
    public static readonly AnonymisationCounts None = new(0, 0, 0, 0, 0, 0);

    public static AnonymisationCounts operator +(AnonymisationCounts a, AnonymisationCounts b) => new(
        a.Residents + b.Residents, a.Records + b.Records, a.LogbookNotes + b.LogbookNotes, a.CaseTexts + b.CaseTexts,
        a.ReferralTexts + b.ReferralTexts, a.AgeBandsKept + b.AgeBandsKept);
}

/// <summary>
/// Anonymising a person under the retention schedule. The figures already reported must not change: an outcome is
/// counted in the area stored on it (untouched) and in the age band of the person's age on its date, so that band is
/// kept on each outcome before the birth date is cut to the year. Texts written about the person are removed from
/// their cases, referrals and the logbook entries they take part in: also from an entry with other participants
/// (privacy first: a note about several residents is about this one too; the others keep the entry, without its note).
/// </summary>
public static class Anonymisation
{
    /// <summary>What stands where a required text was removed.</summary>
    public const string RemovedText = "(fjernet ved anonymisering)";

    /// <param name="person">The surviving record: its birth date is the one every count uses.</param>
    /// <param name="mergedRecords">The records merged into it (directly or in a chain), anonymised with it.</param>
    /// <param name="records">Everything that refers to the person's records.</param>
    /// <param name="housingAreaOf">The housing area of a department.</param>
    public static AnonymisationCounts Anonymise(Resident person, IReadOnlyCollection<Resident> mergedRecords, ResidentRecords records,
        Func<int, int> housingAreaOf, DateTimeOffset now)
    {
        if (person.IsMerged) throw new ArgumentException("The person must be the surviving record of a merge.", nameof(person));
        if (person.IsAnonymised) throw new DomainException("Beboeren er allerede anonymiseret.");
        if (mergedRecords.Any(r => !r.IsMerged)) throw new ArgumentException("Only records merged into the person go with it.", nameof(mergedRecords));
        var all = mergedRecords.Where(r => !r.IsAnonymised).Prepend(person).ToList();
        EnsureBelongs(all.Select(r => r.Id).ToHashSet(), records);
        if (records.Cases.Any(c => c.IsOpen) || records.Referrals.Any(ResidentHistory.IsOpen))
            throw new DomainException("Beboeren har et åbent forløb eller en åben henvisning og kan ikke anonymiseres.");

        var bands = 0;
        foreach (var outcome in records.Outcomes.Where(o => o.AgeBand is null))
        {
            outcome.KeepAgeBand(person);
            bands++;
        }
        var caseTexts = records.Cases.Sum(c => c.RemoveNotes());
        var referralTexts = records.Referrals.Sum(r => r.RemoveNotes());
        var notes = records.LogbookEntries.Sum(e => e.RemoveNote());
        foreach (var record in all) record.Anonymise(housingAreaOf, now);
        return new AnonymisationCounts(1, all.Count, notes, caseTexts, referralTexts, bands);
    }

    /// <summary>Records of someone else would lose their texts wrongly: a programming error, not a user's.</summary>
    private static void EnsureBelongs(HashSet<Guid> ids, ResidentRecords records)
    {
        var belongs =
            records.Referrals.All(r => ids.Contains(r.ResidentId)) &&
            records.Cases.All(c => ids.Contains(c.ResidentId)) &&
            records.Outcomes.All(o => ids.Contains(o.ResidentId)) &&
            records.LogbookEntries.All(e => e.Participants.Any(p => ids.Contains(p.ResidentId))) &&
            records.GroupCourses.All(g => ids.Any(id => g.IsEnrolled(id) || g.Sessions.Any(s => s.Came(id))));
        if (!belongs) throw new ArgumentException("The records given for the anonymisation do not all belong to the person.", nameof(records));
    }
}
