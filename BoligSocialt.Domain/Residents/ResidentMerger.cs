using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;

namespace BoligSocialt.Domain.Residents;

/// <summary>Everything that refers to one resident record: what a merge moves to the surviving record.</summary>
public sealed record ResidentRecords(
    IReadOnlyCollection<Referral> Referrals,
    IReadOnlyCollection<Case> Cases,
    IReadOnlyCollection<Outcome> Outcomes,
    IReadOnlyCollection<LogbookEntry> LogbookEntries,
    IReadOnlyCollection<GroupCourse> GroupCourses);

/// <summary>
/// Merging two records of the same person. The survivor keeps everything of both. The merged record itself is kept
/// as it was, only marked with <see cref="Resident.MergedIntoId"/>: nothing is lost, the audit trail still points at
/// it, and every count follows the mark. Every rule is checked before the first change, so a refused merge changes nothing.
/// </summary>
public static class ResidentMerger
{
    /// <param name="survivorCases">The survivor's cases, for the rule on open cases in the same activity.</param>
    /// <param name="mergedRecords">Everything that refers to the merged record.</param>
    public static void Merge(Resident survivor, Resident merged, IReadOnlyCollection<Case> survivorCases, ResidentRecords mergedRecords)
    {
        if (survivor.Id == merged.Id) throw new DomainException("En beboer kan ikke lægges sammen med sig selv.");
        foreach (var resident in new[] { survivor, merged })
            if (resident.IsMerged) throw new DomainException($"{resident.Name} er allerede lagt sammen med en anden beboer.");
        foreach (var resident in new[] { survivor, merged })
            if (resident.IsAnonymised) throw new DomainException("En anonymiseret beboer kan ikke lægges sammen med en anden.");
        EnsureBelongs(survivor, survivorCases, merged, mergedRecords);

        var openActivities = survivorCases.Where(c => c.IsOpen).Select(c => c.ActivityId).ToHashSet();
        if (mergedRecords.Cases.Any(c => c.IsOpen && openActivities.Contains(c.ActivityId)))
            throw new DomainException(
                "Begge beboere har et åbent forløb i samme aktivitet. Afslut det ene forløb, før beboerne lægges sammen.");
        if (survivor.ConflictingMoveDate(merged) is { } date)
            throw new DomainException(
                $"Beboerne er registreret i hver sin boligafdeling fra {date.ToDanish()}. Ret den ene beboers boligafdeling, før de lægges sammen.");

        foreach (var referral in mergedRecords.Referrals) referral.TransferTo(survivor);
        foreach (var moved in mergedRecords.Cases) moved.TransferTo(survivor);
        foreach (var outcome in mergedRecords.Outcomes) outcome.TransferTo(survivor);
        foreach (var entry in mergedRecords.LogbookEntries) entry.TransferParticipant(merged.Id, survivor);
        foreach (var course in mergedRecords.GroupCourses) course.TransferEnrolment(merged.Id, survivor);
        survivor.TakeDetailsOf(merged);
        merged.MarkMergedInto(survivor);
    }

    /// <summary>Records of someone else would be moved wrongly: a programming error, not a user's.</summary>
    private static void EnsureBelongs(Resident survivor, IReadOnlyCollection<Case> survivorCases, Resident merged, ResidentRecords records)
    {
        var belongs =
            survivorCases.All(c => c.ResidentId == survivor.Id) &&
            records.Referrals.All(r => r.ResidentId == merged.Id) &&
            records.Cases.All(c => c.ResidentId == merged.Id) &&
            records.Outcomes.All(o => o.ResidentId == merged.Id) &&
            records.LogbookEntries.All(e => e.Participants.Any(p => p.ResidentId == merged.Id)) &&
            records.GroupCourses.All(g => g.IsEnrolled(merged.Id));
        if (!belongs) throw new ArgumentException("The records given for the merge do not all belong to the two residents.", nameof(records));
    }
}
