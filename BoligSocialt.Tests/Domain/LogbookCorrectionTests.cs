using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;

namespace BoligSocialt.Tests.Domain;

/// <summary>Correcting and deleting a logbook entry: what may change, and that a refusal changes nothing.</summary>
public sealed class LogbookCorrectionTests
{
    private static readonly DateOnly Today = new(2025, 6, 2);
    private static readonly DateOnly Yesterday = Today.AddDays(-1);
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Leader = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 10, 30, 0, TimeSpan.Zero);
    private const int Activity = 3;
    private const int OtherActivity = 4;
    private readonly Guid _amina = Guid.NewGuid();
    private readonly Guid _fatima = Guid.NewGuid();

    private LogbookEntry Free() =>
        new(Yesterday, Author, Activity, LogbookEntryKind.Conversation, [_amina], null, "Samtale om CV", Today);

    private LogbookEntry OfCase(Guid caseId) =>
        new(Yesterday, Author, Activity, LogbookEntryKind.FollowUp, [_amina], null, "Opfølgning", Today, caseId);

    private LogbookEntry OfGroupCourse() =>
        new(Yesterday, Author, Activity, LogbookEntryKind.GroupSession, [_amina, _fatima], null, "Gang 1", Today, groupCourseId: Guid.NewGuid());

    /// <summary>Everything a correction or a deletion could change.</summary>
    private static string State(LogbookEntry e) => string.Join("|",
        e.Date, e.ActivityId, e.Kind, e.HeadCount, e.Note, e.DeletedAt, e.DeletedById, e.DeletionReason,
        string.Join(",", e.Participants.Select(p => p.ResidentId).Order()));

    private static void AssertRefused(LogbookEntry entry, Action change, string message)
    {
        var before = State(entry);
        var refusal = Assert.Throws<DomainException>(change);
        Assert.Equal(message, refusal.Message);
        Assert.Equal(before, State(entry));
    }

    [Fact]
    public void A_free_entry_is_corrected_in_everything_and_duplicate_residents_collapse()
    {
        var entry = Free();

        entry.Correct(Today, OtherActivity, LogbookEntryKind.PhoneCall, [_fatima, _amina, _fatima], null, "  Ringede om CV  ", Today);

        Assert.Equal(Today, entry.Date);
        Assert.Equal(OtherActivity, entry.ActivityId);
        Assert.Equal(LogbookEntryKind.PhoneCall, entry.Kind);
        Assert.Equal("Ringede om CV", entry.Note);
        Assert.Equal(new[] { _amina, _fatima }.Order(), entry.Participants.Select(p => p.ResidentId).Order());
        Assert.Equal(Author, entry.StaffMemberId);
    }

    [Fact]
    public void Named_residents_corrected_to_an_anonymous_head_count_leave_no_residents()
    {
        var entry = Free();

        entry.Correct(Yesterday, Activity, LogbookEntryKind.Event, [], 25, null, Today);

        Assert.Empty(entry.Participants);
        Assert.Equal(25, entry.HeadCount);
        Assert.Null(entry.Note);
    }

    [Fact]
    public void An_entry_of_a_case_is_corrected_in_date_kind_and_note()
    {
        var caseId = Guid.NewGuid();
        var entry = OfCase(caseId);

        entry.Correct(Today, Activity, LogbookEntryKind.Conversation, [_amina], null, "Samtale i stedet", Today);

        Assert.Equal((Today, LogbookEntryKind.Conversation, "Samtale i stedet"), (entry.Date, entry.Kind, entry.Note));
        Assert.Equal(caseId, entry.CaseId);
    }

    private const string CaseFixed = "Indførslen hører til et forløb: aktivitet og beboer rettes i forløbet, ikke her.";
    private const string GroupCourseFixed = "Indførslen hører til et gruppeforløb: aktivitet og deltagere rettes i gruppeforløbet, ikke her.";

    [Fact]
    public void An_entry_of_a_case_keeps_its_activity_residents_and_lack_of_head_count()
    {
        var entry = OfCase(Guid.NewGuid());

        AssertRefused(entry, () => entry.Correct(Yesterday, OtherActivity, LogbookEntryKind.FollowUp, [_amina], null, "Opfølgning", Today), CaseFixed);
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.FollowUp, [_fatima], null, "Opfølgning", Today), CaseFixed);
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.FollowUp, [_amina, _fatima], null, "Opfølgning", Today), CaseFixed);
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.FollowUp, [_amina], 3, "Opfølgning", Today), CaseFixed);
    }

    [Fact]
    public void An_entry_of_a_group_course_keeps_its_activity_and_participants()
    {
        var entry = OfGroupCourse();

        AssertRefused(entry, () => entry.Correct(Yesterday, OtherActivity, LogbookEntryKind.GroupSession, [_amina, _fatima], null, null, Today), GroupCourseFixed);
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.GroupSession, [_amina], null, null, Today), GroupCourseFixed);
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.GroupSession, [_amina, _fatima], 2, null, Today), GroupCourseFixed);

        entry.Correct(Today, Activity, LogbookEntryKind.GroupSession, [_fatima, _amina], null, "Gang 1, rettet", Today);
        Assert.Equal((Today, "Gang 1, rettet"), (entry.Date, entry.Note));
    }

    [Fact]
    public void A_correction_is_checked_as_a_new_entry_is()
    {
        var entry = Free();

        AssertRefused(entry, () => entry.Correct(Today.AddDays(1), Activity, LogbookEntryKind.Conversation, [_amina], null, null, Today),
            "Datoen kan ikke ligge i fremtiden.");
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.Conversation, [], null, null, Today),
            "Angiv de beboere, det drejer sig om, eller et antal deltagere.");
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.Event, [], 0, null, Today),
            "Antal deltagere skal være mellem 1 og 10.000.");
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.Event, [], 10_001, null, Today),
            "Antal deltagere skal være mellem 1 og 10.000.");
        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.Conversation, [_fatima], null, new string('x', 1001), Today),
            "Noten må højst være 1000 tegn.");
    }

    [Fact]
    public void A_deleted_entry_cannot_be_corrected()
    {
        var entry = Free();
        entry.Delete("Skrevet på den forkerte beboer", Leader, Now);

        AssertRefused(entry, () => entry.Correct(Yesterday, Activity, LogbookEntryKind.Conversation, [_fatima], null, null, Today),
            "Indførslen er slettet og kan ikke rettes.");
    }

    [Fact]
    public void Deletion_keeps_the_entry_with_who_when_and_why()
    {
        var entry = Free();

        entry.Delete("  Skrevet på den forkerte beboer  ", Leader, Now);

        Assert.True(entry.IsDeleted);
        Assert.Equal(Now, entry.DeletedAt);
        Assert.Equal(Leader, entry.DeletedById);
        Assert.Equal("Skrevet på den forkerte beboer", entry.DeletionReason);
        Assert.Equal(("Samtale om CV", Yesterday, Author), (entry.Note, entry.Date, entry.StaffMemberId));
        Assert.Equal([_amina], entry.Participants.Select(p => p.ResidentId));
    }

    [Fact]
    public void An_entry_of_a_case_can_be_deleted()
    {
        var entry = OfCase(Guid.NewGuid());

        entry.Delete("Dobbeltregistreret", Leader, Now);

        Assert.True(entry.IsDeleted);
    }

    [Theory]
    [InlineData(null, "Begrundelsen skal udfyldes.")]
    [InlineData("", "Begrundelsen skal udfyldes.")]
    [InlineData("   ", "Begrundelsen skal udfyldes.")]
    public void Deletion_needs_a_reason(string? reason, string message)
    {
        var entry = Free();

        AssertRefused(entry, () => entry.Delete(reason!, Leader, Now), message);
        Assert.False(entry.IsDeleted);
    }

    [Fact]
    public void A_reason_longer_than_500_characters_is_refused()
    {
        var entry = Free();

        AssertRefused(entry, () => entry.Delete(new string('x', 501), Leader, Now), "Begrundelsen må højst være 500 tegn.");
        entry.Delete(new string('x', 500), Leader, Now);
        Assert.Equal(500, entry.DeletionReason!.Length);
    }

    [Fact]
    public void An_entry_is_deleted_once()
    {
        var entry = Free();
        entry.Delete("Første gang", Leader, Now);

        AssertRefused(entry, () => entry.Delete("Anden gang", Guid.NewGuid(), Now.AddHours(1)), "Indførslen er allerede slettet.");
    }

    [Fact]
    public void A_held_session_of_a_group_course_is_corrected_there_not_deleted()
    {
        var entry = OfGroupCourse();

        AssertRefused(entry, () => entry.Delete("Gangen blev aflyst", Leader, Now),
            "Indførslen er en holdt gang i et gruppeforløb: ret fremmødet i gruppeforløbet i stedet.");
        Assert.False(entry.IsDeleted);
    }
}
