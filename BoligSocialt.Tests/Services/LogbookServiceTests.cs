using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// The logbook on a real SQLite database with a fixed today of 15-05-2026 (the 2024-2028 plan is in force; the last
/// complete quarter is 01-01-2026..31-03-2026): recording, the list and its scope, correction, deletion and the audit.
/// </summary>
public sealed class LogbookServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 5, 15);
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.Zero));

    private TestDatabase _database = null!;
    private Actor _mentor = null!, _colleague = null!, _leader = null!, _otherMentor = null!, _otherHead = null!, _analyst = null!;
    private Resident _amina = null!, _fatima = null!, _withoutConsent = null!;
    private int _mentoring, _youth, _crime;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        _colleague = await _database.AddStaffAsync("Sofie Nielsen", StaffRoles.Mentor, "Team1");
        _leader = await _database.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1");
        _otherMentor = await _database.AddStaffAsync("Karim Yousef", StaffRoles.Mentor, "Team2");
        _otherHead = await _database.AddStaffAsync("Hanne Chef", StaffRoles.Head, "Team2");
        _analyst = await _database.AddStaffAsync("Peter Analytiker", StaffRoles.Analyst);
        _amina = await Scenario.AddResidentAsync(_database, "Amina Hussein");
        _fatima = await Scenario.AddResidentAsync(_database, "Fatima Omar");
        _withoutConsent = await ResidentWithoutConsentAsync("Omar Ali");
        _mentoring = await ActivityIdAsync(Scenario.Team1Mentoring);
        _youth = await ActivityIdAsync(Scenario.Team1Youth);
        _crime = await ActivityIdAsync(Scenario.Team2Crime);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private LogbookService ServiceFor(Actor actor) => new(_database, new FakeCurrentUser(actor), Clock);

    private async Task<int> ActivityIdAsync(string code)
    {
        await using var db = _database.CreateDbContext();
        return await db.Activities.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    private async Task<Resident> ResidentWithoutConsentAsync(string name)
    {
        var departmentId = await Scenario.DepartmentIdAsync(_database, "Granparken");
        await using var db = _database.CreateDbContext();
        var resident = new Resident(name, new DateOnly(1988, 2, 3), null, null, DateTimeOffset.UtcNow);
        resident.MoveTo(departmentId, new DateOnly(2015, 1, 1));
        db.Residents.Add(resident);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return resident;
    }

    private static DateTime At(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    private LogbookForm Conversation(int activityId, params Resident[] residents) => new()
    {
        Date = At(Today.AddDays(-1)),
        ActivityId = activityId,
        Kind = LogbookEntryKind.Conversation,
        Residents = residents.Select(r => new LogbookResident(r.Id, r.Name)).ToList(),
        Note = "  Snak om jobsøgning  ",
    };

    private LogbookForm Event(int activityId, int headCount) => new()
    {
        Date = At(Today),
        ActivityId = activityId,
        Kind = LogbookEntryKind.Event,
        Anonymous = true,
        HeadCount = headCount,
        Note = "Fællesspisning",
    };

    private async Task<LogbookEntry?> EntryAsync(Guid id, bool includeDeleted = false)
    {
        await using var db = _database.CreateDbContext();
        var entries = includeDeleted ? db.LogbookEntries.IgnoreQueryFilters() : db.LogbookEntries;
        return await entries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id);
    }

    private async Task<int> EntryCountAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.LogbookEntries.IgnoreQueryFilters().CountAsync();
    }

    private static Guid[] Ids(params Resident[] residents) => residents.Select(r => r.Id).Order().ToArray();

    private static async Task<IReadOnlyList<LogbookRow>> RowsAsync(LogbookService service, LogbookFilter? filter = null) =>
        (await service.ListAsync(filter)).Rows;

    private static LogbookFilter All() => new();

    // Quick entry

    [Fact]
    public async Task The_quick_entry_offers_the_active_activities_of_the_plan_in_force_own_team_first_and_the_kinds_in_Danish()
    {
        var options = await ServiceFor(_mentor).OptionsAsync();

        var oldPlan = await ActivityIdAsync("DIJ");
        await using var db = _database.CreateDbContext();
        var inForce = await db.Activities.Where(a => a.IsActive && a.PlanPeriod!.Start <= Today && a.PlanPeriod.End >= Today).Select(a => a.Id).ToListAsync();
        Assert.Equal(inForce.Order(), options.Activities.Select(a => a.Id).Order());
        Assert.DoesNotContain(options.Activities, a => a.Id == oldPlan);
        var ownTeam = options.Activities.TakeWhile(a => a.IsOwnTeam).ToList();
        Assert.Contains(ownTeam, a => a.Id == _mentoring);
        Assert.DoesNotContain(options.Activities.SkipWhile(a => a.IsOwnTeam), a => a.IsOwnTeam);
        Assert.Contains(options.Activities.SkipWhile(a => a.IsOwnTeam), a => a.Id == _crime);
        Assert.Equal("Samtale", options.Kinds.Single(k => k.Kind == LogbookEntryKind.Conversation).Name);
        Assert.Equal("Arrangement", options.Kinds.Single(k => k.Kind == LogbookEntryKind.Event).Name);
        Assert.Equal(Enum.GetValues<LogbookEntryKind>().Length, options.Kinds.Count);
        Assert.Equal([LogbookEntryKind.GroupSession], options.Kinds.Where(k => !k.Recordable).Select(k => k.Kind));
    }

    [Fact]
    public async Task A_leader_records_in_their_own_teams_activities_only()
    {
        var options = await ServiceFor(_leader).OptionsAsync();

        Assert.NotEmpty(options.Activities);
        Assert.All(options.Activities, a => Assert.True(a.IsOwnTeam));
        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_leader).RecordAsync(Event(_crime, 10)));
        Assert.Equal("Vælg en aktiv aktivitet fra listen.", refused.Message);
    }

    [Fact]
    public async Task A_conversation_with_two_residents_is_saved_in_the_actors_name_and_audited_as_a_creation()
    {
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var id = await ServiceFor(_mentor).RecordAsync(Conversation(_mentoring, _amina, _fatima));

        var entry = (await EntryAsync(id))!;
        Assert.Equal((Today.AddDays(-1), _mentoring, LogbookEntryKind.Conversation, _mentor.StaffMemberId), (entry.Date, entry.ActivityId, entry.Kind, entry.StaffMemberId));
        Assert.Equal(Ids(_amina, _fatima), entry.Participants.Select(p => p.ResidentId).Order().ToArray());
        Assert.Null(entry.HeadCount);
        Assert.Equal("Snak om jobsøgning", entry.Note);
        Assert.Null(entry.CaseId);
        Assert.Equal([(AuditAction.Create, nameof(LogbookEntry), id.ToString(), _mentor.AuditName)],
            (await Scenario.AuditSinceAsync(_database, lastAudit)).Select(a => (a.Action, a.EntityType, a.EntityId, a.Actor)));
    }

    [Fact]
    public async Task An_event_is_saved_with_an_anonymous_head_count_and_no_residents()
    {
        var form = Event(_mentoring, 40);
        form.Residents.Add(new LogbookResident(_amina.Id, _amina.Name));

        var id = await ServiceFor(_mentor).RecordAsync(form);

        var entry = (await EntryAsync(id))!;
        Assert.Equal(40, entry.HeadCount);
        Assert.Empty(entry.Participants);
        Assert.Equal(LogbookEntryKind.Event, entry.Kind);
    }

    [Fact]
    public void Choosing_a_kind_switches_events_and_outreach_to_a_head_count()
    {
        var form = new LogbookForm();

        form.ChooseKind(LogbookEntryKind.Outreach);
        Assert.True(form.Anonymous);
        form.ChooseKind(LogbookEntryKind.PhoneCall);
        Assert.False(form.Anonymous);
        form.ChooseKind(LogbookEntryKind.Event);
        Assert.True(form.Anonymous);
    }

    [Fact]
    public async Task A_resident_without_consent_to_registration_is_refused_with_the_anonymous_head_count_suggested()
    {
        var before = await EntryCountAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(Conversation(_mentoring, _amina, _withoutConsent)));

        Assert.Equal("Omar Ali har ikke givet samtykke til registrering og kan ikke registreres med navn. Registrér i stedet anonymt med et antal deltagere.",
            refused.Message);
        Assert.Equal(before, await EntryCountAsync());
        var anonymous = Conversation(_mentoring);
        anonymous.Anonymous = true;
        anonymous.HeadCount = 1;
        var id = await ServiceFor(_mentor).RecordAsync(anonymous);
        Assert.Equal(1, (await EntryAsync(id))!.HeadCount);
    }

    [Fact]
    public async Task Choosing_a_resident_is_an_audited_read_and_one_without_consent_is_refused_at_once()
    {
        var lastAudit = await Scenario.LastAuditIdAsync(_database);
        var service = ServiceFor(_mentor);

        var chosen = await service.ChooseResidentAsync(_amina.Id);
        var refused = await Assert.ThrowsAsync<DomainException>(() => service.ChooseResidentAsync(_withoutConsent.Id));
        var gone = await Assert.ThrowsAsync<DomainException>(() => service.ChooseResidentAsync(Guid.NewGuid()));

        Assert.Equal(new LogbookResident(_amina.Id, "Amina Hussein"), chosen);
        Assert.StartsWith("Omar Ali har ikke givet samtykke til registrering", refused.Message);
        Assert.Equal("Beboeren findes ikke (længere). Søg igen.", gone.Message);
        Assert.Equal([(AuditAction.Read, nameof(Resident), _amina.Id.ToString()), (AuditAction.Read, nameof(Resident), _withoutConsent.Id.ToString())],
            (await Scenario.AuditSinceAsync(_database, lastAudit)).Select(a => (a.Action, a.EntityType, a.EntityId)));
    }

    [Fact]
    public async Task An_empty_form_is_refused_with_everything_missing_at_once_and_saves_nothing()
    {
        var before = await EntryCountAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(new LogbookForm()));

        Assert.Equal("Angiv datoen. Vælg aktivitet. Vælg hvad der er sket (slags). Vælg mindst én beboer, eller registrér anonymt med et antal deltagere.",
            refused.Message);
        var anonymous = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(new LogbookForm { Date = At(Today.AddDays(1)), Anonymous = true }));
        Assert.Equal("Datoen kan ikke ligge i fremtiden. Vælg aktivitet. Vælg hvad der er sket (slags). Angiv antal deltagere.", anonymous.Message);
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task A_date_outside_the_activitys_plan_and_a_group_session_are_refused()
    {
        var early = Conversation(_mentoring, _amina);
        early.Date = At(new DateOnly(2024, 9, 30));
        var session = Conversation(_mentoring, _amina);
        session.Kind = LogbookEntryKind.GroupSession;

        var outside = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(early));
        var groupSession = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).RecordAsync(session));

        Assert.Equal("Aktiviteten hører til helhedsplanen 01-10-2024 til 30-09-2028: datoen skal ligge i den.", outside.Message);
        Assert.Equal("En gang i et gruppeforløb registreres i gruppeforløbet, ikke her.", groupSession.Message);
        Assert.Equal(0, await EntryCountAsync());
    }

    [Fact]
    public async Task Analysts_and_administrators_record_and_see_nothing()
    {
        var service = ServiceFor(_analyst);

        await Assert.ThrowsAsync<NotFoundException>(() => service.OptionsAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => service.RecordAsync(Event(_mentoring, 5)));
        await Assert.ThrowsAsync<NotFoundException>(() => service.ListAsync());
    }

    // The list

    [Fact]
    public async Task The_list_shows_the_last_30_days_newest_first_with_names_head_counts_and_the_case()
    {
        var opened = await Scenario.AddCaseAsync(_database, _amina.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var inCase = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_amina.Id], Today.AddDays(-30),
            LogbookEntryKind.FollowUp, "Opfølgning", opened.Id);
        await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_amina.Id], Today.AddDays(-31));
        var service = ServiceFor(_mentor);
        var named = await service.RecordAsync(Conversation(_youth, _fatima, _amina));
        var anonymous = await service.RecordAsync(Event(_mentoring, 12));

        var list = await service.ListAsync();

        Assert.Equal([anonymous, named, inCase.Id], list.Rows.Select(r => r.Id));
        Assert.False(list.HasMore);
        var (eventRow, namedRow, caseRow) = (list.Rows[0], list.Rows[1], list.Rows[2]);
        Assert.Equal(("Arrangement", 12, "Fællesspisning", "Ahmed Hassan"), (eventRow.KindName, eventRow.HeadCount, eventRow.Note, eventRow.StaffMember));
        Assert.Empty(eventRow.Residents);
        Assert.Equal(["Amina Hussein", "Fatima Omar"], namedRow.Residents.Select(r => r.Name));
        Assert.Equal(("Samtale", "Ungerådgivning", Today.AddDays(-1)), (namedRow.KindName, namedRow.Activity, namedRow.Date));
        Assert.Null(namedRow.CaseId);
        Assert.Equal(opened.Id, caseRow.CaseId);
        Assert.True(caseRow.ActivityAndResidentsFixed);
        Assert.All(list.Rows, r => Assert.True(r.MayCorrect));
        Assert.All(list.Rows, r => Assert.False(r.MayDelete));
    }

    [Fact]
    public async Task The_list_filters_by_period_activity_staff_member_and_kind()
    {
        var mine = ServiceFor(_mentor);
        var a = await mine.RecordAsync(Conversation(_mentoring, _amina));
        var b = await mine.RecordAsync(Event(_youth, 8));
        var colleaguesForm = Conversation(_youth, _fatima);
        colleaguesForm.Date = At(Today.AddDays(-2));
        var colleagues = await ServiceFor(_colleague).RecordAsync(colleaguesForm);
        var old = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Youth, [_amina.Id], new DateOnly(2025, 12, 1));
        var leader = ServiceFor(_leader);

        Assert.Equal([b, a, colleagues], (await RowsAsync(leader, All())).Select(r => r.Id).Take(3));
        Assert.Equal(old.Id, (await RowsAsync(leader, All()))[^1].Id);
        Assert.Equal([b, colleagues, old.Id], (await RowsAsync(leader, new LogbookFilter { ActivityId = _youth })).Select(r => r.Id));
        Assert.Equal([colleagues], (await RowsAsync(leader, new LogbookFilter { StaffMemberId = _colleague.StaffMemberId })).Select(r => r.Id));
        Assert.Equal([b], (await RowsAsync(leader, new LogbookFilter { Kind = LogbookEntryKind.Event })).Select(r => r.Id));
        Assert.Equal([old.Id], (await RowsAsync(leader, new LogbookFilter { From = At(new DateOnly(2025, 11, 1)), To = At(new DateOnly(2025, 12, 31)) })).Select(r => r.Id));
        Assert.Equal([b, a], (await RowsAsync(leader, new LogbookFilter { From = At(Today.AddDays(-1)), StaffMemberId = _mentor.StaffMemberId })).Select(r => r.Id));
        var list = await leader.ListAsync(All());
        Assert.Equal(["Ahmed Hassan", "Sofie Nielsen"], list.Staff.Select(s => s.Name));
        Assert.Equal(new[] { _mentoring, _youth }.Order(), list.Activities.Select(x => x.Id).Order());
    }

    [Fact]
    public async Task Another_teams_mentor_and_head_see_nothing_of_ours_even_by_id_nor_does_a_colleague()
    {
        var id = await ServiceFor(_mentor).RecordAsync(Conversation(_mentoring, _amina));
        var before = await EntryAsync(id);

        foreach (var outsider in new[] { _otherMentor, _otherHead, _colleague })
        {
            var service = ServiceFor(outsider);
            Assert.Empty(await RowsAsync(service, All()));
            await Assert.ThrowsAsync<NotFoundException>(() => service.CorrectAsync(id, Conversation(_mentoring, _fatima)));
            await Assert.ThrowsAsync<NotFoundException>(() => service.DeleteAsync(id, "Forkert"));
            Assert.False(await service.IsNoteSavedAsync(id, "Snak om jobsøgning"));
        }
        var after = (await EntryAsync(id))!;
        Assert.Equal((before!.Note, before.Date), (after.Note, after.Date));
        Assert.Equal(Ids(_amina), after.Participants.Select(p => p.ResidentId).ToArray());
    }

    [Fact]
    public async Task The_leader_sees_the_teams_activities_whoever_wrote_and_may_correct_and_delete_them()
    {
        var ours = await ServiceFor(_otherMentor).RecordAsync(Conversation(_youth, _amina));
        var theirs = await ServiceFor(_otherMentor).RecordAsync(Conversation(_crime, _fatima));

        var rows = await RowsAsync(ServiceFor(_leader), All());

        var row = Assert.Single(rows);
        Assert.Equal(ours, row.Id);
        Assert.True(row.MayCorrect && row.MayDelete);
        Assert.Equal([theirs], (await RowsAsync(ServiceFor(_otherHead), All())).Select(r => r.Id));
        Assert.Equal(new[] { ours, theirs }.Order(), (await RowsAsync(ServiceFor(_otherMentor), All())).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Every_entry_shown_is_one_audited_read()
    {
        var service = ServiceFor(_mentor);
        var a = await service.RecordAsync(Conversation(_mentoring, _amina));
        var b = await service.RecordAsync(Event(_mentoring, 4));
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        await service.ListAsync();

        var reads = await Scenario.AuditSinceAsync(_database, lastAudit);
        Assert.Equal(new[] { (AuditAction.Read, nameof(LogbookEntry), a.ToString()), (AuditAction.Read, nameof(LogbookEntry), b.ToString()) }.Order(),
            reads.Select(r => (r.Action, r.EntityType, r.EntityId)).Order());
        Assert.All(reads, r => Assert.Equal(_mentor.AuditName, r.Actor));
    }

    [Fact]
    public async Task The_list_stops_at_200_says_there_are_more_and_audits_only_what_it_shows()
    {
        await using (var db = _database.CreateDbContext())
        {
            for (var i = 0; i < LogbookService.MaxRows + 1; i++)
                db.LogbookEntries.Add(new LogbookEntry(Today.AddDays(-(i % 20)), _mentor.StaffMemberId, _mentoring, LogbookEntryKind.Event, [], 5, null, Today));
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var list = await ServiceFor(_mentor).ListAsync();

        Assert.Equal(LogbookService.MaxRows, list.Rows.Count);
        Assert.True(list.HasMore);
        Assert.Equal(LogbookService.MaxRows, (await Scenario.AuditSinceAsync(_database, lastAudit)).Count);
        Assert.Equal(list.Rows.OrderByDescending(r => r.Date).Select(r => r.Date), list.Rows.Select(r => r.Date));
    }

    // Correction

    [Fact]
    public async Task The_author_corrects_an_entry_and_the_correction_is_audited()
    {
        var service = ServiceFor(_mentor);
        var id = await service.RecordAsync(Conversation(_mentoring, _amina));
        var lastAudit = await Scenario.LastAuditIdAsync(_database);
        var correction = Conversation(_youth, _fatima, _amina);
        correction.Date = At(Today.AddDays(-3));
        correction.Kind = LogbookEntryKind.PhoneCall;
        correction.Note = "Ringede i stedet";

        await service.CorrectAsync(id, correction);

        var entry = (await EntryAsync(id))!;
        Assert.Equal((Today.AddDays(-3), _youth, LogbookEntryKind.PhoneCall, "Ringede i stedet"), (entry.Date, entry.ActivityId, entry.Kind, entry.Note));
        Assert.Equal(Ids(_amina, _fatima), entry.Participants.Select(p => p.ResidentId).Order().ToArray());
        Assert.Equal(_mentor.StaffMemberId, entry.StaffMemberId);
        Assert.Equal([(AuditAction.Update, nameof(LogbookEntry), id.ToString(), _mentor.AuditName)],
            (await Scenario.AuditSinceAsync(_database, lastAudit)).Select(a => (a.Action, a.EntityType, a.EntityId, a.Actor)));
    }

    [Fact]
    public async Task The_leader_of_the_activitys_team_corrects_a_mentors_entry()
    {
        var id = await ServiceFor(_mentor).RecordAsync(Conversation(_mentoring, _amina));
        var correction = Conversation(_mentoring, _amina);
        correction.Note = "Rettet af lederen";

        await ServiceFor(_leader).CorrectAsync(id, correction);

        Assert.Equal("Rettet af lederen", (await EntryAsync(id))!.Note);
        Assert.Equal(_mentor.StaffMemberId, (await EntryAsync(id))!.StaffMemberId);
    }

    [Fact]
    public async Task A_correction_is_refused_in_Danish_and_changes_nothing_when_it_breaks_a_rule()
    {
        var opened = await Scenario.AddCaseAsync(_database, _amina.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var inCase = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_amina.Id], Today.AddDays(-2),
            LogbookEntryKind.FollowUp, "Opfølgning", opened.Id);
        var free = await ServiceFor(_mentor).RecordAsync(Conversation(_mentoring, _amina));
        var service = ServiceFor(_mentor);
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        var otherResident = Conversation(_mentoring, _fatima);
        otherResident.Kind = LogbookEntryKind.FollowUp;
        var caseRefusal = await Assert.ThrowsAsync<DomainException>(() => service.CorrectAsync(inCase.Id, otherResident));
        var consentRefusal = await Assert.ThrowsAsync<DomainException>(() => service.CorrectAsync(free, Conversation(_mentoring, _amina, _withoutConsent)));
        var emptyRefusal = await Assert.ThrowsAsync<DomainException>(() => service.CorrectAsync(free, new LogbookForm { Date = At(Today), ActivityId = _mentoring }));
        var sessionRefusal = await Assert.ThrowsAsync<DomainException>(() => service.CorrectAsync(free, new LogbookForm
        {
            Date = At(Today), ActivityId = _mentoring, Kind = LogbookEntryKind.GroupSession, Residents = [new(_amina.Id, _amina.Name)],
        }));

        Assert.Equal("Indførslen hører til et forløb: aktivitet og beboer rettes i forløbet, ikke her.", caseRefusal.Message);
        Assert.StartsWith("Omar Ali har ikke givet samtykke", consentRefusal.Message);
        Assert.Equal("Vælg hvad der er sket (slags). Vælg mindst én beboer, eller registrér anonymt med et antal deltagere.", emptyRefusal.Message);
        Assert.Equal("En gang i et gruppeforløb registreres i gruppeforløbet, ikke her.", sessionRefusal.Message);
        Assert.Equal(Ids(_amina), (await EntryAsync(inCase.Id))!.Participants.Select(p => p.ResidentId).ToArray());
        var unchanged = (await EntryAsync(free))!;
        Assert.Equal(LogbookEntryKind.Conversation, unchanged.Kind);
        Assert.Equal(Ids(_amina), unchanged.Participants.Select(p => p.ResidentId).ToArray());
        Assert.Empty(await Scenario.AuditSinceAsync(_database, lastAudit));
    }

    [Fact]
    public async Task An_entry_of_a_case_is_corrected_in_its_date_and_note_and_keeps_its_resident()
    {
        var opened = await Scenario.AddCaseAsync(_database, _amina.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var inCase = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_amina.Id], Today.AddDays(-2),
            LogbookEntryKind.FollowUp, "Opfølgning", opened.Id);
        var correction = Conversation(_mentoring, _amina);
        correction.Kind = LogbookEntryKind.FollowUp;
        correction.Note = "Opfølgning om praktik";

        await ServiceFor(_mentor).CorrectAsync(inCase.Id, correction);

        var entry = (await EntryAsync(inCase.Id))!;
        Assert.Equal((Today.AddDays(-1), "Opfølgning om praktik", opened.Id), (entry.Date, entry.Note, entry.CaseId));
    }

    // Deletion

    [Fact]
    public async Task Only_a_leader_of_the_activitys_team_deletes_and_only_with_a_reason()
    {
        var id = await ServiceFor(_mentor).RecordAsync(Conversation(_mentoring, _amina));

        var author = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).DeleteAsync(id, "Forkert beboer"));
        var noReason = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_leader).DeleteAsync(id, "  "));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_otherHead).DeleteAsync(id, "Forkert beboer"));

        Assert.Equal("Kun lederen af aktivitetens team kan slette en indførsel. Ret den i stedet.", author.Message);
        Assert.Equal("Begrundelsen skal udfyldes.", noReason.Message);
        Assert.False((await EntryAsync(id, includeDeleted: true))!.IsDeleted);
    }

    [Fact]
    public async Task A_deleted_entry_is_gone_from_the_list_the_case_timeline_and_the_team_figures_but_kept_in_the_database()
    {
        var opened = await Scenario.AddCaseAsync(_database, _amina.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        var kept = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_amina.Id], new DateOnly(2026, 2, 10),
            LogbookEntryKind.FollowUp, "Første opfølgning", opened.Id);
        var deleted = await Scenario.AddLogbookEntryAsync(_database, _mentor.StaffMemberId, Scenario.Team1Mentoring, [_amina.Id], new DateOnly(2026, 3, 20),
            LogbookEntryKind.FollowUp, "Skrevet på den forkerte", opened.Id);
        var statistics = new TeamStatisticsService(_database, new FakeCurrentUser(_leader), Clock);
        var timeline = new CaseQueries(_database, new FakeCurrentUser(_mentor), Clock);
        Assert.Equal(2, FollowUps(await statistics.CasesAsync(_mentor.StaffMemberId, TeamFigure.FollowUpsPerCase), opened.Id));
        Assert.Equal(2, (await timeline.GetAsync(opened.Id)).Timeline.Count);
        var lastAudit = await Scenario.LastAuditIdAsync(_database);

        await ServiceFor(_leader).DeleteAsync(deleted.Id, "  Skrevet i det forkerte forløb  ");

        var audit = await Scenario.AuditSinceAsync(_database, lastAudit);
        Assert.Equal([(AuditAction.Update, deleted.Id.ToString()), (AuditAction.Delete, deleted.Id.ToString())],
            audit.Select(a => (a.Action, a.EntityId)).Order());
        Assert.All(audit, a => Assert.Equal((nameof(LogbookEntry), _leader.AuditName), (a.EntityType, a.Actor)));
        Assert.Equal([kept.Id], (await RowsAsync(ServiceFor(_leader), All())).Select(r => r.Id));
        Assert.Equal([kept.Id], (await RowsAsync(ServiceFor(_mentor), All())).Select(r => r.Id));
        Assert.Equal(["Første opfølgning"], (await timeline.GetAsync(opened.Id)).Timeline.Select(t => t.Note));
        Assert.Equal(1, FollowUps(await statistics.CasesAsync(_mentor.StaffMemberId, TeamFigure.FollowUpsPerCase), opened.Id));
        Assert.Null(await EntryAsync(deleted.Id));
        var stored = (await EntryAsync(deleted.Id, includeDeleted: true))!;
        Assert.Equal((true, _leader.StaffMemberId, "Skrevet i det forkerte forløb", Clock.GetUtcNow()),
            (stored.IsDeleted, stored.DeletedById, stored.DeletionReason, stored.DeletedAt));
        Assert.Equal("Skrevet på den forkerte", stored.Note);
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_leader).DeleteAsync(deleted.Id, "Igen"));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_mentor).CorrectAsync(deleted.Id, Conversation(_mentoring, _amina)));
    }

    private static int? FollowUps(FigureCases figure, Guid caseId) => figure.Cases.Single(c => c.Id == caseId).Extra;

    [Fact]
    public async Task A_held_group_session_is_not_deleted_here()
    {
        Guid entryId;
        await using (var db = _database.CreateDbContext())
        {
            var course = new BoligSocialt.Domain.GroupCourses.GroupCourse(_youth, "Dig, mig og arbejde", _mentor.StaffMemberId, Today.AddDays(-20));
            course.Enrol(_amina.Id);
            var session = course.PlanSession(Today.AddDays(-7), "CV");
            course.SetAttendance(session.Id, _amina.Id, attended: true);
            var entry = course.HoldSession(session.Id, _mentor.StaffMemberId, null, Today);
            db.GroupCourses.Add(course);
            db.LogbookEntries.Add(entry);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
            entryId = entry.Id;
        }

        var row = (await RowsAsync(ServiceFor(_leader), All())).Single(r => r.Id == entryId);
        var refused = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_leader).DeleteAsync(entryId, "Aflyst"));

        Assert.True(row.MayCorrect);
        Assert.False(row.MayDelete);
        Assert.True(row.ActivityAndResidentsFixed);
        Assert.Equal("Indførslen er en holdt gang i et gruppeforløb: ret fremmødet i gruppeforløbet i stedet.", refused.Message);
    }

    // Drafts

    [Fact]
    public async Task A_draft_counts_as_saved_only_against_the_staff_members_own_recent_note_or_the_corrected_entry()
    {
        var id = await ServiceFor(_mentor).RecordAsync(Conversation(_mentoring, _amina));

        Assert.True(await ServiceFor(_mentor).IsNoteSavedAsync(null, "Snak om jobsøgning "));
        Assert.True(await ServiceFor(_mentor).IsNoteSavedAsync(id, "Snak om jobsøgning"));
        Assert.False(await ServiceFor(_mentor).IsNoteSavedAsync(id, "Noget andet"));
        Assert.False(await ServiceFor(_leader).IsNoteSavedAsync(null, "Snak om jobsøgning"));
    }
}
