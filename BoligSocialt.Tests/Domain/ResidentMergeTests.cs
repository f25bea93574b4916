using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Tests.Domain;

public sealed class ResidentMergeTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateOnly Today = new(2024, 6, 1);
    private static readonly Guid Staff = Guid.NewGuid();
    private static readonly Activity Mentoring = ReferralTests.MentorActivity();
    private const int Granparken = 1;
    private const int Solbakken = 2;
    private const int Vollsmose = 7;

    private static readonly ResidentRecords NoRecords = new([], [], [], [], []);

    private static Resident NewResident(string name, string? phone = null)
    {
        var resident = new Resident(name, new DateOnly(1990, 4, 12), phone, Staff, Now);
        resident.MoveTo(Granparken, new DateOnly(2015, 1, 1));
        return resident;
    }

    private static Case OpenCase(Resident resident) => Case.Open(resident.Id, Mentoring, Staff, new DateOnly(2024, 2, 1));

    private static Case ClosedCase(Resident resident)
    {
        var closed = OpenCase(resident);
        closed.Close(new DateOnly(2024, 3, 1), ClosureReason.GoalsReached, new Dictionary<Guid, GoalStatus>(), residentAgreed: true, note: null, Today);
        return closed;
    }

    private static ResidentRecords CasesOnly(params Case[] cases) => NoRecords with { Cases = cases };

    /// <summary>Everything a merge could change, as text: equal before and after means nothing changed.</summary>
    private static string State(Resident survivor, Resident merged, ResidentRecords records) => string.Join(" | ",
        from r in new[] { survivor, merged }
        select $"{r.Id}:{r.Name}:{r.Phone}:{r.RegistrationConsent}:{r.SharingConsent}:{r.MergedIntoId}:" +
               string.Join(",", r.Residences.Select(x => $"{x.DepartmentId}@{x.From}")),
        string.Join(",", records.Referrals.Select(x => x.ResidentId)),
        string.Join(",", records.Cases.Select(x => x.ResidentId)),
        string.Join(",", records.Outcomes.Select(x => x.ResidentId)),
        string.Join(",", records.LogbookEntries.SelectMany(x => x.Participants).Select(p => p.ResidentId)),
        string.Join(",", records.GroupCourses.SelectMany(x => x.Participants).Select(p => p.ResidentId)));

    private static void AssertRefusedWithoutChange(Resident survivor, Resident merged, IReadOnlyCollection<Case> survivorCases,
        ResidentRecords records, string message)
    {
        var before = State(survivor, merged, records);

        var refused = Assert.Throws<DomainException>(() => ResidentMerger.Merge(survivor, merged, survivorCases, records));

        Assert.Equal(message, refused.Message);
        Assert.Equal(before, State(survivor, merged, records));
    }

    [Fact]
    public void Merging_a_resident_into_itself_is_refused_and_changes_nothing()
    {
        var resident = NewResident("Amina Hussein");
        var opened = OpenCase(resident);

        AssertRefusedWithoutChange(resident, resident, [opened], CasesOnly(opened), "En beboer kan ikke lægges sammen med sig selv.");
        Assert.False(resident.IsMerged);
    }

    [Fact]
    public void A_record_already_merged_cannot_be_merged_again_on_either_side()
    {
        var first = NewResident("Amina Hussein");
        var second = NewResident("Amina Husein");
        var third = NewResident("Amina H.");
        ResidentMerger.Merge(first, second, [], NoRecords);

        AssertRefusedWithoutChange(third, second, [], NoRecords, "Amina Husein er allerede lagt sammen med en anden beboer.");
        AssertRefusedWithoutChange(second, third, [], NoRecords, "Amina Husein er allerede lagt sammen med en anden beboer.");
        Assert.Equal(first.Id, second.MergedIntoId);
    }

    [Fact]
    public void Open_cases_of_both_in_the_same_activity_are_refused_and_nothing_changes()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        var survivorCase = OpenCase(survivor);
        var mergedCase = OpenCase(merged);

        AssertRefusedWithoutChange(survivor, merged, [survivorCase], CasesOnly(mergedCase),
            "Begge beboere har et åbent forløb i samme aktivitet. Afslut det ene forløb, før beboerne lægges sammen.");
        Assert.Equal(merged.Id, mergedCase.ResidentId);
    }

    [Fact]
    public void A_reopened_case_counts_as_open()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        var reopened = ClosedCase(merged);
        reopened.Reopen(new DateOnly(2024, 4, 1));

        AssertRefusedWithoutChange(survivor, merged, [OpenCase(survivor)], CasesOnly(reopened),
            "Begge beboere har et åbent forløb i samme aktivitet. Afslut det ene forløb, før beboerne lægges sammen.");
    }

    [Fact]
    public void A_closed_case_in_the_same_activity_does_not_stop_the_merge_and_both_cases_are_kept()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        var closed = ClosedCase(merged);

        ResidentMerger.Merge(survivor, merged, [OpenCase(survivor)], CasesOnly(closed));

        Assert.Equal(survivor.Id, closed.ResidentId);
        Assert.Equal(CaseStatus.Closed, closed.Status);
    }

    [Fact]
    public void Different_departments_from_the_same_date_are_refused_naming_the_date()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = new Resident("Amina Husein", new DateOnly(1990, 4, 12), null, Staff, Now);
        merged.MoveTo(Solbakken, new DateOnly(2015, 1, 1));

        AssertRefusedWithoutChange(survivor, merged, [], NoRecords,
            "Beboerne er registreret i hver sin boligafdeling fra 01-01-2015. Ret den ene beboers boligafdeling, før de lægges sammen.");
    }

    [Fact]
    public void Residence_history_is_the_union_of_both_without_identical_lines()
    {
        var survivor = NewResident("Amina Hussein");
        survivor.MoveTo(Solbakken, new DateOnly(2022, 5, 1));
        var merged = NewResident("Amina Husein");
        merged.MoveTo(Solbakken, new DateOnly(2019, 3, 1));

        ResidentMerger.Merge(survivor, merged, [], NoRecords);

        Assert.Equal(
            [(Granparken, new DateOnly(2015, 1, 1)), (Solbakken, new DateOnly(2019, 3, 1)), (Solbakken, new DateOnly(2022, 5, 1))],
            survivor.Residences.OrderBy(r => r.From).Select(r => (r.DepartmentId, r.From)).ToArray());
        Assert.Equal(Solbakken, survivor.DepartmentOn(new DateOnly(2020, 1, 1)));
        Assert.Equal(2, merged.Residences.Count);
    }

    [Fact]
    public void Survivor_takes_the_other_records_consents_when_it_has_none()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        var recorder = Guid.NewGuid();
        merged.GiveRegistrationConsent(new DateOnly(2024, 1, 5), recorder, Today);
        merged.GiveSharingConsent(new DateOnly(2024, 1, 6), recorder, Today);

        ResidentMerger.Merge(survivor, merged, [], NoRecords);

        Assert.Equal(new Consent(new DateOnly(2024, 1, 5), recorder), survivor.RegistrationConsent);
        Assert.Equal(new Consent(new DateOnly(2024, 1, 6), recorder), survivor.SharingConsent);
        Assert.NotSame(merged.RegistrationConsent, survivor.RegistrationConsent);
        Assert.Equal(new Consent(new DateOnly(2024, 1, 5), recorder), merged.RegistrationConsent);
    }

    [Fact]
    public void When_both_have_a_consent_the_earlier_is_kept()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        var survivorRecorder = Guid.NewGuid();
        var mergedRecorder = Guid.NewGuid();
        survivor.GiveRegistrationConsent(new DateOnly(2024, 3, 1), survivorRecorder, Today);
        merged.GiveRegistrationConsent(new DateOnly(2024, 1, 5), mergedRecorder, Today);
        survivor.GiveSharingConsent(new DateOnly(2024, 2, 1), survivorRecorder, Today);
        merged.GiveSharingConsent(new DateOnly(2024, 4, 1), mergedRecorder, Today);

        ResidentMerger.Merge(survivor, merged, [], NoRecords);

        Assert.Equal(new Consent(new DateOnly(2024, 1, 5), mergedRecorder), survivor.RegistrationConsent);
        Assert.Equal(new Consent(new DateOnly(2024, 2, 1), survivorRecorder), survivor.SharingConsent);
    }

    [Fact]
    public void Survivor_keeps_its_own_consent_when_the_other_has_none()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        var recorder = Guid.NewGuid();
        survivor.GiveRegistrationConsent(new DateOnly(2024, 3, 1), recorder, Today);

        ResidentMerger.Merge(survivor, merged, [], NoRecords);

        Assert.Equal(new Consent(new DateOnly(2024, 3, 1), recorder), survivor.RegistrationConsent);
        Assert.Null(survivor.SharingConsent);
    }

    [Theory]
    [InlineData(null, "+4512345678", "+4512345678")]
    [InlineData("87654321", "+4512345678", "87654321")]
    [InlineData("87654321", null, "87654321")]
    public void Phone_is_taken_from_the_other_record_only_when_the_survivor_has_none(string? survivorPhone, string? mergedPhone, string expected)
    {
        var survivor = NewResident("Amina Hussein", survivorPhone);
        var merged = NewResident("Amina Husein", mergedPhone);

        ResidentMerger.Merge(survivor, merged, [], NoRecords);

        Assert.Equal(expected, survivor.Phone);
    }

    [Fact]
    public void Every_record_of_the_merged_resident_follows_the_survivor_and_the_merged_record_is_kept_marked()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein", "+4512345678");
        merged.GiveRegistrationConsent(new DateOnly(2024, 1, 5), Staff, Today);
        var referral = new Referral(merged, Mentoring, Referral.SelfReferralSource, null, null, "Ønsker job", new DateOnly(2024, 1, 10), Staff, Today);
        var mergedCase = OpenCase(merged);
        var caseOutcome = mergedCase.RecordOutcome(Mentoring, OutcomeKind.Internship, new DateOnly(2024, 3, 1), Vollsmose, Today);
        var legacyOutcome = new Outcome(merged.Id, Mentoring.Id, OutcomeKind.OrdinaryJob, new DateOnly(2023, 5, 1), Vollsmose, caseId: null);
        var entry = new LogbookEntry(new DateOnly(2024, 3, 2), Staff, Mentoring.Id, LogbookEntryKind.Conversation, [merged.Id], null, null, Today);
        var course = new GroupCourse(Mentoring.Id, "Dig, mig og arbejde", Staff, new DateOnly(2024, 2, 1));
        course.Enrol(merged.Id);

        ResidentMerger.Merge(survivor, merged, [], new ResidentRecords([referral], [mergedCase], [caseOutcome, legacyOutcome], [entry], [course]));

        Assert.Equal(survivor.Id, referral.ResidentId);
        Assert.Equal(survivor.Id, mergedCase.ResidentId);
        Assert.Equal(survivor.Id, caseOutcome.ResidentId);
        Assert.Equal(survivor.Id, legacyOutcome.ResidentId);
        Assert.Equal(Vollsmose, legacyOutcome.HousingAreaId);
        Assert.Equal([survivor.Id], entry.Participants.Select(p => p.ResidentId).ToArray());
        Assert.Equal([survivor.Id], course.Participants.Select(p => p.ResidentId).ToArray());
        Assert.True(merged.IsMerged);
        Assert.Equal(survivor.Id, merged.MergedIntoId);
        Assert.False(survivor.IsMerged);
        Assert.Equal("Amina Husein", merged.Name);
        Assert.Equal("+4512345678", merged.Phone);
        Assert.Single(merged.Residences);
    }

    [Fact]
    public void Where_both_took_part_one_participant_remains_and_others_are_untouched()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        var neighbour = Guid.NewGuid();
        var entry = new LogbookEntry(new DateOnly(2024, 3, 2), Staff, Mentoring.Id, LogbookEntryKind.Conversation,
            [survivor.Id, merged.Id, neighbour], null, null, Today);
        var course = new GroupCourse(Mentoring.Id, "Dig, mig og arbejde", Staff, new DateOnly(2024, 2, 1));
        course.Enrol(merged.Id);
        course.Enrol(survivor.Id);

        ResidentMerger.Merge(survivor, merged, [], NoRecords with { LogbookEntries = [entry], GroupCourses = [course] });

        Assert.Equal(new[] { survivor.Id, neighbour }.Order(), entry.Participants.Select(p => p.ResidentId).Order());
        Assert.Equal([survivor.Id], course.Participants.Select(p => p.ResidentId).ToArray());
    }

    [Fact]
    public void Records_of_someone_else_are_a_programming_error_and_change_nothing()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        var stranger = NewResident("Peter Jensen");
        var strangersCase = OpenCase(stranger);
        var before = State(survivor, merged, CasesOnly(strangersCase));

        Assert.Throws<ArgumentException>(() => ResidentMerger.Merge(survivor, merged, [], CasesOnly(strangersCase)));

        Assert.Equal(before, State(survivor, merged, CasesOnly(strangersCase)));
        Assert.Equal(stranger.Id, strangersCase.ResidentId);
    }

    [Fact]
    public void A_record_cannot_be_moved_to_a_merged_resident()
    {
        var survivor = NewResident("Amina Hussein");
        var merged = NewResident("Amina Husein");
        ResidentMerger.Merge(survivor, merged, [], NoRecords);
        var opened = OpenCase(survivor);

        Assert.Throws<DomainException>(() => opened.TransferTo(merged));
        Assert.Equal(survivor.Id, opened.ResidentId);
    }
}
