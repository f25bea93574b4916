using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Referrals;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

public sealed class ReferralServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly ReferralEvents _events = new();
    private readonly List<ReferralChange> _published = [];
    private Actor _leader = null!;
    private Actor _leader2 = null!;
    private Actor _mentor = null!;
    private Actor _colleague = null!;
    private Actor _otherTeamMentor = null!;
    private Actor _analyst = null!;
    private Resident _resident = null!;
    private int _granparken;

    private static DateOnly Today => Scenario.Today;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _leader = await _database.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1");
        _leader2 = await _database.AddStaffAsync("Hanne Chef", StaffRoles.Head | StaffRoles.TeamLeader, "Team1");
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        _colleague = await _database.AddStaffAsync("Sofie Nielsen", StaffRoles.Counsellor, "Team1");
        _otherTeamMentor = await _database.AddStaffAsync("Karim Yousef", StaffRoles.Mentor, "Team2");
        _analyst = await _database.AddStaffAsync("Peter Analytiker", StaffRoles.Analyst);
        _resident = await Scenario.AddResidentAsync(_database, "Amina Hussein", _mentor.StaffMemberId, birthDate: new DateOnly(1988, 2, 14));
        _granparken = await Scenario.DepartmentIdAsync(_database, "Granparken");
        _events.Changed += _published.Add;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private ReferralService ServiceFor(Actor actor) => new(_database, new FakeCurrentUser(actor), TimeProvider.System, _events);

    private async Task<int> ActivityIdAsync(string code)
    {
        await using var db = _database.CreateDbContext();
        return await db.Activities.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    private async Task<IntakeForm> FormAsync(string activity = Scenario.Team1Mentoring, Guid? residentId = null) => new()
    {
        ResidentId = residentId ?? _resident.Id,
        ResidentHasRegistrationConsent = true,
        Source = "JobCounsellor",
        ActivityId = await ActivityIdAsync(activity),
        ReferrerName = "Jens Jobrådgiver",
        ReferrerOrganisation = "Jobcenter Odense",
        Reason = "Ønsker hjælp til at finde job",
        ReceivedOn = Today.AddDays(-2).ToDateTime(TimeOnly.MinValue),
    };

    private IntakeForm NewResidentForm(IntakeForm form, string name, DateOnly birthDate)
    {
        form.ResidentId = null;
        form.ResidentHasRegistrationConsent = false;
        form.NewResident = true;
        form.NewResidentName = name;
        form.NewResidentBirthDate = birthDate.ToDateTime(TimeOnly.MinValue);
        form.NewResidentDepartmentId = _granparken;
        form.RegistrationConsent = true;
        form.RegistrationConsentOn = Today.ToDateTime(TimeOnly.MinValue);
        return form;
    }

    private async Task<Referral> ReferralAsync(Guid id)
    {
        await using var db = _database.CreateDbContext();
        return await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<(long Residents, long Referrals)> CountsAsync() =>
        (await Scenario.CountRowsAsync(_database, "Residents"), await Scenario.CountRowsAsync(_database, "Referrals"));

    private async Task<Guid> RecordAsync(IntakeForm form, Actor? actor = null) =>
        Assert.IsType<IntakeResult.Saved>(await ServiceFor(actor ?? _mentor).RecordAsync(form)).ReferralId;

    // ---- intake ----

    [Fact]
    public async Task Another_app_instance_on_the_same_database_hears_of_a_change_through_its_relay()
    {
        var otherInstance = new ReferralEvents();
        var heard = new List<ReferralChange>();
        otherInstance.Changed += heard.Add;
        var relay = new ReferralNoticeRelay(_database, otherInstance, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReferralNoticeRelay>.Instance);
        await relay.RelayAsync();

        var id = await RecordAsync(await FormAsync());
        await ServiceFor(_leader).AllocateAsync(id, _mentor.StaffMemberId, (await ReferralAsync(id)).Version);
        await relay.RelayAsync();
        await relay.RelayAsync();

        Assert.Equal(_published, heard);
        Assert.Equal([id, id], heard.Select(c => c.ReferralId));
        Assert.Equal(_mentor.StaffMemberId, heard[1].AllocatedToId);
    }

    [Fact]
    public async Task The_relay_does_not_repeat_this_instances_own_changes()
    {
        var relay = new ReferralNoticeRelay(_database, _events, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReferralNoticeRelay>.Instance);
        await relay.RelayAsync();

        await RecordAsync(await FormAsync());
        await relay.RelayAsync();

        Assert.Single(_published);
    }


    [Fact]
    public async Task Intake_records_a_waiting_referral_of_an_existing_resident_and_tells_the_board()
    {
        var id = await RecordAsync(await FormAsync());

        var referral = await ReferralAsync(id);
        Assert.Equal(ReferralStatus.Received, referral.Status);
        Assert.Equal(_resident.Id, referral.ResidentId);
        Assert.Equal("JobCounsellor", referral.Source);
        Assert.Equal("Jens Jobrådgiver", referral.ReferrerName);
        Assert.Equal(Today.AddDays(-2), referral.ReceivedOn);
        Assert.Equal(_mentor.StaffMemberId, referral.RecordedById);
        var change = Assert.Single(_published);
        Assert.Equal((id, _leader.TeamId!.Value, (Guid?)null), (change.ReferralId, change.TeamId, change.AllocatedToId));
        Assert.Contains(await Scenario.AuditAsync(_database), a => a.Action == AuditAction.Create && a.EntityId == id.ToString());
    }

    [Fact]
    public async Task Intake_creates_a_new_resident_with_consent_and_the_referral_in_one_step()
    {
        var id = await RecordAsync(NewResidentForm(await FormAsync(), "Omar Ali", new DateOnly(1979, 11, 2)));

        var referral = await ReferralAsync(id);
        await using var db = _database.CreateDbContext();
        var created = await db.Residents.SingleAsync(r => r.Id == referral.ResidentId);
        Assert.Equal("Omar Ali", created.Name);
        Assert.Equal(_mentor.StaffMemberId, created.CreatedById);
        Assert.Equal(new Consent(Today, _mentor.StaffMemberId), created.RegistrationConsent);
        Assert.Equal(_granparken, created.DepartmentOn(Today));
    }

    [Fact]
    public async Task A_new_resident_like_an_existing_one_gets_the_duplicate_warning_and_nothing_is_saved()
    {
        var before = await CountsAsync();

        var result = await ServiceFor(_mentor).RecordAsync(NewResidentForm(await FormAsync(), "AMINA HUSSEIN-ALI", new DateOnly(1988, 2, 14)));

        var candidate = Assert.Single(Assert.IsType<IntakeResult.PossibleDuplicates>(result).Candidates);
        Assert.Equal((_resident.Id, "Amina Hussein"), (candidate.Id, candidate.Name));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Same_name_written_without_Danish_letters_is_a_possible_duplicate_whatever_the_birth_date()
    {
        await Scenario.AddResidentAsync(_database, "Søren Ærø", _mentor.StaffMemberId, birthDate: new DateOnly(1970, 1, 1));

        var candidates = await ServiceFor(_mentor).PossibleDuplicatesAsync("soeren aeroe", new DateOnly(1971, 5, 5));

        Assert.Equal(["Søren Ærø"], candidates.Select(c => c.Name).ToArray());
    }

    [Fact]
    public async Task Confirming_a_new_resident_after_the_warning_creates_them()
    {
        var form = NewResidentForm(await FormAsync(), "Amina Hussein", new DateOnly(1988, 2, 14));
        form.ConfirmedNewResident = true;

        var id = await RecordAsync(form);

        Assert.NotEqual(_resident.Id, (await ReferralAsync(id)).ResidentId);
        Assert.Equal(2, await Scenario.CountRowsAsync(_database, "Residents"));
    }

    [Fact]
    public async Task Without_consent_to_registration_nothing_is_saved()
    {
        var form = NewResidentForm(await FormAsync(), "Omar Ali", new DateOnly(1979, 11, 2));
        form.RegistrationConsent = false;
        var before = await CountsAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(form));

        Assert.Equal("Beboerens samtykke til registrering skal være registreret (dato og af hvem), før henvisningen kan gemmes.", ex.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Consent_given_at_intake_is_recorded_on_an_existing_resident_without_one()
    {
        var withoutConsent = await AddResidentWithoutConsentAsync("Fatima Omar");
        var form = await FormAsync(residentId: withoutConsent);
        form.ResidentHasRegistrationConsent = false;
        form.RegistrationConsent = true;
        form.RegistrationConsentOn = Today.AddDays(-1).ToDateTime(TimeOnly.MinValue);
        form.SharingConsent = true;
        form.SharingConsentOn = Today.AddDays(-1).ToDateTime(TimeOnly.MinValue);

        await RecordAsync(form);

        await using var db = _database.CreateDbContext();
        var resident = await db.Residents.SingleAsync(r => r.Id == withoutConsent);
        Assert.Equal(new Consent(Today.AddDays(-1), _mentor.StaffMemberId), resident.RegistrationConsent);
        Assert.Equal(new Consent(Today.AddDays(-1), _mentor.StaffMemberId), resident.SharingConsent);
    }

    private async Task<Guid> AddResidentWithoutConsentAsync(string name)
    {
        await using var db = _database.CreateDbContext();
        var resident = new Resident(name, new DateOnly(1990, 1, 1), null, _mentor.StaffMemberId, DateTimeOffset.UtcNow);
        resident.MoveTo(_granparken, new DateOnly(2015, 1, 1));
        db.Residents.Add(resident);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return resident.Id;
    }

    [Fact]
    public async Task An_activity_of_a_plan_not_in_force_on_the_arrival_date_is_refused()
    {
        var form = await FormAsync("BMJ"); // the 2021-2024 plan
        var before = await CountsAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(form));

        Assert.Contains("hører ikke til den helhedsplan", ex.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_activity_that_has_ended_is_refused()
    {
        await using (var db = _database.CreateDbContext())
        {
            (await db.Activities.SingleAsync(a => a.Code == Scenario.Team1Mentoring)).Deactivate();
            await db.SaveChangesAsync();
        }

        var ex = await Assert.ThrowsAsync<DomainException>(async () => await ServiceFor(_mentor).RecordAsync(await FormAsync()));

        Assert.EndsWith("er ikke længere aktiv.", ex.Message);
    }

    [Fact]
    public async Task A_source_not_in_the_catalogue_is_refused()
    {
        var form = await FormAsync();
        form.Source = "Naboen";

        var ex = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(form));

        Assert.Equal("Vælg hvem der henviser (kilde) fra listen.", ex.Message);
    }

    [Fact]
    public async Task A_staff_member_may_take_a_referral_to_their_own_teams_activity_in_the_same_step()
    {
        var form = await FormAsync();
        form.Source = Referral.OutreachSource;
        form.AllocateToMe = true;

        var referral = await ReferralAsync(await RecordAsync(form));

        Assert.Equal(ReferralStatus.Allocated, referral.Status);
        Assert.Equal(_mentor.StaffMemberId, referral.AllocatedToId);
        Assert.Equal(Today, referral.AllocatedOn);
    }

    [Fact]
    public async Task Taking_a_referral_to_another_teams_activity_yourself_is_refused()
    {
        var form = await FormAsync(Scenario.Team2Crime);
        form.AllocateToMe = true;

        var ex = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(form));

        Assert.Equal("Du kan kun tage en henvisning selv, når aktiviteten hører til dit eget team.", ex.Message);
        Assert.Equal(0, await Scenario.CountRowsAsync(_database, "Referrals"));
    }

    [Fact]
    public async Task An_analyst_cannot_record_a_referral()
    {
        await Assert.ThrowsAsync<NotFoundException>(async () => await ServiceFor(_analyst).RecordAsync(await FormAsync()));
    }

    [Fact]
    public async Task Activities_are_those_of_the_plan_in_force_with_the_sources_usual_activities_first()
    {
        var activities = await ServiceFor(_mentor).ActivitiesAsync(new DateOnly(2025, 5, 1), "School");

        await using var db = _database.CreateDbContext();
        var plan2024 = await db.Activities.Where(a => a.PlanPeriod!.Code == "2024-2028" && a.IsActive).Select(a => a.Id).ToListAsync();
        Assert.Equal(plan2024.Order(), activities.Select(a => a.Id).Order());
        var suggested = activities.TakeWhile(a => a.Suggested).Select(a => a.Id).ToList();
        Assert.Contains(await ActivityIdAsync(Scenario.Team1Youth), suggested);
        Assert.All(activities.Skip(suggested.Count), a => Assert.False(a.Suggested));
    }

    [Fact]
    public async Task Activities_on_a_date_of_the_old_plan_are_the_old_plans()
    {
        var activities = await ServiceFor(_mentor).ActivitiesAsync(new DateOnly(2023, 5, 1), null);

        var ids = activities.Select(a => a.Id).ToList();
        Assert.Contains(await ActivityIdAsync("BMJ"), ids);
        Assert.DoesNotContain(await ActivityIdAsync(Scenario.Team1Mentoring), ids);
    }

    [Fact]
    public async Task Intake_search_finds_residents_outside_the_staff_members_own_scope_but_the_resident_search_does_not()
    {
        var residents = new ResidentService(_database, new FakeCurrentUser(_otherTeamMentor), TimeProvider.System);

        var atIntake = await residents.SearchAsync("amina", scope: ResidentSearchScope.Organisation);
        var ownScope = await residents.SearchAsync("amina");

        Assert.Equal([_resident.Id], atIntake.Select(r => r.Id).ToArray());
        Assert.Empty(ownScope);
        Assert.Empty(await residents.SearchAsync("a", scope: ResidentSearchScope.Organisation));
    }

    [Fact]
    public async Task Choosing_a_resident_at_intake_is_an_audited_read_that_shows_the_consents()
    {
        var last = await Scenario.LastAuditIdAsync(_database);

        var choice = await ServiceFor(_otherTeamMentor).ResidentChoiceAsync(_resident.Id);

        Assert.Equal("Ahmed Hassan", choice.RegistrationConsent?.RecordedBy);
        var read = Assert.Single(await Scenario.AuditSinceAsync(_database, last));
        Assert.Equal((AuditAction.Read, nameof(Resident), _resident.Id.ToString(), _otherTeamMentor.AuditName), (read.Action, read.EntityType, read.EntityId, read.Actor));
    }

    // ---- allocation ----

    private async Task<Referral> WaitingAsync(string activity = Scenario.Team1Mentoring) =>
        await Scenario.AddReferralAsync(_database, _resident.Id, activity, null);

    [Fact]
    public async Task A_leader_allocates_a_waiting_referral_to_a_staff_member_of_the_team()
    {
        var waiting = await WaitingAsync();

        await ServiceFor(_leader).AllocateAsync(waiting.Id, _mentor.StaffMemberId, waiting.Version);

        var referral = await ReferralAsync(waiting.Id);
        Assert.Equal((ReferralStatus.Allocated, (Guid?)_mentor.StaffMemberId, (DateOnly?)Today), (referral.Status, referral.AllocatedToId, referral.AllocatedOn));
        Assert.Equal(_mentor.StaffMemberId, Assert.Single(_published).AllocatedToId);
    }

    [Fact]
    public async Task Two_leaders_allocating_the_same_referral_at_once_one_wins_and_the_other_is_told_to_whom()
    {
        var waiting = await WaitingAsync();

        await ServiceFor(_leader).AllocateAsync(waiting.Id, _mentor.StaffMemberId, waiting.Version);
        var ex = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_leader2).AllocateAsync(waiting.Id, _colleague.StaffMemberId, waiting.Version));

        Assert.Equal("Henvisningen er lige blevet fordelt til Ahmed Hassan.", ex.Message);
        Assert.Equal(_mentor.StaffMemberId, (await ReferralAsync(waiting.Id)).AllocatedToId);
    }

    [Fact]
    public async Task Two_leaders_allocating_in_parallel_exactly_one_allocation_is_saved()
    {
        var waiting = await WaitingAsync();

        var attempts = await Task.WhenAll(
            Attempt(() => ServiceFor(_leader).AllocateAsync(waiting.Id, _mentor.StaffMemberId, waiting.Version)),
            Attempt(() => ServiceFor(_leader2).AllocateAsync(waiting.Id, _colleague.StaffMemberId, waiting.Version)));

        Assert.Single(attempts, a => a is null);
        var loser = Assert.Single(attempts, a => a is not null);
        var referral = await ReferralAsync(waiting.Id);
        Assert.Equal(ReferralStatus.Allocated, referral.Status);
        Assert.Equal(1, referral.Version);
        Assert.StartsWith("Henvisningen er lige blevet fordelt til ", loser!.Message);
        Assert.Single(await Scenario.AuditAsync(_database), a => a.Action == AuditAction.Update && a.EntityId == waiting.Id.ToString());
    }

    private static async Task<DomainException?> Attempt(Func<Task> allocate)
    {
        try
        {
            await allocate();
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }

    [Fact]
    public async Task The_version_is_a_concurrency_token_two_contexts_saving_the_same_referral_one_fails()
    {
        var waiting = await WaitingAsync();
        await using var first = _database.CreateDbContext();
        await using var second = _database.CreateDbContext();
        var a = await first.Referrals.SingleAsync(r => r.Id == waiting.Id);
        var b = await second.Referrals.SingleAsync(r => r.Id == waiting.Id);
        a.AllocateTo(_mentor.StaffMemberId, Today);
        b.AllocateTo(_colleague.StaffMemberId, Today);
        first.AuditActor = second.AuditActor = "test";

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Equal(_mentor.StaffMemberId, (await ReferralAsync(waiting.Id)).AllocatedToId);
    }

    [Fact]
    public async Task A_leader_of_another_team_and_a_mentor_cannot_allocate_even_by_id()
    {
        var waiting = await WaitingAsync();
        var otherLeader = await _database.AddStaffAsync("Hanne Østergaard", StaffRoles.Head, "Team2");

        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(otherLeader).AllocateAsync(waiting.Id, _otherTeamMentor.StaffMemberId, 0));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_mentor).AllocateAsync(waiting.Id, _mentor.StaffMemberId, 0));
        Assert.Equal(ReferralStatus.Received, (await ReferralAsync(waiting.Id)).Status);
    }

    [Fact]
    public async Task Allocating_to_someone_outside_the_team_is_refused()
    {
        var waiting = await WaitingAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_leader).AllocateAsync(waiting.Id, _otherTeamMentor.StaffMemberId, 0));

        Assert.Equal("Henvisningen kan kun fordeles til en aktiv mentor eller rådgiver i dit team.", ex.Message);
    }

    [Fact]
    public async Task A_leader_can_only_allocate_to_the_teams_active_mentors_and_counsellors()
    {
        var staff = await ServiceFor(_leader).AllocatableStaffAsync();

        Assert.Equal(["Ahmed Hassan", "Sofie Nielsen"], staff.Select(s => s.Name).ToArray());
    }

    // ---- the staff member's side ----

    private async Task<Referral> AllocatedToMentorAsync()
    {
        var waiting = await WaitingAsync();
        await ServiceFor(_leader).AllocateAsync(waiting.Id, _mentor.StaffMemberId, waiting.Version);
        return await ReferralAsync(waiting.Id);
    }

    [Fact]
    public async Task Accepting_opens_a_case_with_the_staff_member_responsible()
    {
        var referral = await AllocatedToMentorAsync();

        var caseId = await ServiceFor(_mentor).AcceptAsync(referral.Id, referral.Version);

        await using var db = _database.CreateDbContext();
        var opened = await db.Cases.SingleAsync(c => c.Id == caseId);
        Assert.Equal((_resident.Id, referral.ActivityId, _mentor.StaffMemberId, Today, (Guid?)referral.Id, CaseStatus.Open),
            (opened.ResidentId, opened.ActivityId, opened.ResponsibleStaffId, opened.OpenedOn, opened.ReferralId, opened.Status));
        var accepted = await ReferralAsync(referral.Id);
        Assert.Equal((ReferralStatus.Accepted, (Guid?)caseId), (accepted.Status, accepted.CaseId));
    }

    [Fact]
    public async Task Accepting_when_the_resident_already_has_an_open_case_in_the_activity_is_refused()
    {
        await Scenario.AddCaseAsync(_database, _resident.Id, Scenario.Team1Mentoring, _colleague.StaffMemberId);
        var referral = await AllocatedToMentorAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).AcceptAsync(referral.Id, referral.Version));

        Assert.StartsWith("Beboeren har allerede et åbent forløb i ", ex.Message);
        Assert.Equal(ReferralStatus.Allocated, (await ReferralAsync(referral.Id)).Status);
        Assert.Equal(1, await Scenario.CountRowsAsync(_database, "Cases"));
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_a_note_and_keeps_the_referral_for_a_new_allocation()
    {
        var referral = await AllocatedToMentorAsync();
        var service = ServiceFor(_mentor);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => service.DeclineAsync(referral.Id, referral.Version, null, "Ingen svar"));
        var noNote = await Assert.ThrowsAsync<DomainException>(() => service.DeclineAsync(referral.Id, referral.Version, ReferralDeclineReason.NotReached, " "));
        await service.DeclineAsync(referral.Id, referral.Version, ReferralDeclineReason.NotReached, "Tre opkald uden svar");

        Assert.Equal("Vælg en årsag til afvisningen.", noReason.Message);
        Assert.Equal("Bemærkning skal udfyldes.", noNote.Message);
        var declined = await ReferralAsync(referral.Id);
        Assert.Equal((ReferralStatus.Declined, (ReferralDeclineReason?)ReferralDeclineReason.NotReached), (declined.Status, declined.DeclineReason));

        await ServiceFor(_leader).AllocateAsync(referral.Id, _colleague.StaffMemberId, declined.Version);
        Assert.Equal(_colleague.StaffMemberId, (await ReferralAsync(referral.Id)).AllocatedToId);
    }

    [Fact]
    public async Task Only_the_staff_member_it_is_allocated_to_decides()
    {
        var referral = await AllocatedToMentorAsync();

        var leader = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_leader).AcceptAsync(referral.Id, referral.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_colleague).AcceptAsync(referral.Id, referral.Version));

        Assert.Equal("Kun den medarbejder, henvisningen er fordelt til, kan acceptere eller afvise den.", leader.Message);
        Assert.Equal(ReferralStatus.Allocated, (await ReferralAsync(referral.Id)).Status);
    }

    [Fact]
    public async Task A_mentor_of_another_team_can_neither_see_nor_act_on_the_referral_even_by_id()
    {
        var referral = await AllocatedToMentorAsync();
        var other = ServiceFor(_otherTeamMentor);

        await Assert.ThrowsAsync<NotFoundException>(() => other.GetAsync(referral.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => other.AcceptAsync(referral.Id, referral.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => other.DeclineAsync(referral.Id, referral.Version, ReferralDeclineReason.Other, "x"));
        Assert.Equal(ReferralStatus.Allocated, (await ReferralAsync(referral.Id)).Status);
    }

    [Fact]
    public async Task The_referral_page_is_an_audited_read_with_what_the_reader_may_do()
    {
        var referral = await AllocatedToMentorAsync();
        var last = await Scenario.LastAuditIdAsync(_database);

        var forMentor = await ServiceFor(_mentor).GetAsync(referral.Id);
        var forLeader = await ServiceFor(_leader).GetAsync(referral.Id);

        Assert.Equal(("Ahmed Hassan", "Egen henvendelse", true, false), (forMentor.AllocatedTo, forMentor.Source, forMentor.MayDecide, forMentor.MayAllocate));
        Assert.Equal((false, false), (forLeader.MayDecide, forLeader.MayAllocate));
        Assert.Equal(2, (await Scenario.AuditSinceAsync(_database, last)).Count(a => a.Action == AuditAction.Read && a.EntityType == nameof(Referral)));
    }

    [Fact]
    public async Task The_staff_member_who_recorded_a_referral_still_sees_it_after_it_goes_to_a_colleague()
    {
        var id = await RecordAsync(await FormAsync(), _colleague);
        await ServiceFor(_leader).AllocateAsync(id, _mentor.StaffMemberId, 0);

        var seen = await ServiceFor(_colleague).GetAsync(id);

        Assert.Equal(("Ahmed Hassan", false), (seen.AllocatedTo, seen.MayDecide));
    }
}
