using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

public sealed class ResidentServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Actor _mentor = null!;
    private Actor _mentor2 = null!;
    private int _granparken;
    private int _solbakken;

    private static DateTime Today => DateTime.Today;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _mentor = await _database.AddStaffAsync("Ahmed Mentor", StaffRoles.Mentor, "Team1");
        _mentor2 = await _database.AddStaffAsync("Karim Mentor", StaffRoles.Mentor, "Team2");
        _granparken = await Scenario.DepartmentIdAsync(_database, "Granparken");
        _solbakken = await Scenario.DepartmentIdAsync(_database, "Solbakken");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private ResidentService ServiceFor(Actor actor) => new(_database, new FakeCurrentUser(actor), TimeProvider.System);

    private ResidentForm Form(string name = "Åse Ærø", int? departmentId = null, DateTime? birthDate = null) => new()
    {
        Name = name,
        BirthDate = birthDate ?? new DateTime(1990, 4, 12),
        Phone = "+45 12 34 56 78",
        DepartmentId = departmentId ?? _granparken,
        LivesThereFrom = new DateTime(2018, 8, 1),
        RegistrationConsent = true,
        RegistrationConsentOn = new DateTime(2025, 1, 10),
    };

    private async Task<int> ResidentCountAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.Residents.CountAsync();
    }

    private async Task<string[]> SearchNamesAsync(string query, Actor? actor = null) =>
        (await ServiceFor(actor ?? _mentor).SearchAsync(query)).Select(r => r.Name).Order(StringComparer.Ordinal).ToArray();

    // ---- create and read ----

    [Fact]
    public async Task Created_resident_is_read_back_with_department_consent_and_who_recorded_it()
    {
        var service = ServiceFor(_mentor);

        var id = await service.CreateAsync(Form());
        var details = await service.GetAsync(id);

        Assert.Equal("Åse Ærø", details.Name);
        Assert.Equal(new DateOnly(1990, 4, 12), details.BirthDate);
        Assert.Equal("+4512345678", details.Phone);
        var current = Assert.Single(details.Residences);
        Assert.True(current.IsCurrent);
        Assert.Equal("Granparken", current.Department);
        Assert.Equal("Vollsmose", current.Area);
        Assert.Equal(new DateOnly(2018, 8, 1), current.From);
        Assert.NotNull(details.RegistrationConsent);
        Assert.Equal(new DateOnly(2025, 1, 10), details.RegistrationConsent.GivenOn);
        Assert.Equal("Ahmed Mentor", details.RegistrationConsent.RecordedBy);
        Assert.Null(details.SharingConsent);
        Assert.Empty(details.Cases);
        Assert.Empty(details.Referrals);
    }

    [Fact]
    public async Task Created_resident_is_visible_to_its_creator()
    {
        var id = await ServiceFor(_mentor).CreateAsync(Form());

        await using var db = _database.CreateDbContext();
        Assert.True(await db.VisibleResidents(_mentor).AnyAsync(r => r.Id == id));
        Assert.Contains(id, (await ServiceFor(_mentor).SearchAsync("aase")).Select(r => r.Id));
    }

    [Fact]
    public async Task Created_resident_is_not_visible_to_a_mentor_of_another_team()
    {
        var id = await ServiceFor(_mentor).CreateAsync(Form());

        Assert.Empty(await ServiceFor(_mentor2).SearchAsync("aase"));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(_mentor2).GetAsync(id));
    }

    // ---- search ----

    private async Task SeedSearchResidentsAsync()
    {
        var service = ServiceFor(_mentor);
        await service.CreateAsync(Form("Åse Ærø", _granparken, new DateTime(1990, 4, 12)));
        await service.CreateAsync(Form("Aase Hansen", _solbakken, new DateTime(1985, 1, 2)));
        await service.CreateAsync(Form("Soeren Jensen", _solbakken, new DateTime(1972, 6, 30)));
        await service.CreateAsync(Form("Mette Lund", _granparken, new DateTime(1990, 11, 5)));
    }

    [Theory]
    [InlineData("aase")]
    [InlineData("AASE")]
    [InlineData("Åse")]
    [InlineData("åSE")]
    public async Task Search_ignores_case_and_spells_out_aa_for_å(string query)
    {
        await SeedSearchResidentsAsync();

        Assert.Equal(["Aase Hansen", "Åse Ærø"], await SearchNamesAsync(query));
    }

    [Fact]
    public async Task Search_for_ae_and_oe_finds_æ_and_ø()
    {
        await SeedSearchResidentsAsync();

        Assert.Equal(["Åse Ærø"], await SearchNamesAsync("aeroe"));
        Assert.Equal(["Åse Ærø"], await SearchNamesAsync("ærø"));
    }

    [Fact]
    public async Task Search_for_a_name_typed_with_ø_finds_the_oe_spelling()
    {
        await SeedSearchResidentsAsync();

        Assert.Equal(["Soeren Jensen"], await SearchNamesAsync("søren"));
    }

    [Fact]
    public async Task Search_matches_part_of_a_folded_name_so_ase_also_finds_Åse()
    {
        await SeedSearchResidentsAsync();

        // "Åse" folds to "aase", which contains "ase".
        Assert.Equal(["Aase Hansen", "Åse Ærø"], await SearchNamesAsync("ase"));
    }

    [Fact]
    public async Task Search_by_birth_date_finds_the_resident_born_that_day()
    {
        await SeedSearchResidentsAsync();

        Assert.Equal(["Åse Ærø"], await SearchNamesAsync("12-04-1990"));
        Assert.Equal(["Åse Ærø"], await SearchNamesAsync("12.04.1990"));
    }

    [Fact]
    public async Task Search_by_a_four_digit_year_finds_residents_born_that_year()
    {
        await SeedSearchResidentsAsync();

        Assert.Equal(["Mette Lund", "Åse Ærø"], await SearchNamesAsync("1990"));
    }

    [Fact]
    public async Task Search_by_a_department_name_finds_residents_living_there_now()
    {
        await SeedSearchResidentsAsync();
        // Aase moves from Solbakken to Granparken; Soeren stays in Solbakken.
        var aase = (await ServiceFor(_mentor).SearchAsync("aase hansen")).Single().Id;
        var form = await ServiceFor(_mentor).EditFormAsync(aase);
        form.DepartmentId = _granparken;
        form.LivesThereFrom = Today.AddDays(-10);
        await ServiceFor(_mentor).UpdateAsync(aase, form);

        Assert.Equal(["Aase Hansen", "Mette Lund", "Åse Ærø"], await SearchNamesAsync("granparken"));
        Assert.Equal(["Soeren Jensen"], await SearchNamesAsync("Solbakken"));
    }

    [Fact]
    public async Task Search_with_two_words_needs_both_to_match()
    {
        await SeedSearchResidentsAsync();

        Assert.Equal(["Aase Hansen"], await SearchNamesAsync("aase hansen"));
        Assert.Equal(["Åse Ærø"], await SearchNamesAsync("aase granparken"));
        Assert.Equal(["Åse Ærø"], await SearchNamesAsync("aase 1990"));
        Assert.Empty(await SearchNamesAsync("aase lund"));
    }

    [Fact]
    public async Task Search_can_be_limited_to_a_department()
    {
        await SeedSearchResidentsAsync();

        var found = await ServiceFor(_mentor).SearchAsync("aase", _solbakken);

        Assert.Equal(["Aase Hansen"], found.Select(r => r.Name).ToArray());
        Assert.Equal("Solbakken", found[0].Department);
        Assert.Equal("Rising", found[0].Area);
    }

    [Fact]
    public async Task Mentor_searching_gets_no_resident_of_another_team()
    {
        await SeedSearchResidentsAsync();
        var other = await Scenario.AddResidentAsync(_database, "Aase Andersen");
        await Scenario.AddCaseAsync(_database, other.Id, Scenario.Team2Crime, _mentor2.StaffMemberId);

        Assert.DoesNotContain("Aase Andersen", await SearchNamesAsync("aase"));
        Assert.Equal(["Aase Andersen"], await SearchNamesAsync("aase", _mentor2));
    }

    [Fact]
    public async Task Get_of_another_teams_resident_throws_not_found_exactly_like_an_unknown_id()
    {
        var other = await Scenario.AddResidentAsync(_database, "Fremmed Beboer");
        await Scenario.AddCaseAsync(_database, other.Id, Scenario.Team2Crime, _mentor2.StaffMemberId);
        var service = ServiceFor(_mentor);

        var outOfScope = await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(other.Id));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(Guid.NewGuid()));

        Assert.Equal(unknown.Message, outOfScope.Message);
    }

    // ---- audit ----

    [Fact]
    public async Task Get_writes_exactly_one_read_audit_row_for_the_resident_by_the_staff_member()
    {
        var id = await ServiceFor(_mentor).CreateAsync(Form());
        var before = await Scenario.LastAuditIdAsync(_database);

        await ServiceFor(_mentor).GetAsync(id);

        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(AuditAction.Read, row.Action);
        Assert.Equal("Resident", row.EntityType);
        Assert.Equal(id.ToString(), row.EntityId);
        Assert.Equal(_mentor.StaffMemberId.ToString(), row.Actor);
    }

    [Fact]
    public async Task Audit_rows_hold_no_name_of_the_resident()
    {
        var service = ServiceFor(_mentor);
        var id = await service.CreateAsync(Form("Zainab Farah"));
        var form = await service.EditFormAsync(id);
        form.Phone = "87654321";
        await service.UpdateAsync(id, form);
        await service.GetAsync(id);

        var cells = await Scenario.AuditCellsAsync(_database);

        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, c => c.Contains("Zainab", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(cells, c => c.Contains("Farah", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(cells, c => c.Contains("87654321", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_writes_one_create_audit_row()
    {
        var before = await Scenario.LastAuditIdAsync(_database);

        var id = await ServiceFor(_mentor).CreateAsync(Form());

        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(AuditAction.Create, row.Action);
        Assert.Equal("Resident", row.EntityType);
        Assert.Equal(id.ToString(), row.EntityId);
        Assert.Equal(_mentor.StaffMemberId.ToString(), row.Actor);
    }

    [Fact]
    public async Task Update_writes_an_update_audit_row()
    {
        var service = ServiceFor(_mentor);
        var id = await service.CreateAsync(Form());
        var form = await service.EditFormAsync(id);
        var before = await Scenario.LastAuditIdAsync(_database);

        form.Name = "Åse Ærø Hansen";
        await service.UpdateAsync(id, form);

        var row = Assert.Single(await Scenario.AuditSinceAsync(_database, before));
        Assert.Equal(AuditAction.Update, row.Action);
        Assert.Equal("Resident", row.EntityType);
        Assert.Equal(id.ToString(), row.EntityId);
        Assert.Equal(_mentor.StaffMemberId.ToString(), row.Actor);
    }

    [Fact]
    public async Task Create_with_an_unknown_department_is_refused_and_saves_nothing()
    {
        var countBefore = await ResidentCountAsync();
        var auditBefore = await Scenario.LastAuditIdAsync(_database);

        var error = await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).CreateAsync(Form(departmentId: 999_999)));

        Assert.Equal("Vælg en boligafdeling fra listen.", error.Message);
        Assert.Equal(countBefore, await ResidentCountAsync());
        Assert.Empty(await Scenario.AuditSinceAsync(_database, auditBefore));
    }

    [Fact]
    public async Task Create_with_consent_but_no_consent_date_is_refused_and_saves_nothing()
    {
        var countBefore = await ResidentCountAsync();
        var auditBefore = await Scenario.LastAuditIdAsync(_database);
        var form = Form();
        form.RegistrationConsentOn = null;

        await Assert.ThrowsAsync<DomainException>(() => ServiceFor(_mentor).CreateAsync(form));

        Assert.Equal(countBefore, await ResidentCountAsync());
        Assert.Empty(await Scenario.AuditSinceAsync(_database, auditBefore));
    }

    [Fact]
    public async Task Update_that_fails_half_way_saves_nothing()
    {
        var service = ServiceFor(_mentor);
        var id = await service.CreateAsync(Form());
        var form = await service.EditFormAsync(id);
        var auditBefore = await Scenario.LastAuditIdAsync(_database);
        form.Name = "Nyt Navn";
        form.SharingConsent = true;
        form.SharingConsentOn = Today.AddDays(5); // in the future: refused after the name was changed

        await Assert.ThrowsAsync<DomainException>(() => service.UpdateAsync(id, form));

        Assert.Equal("Åse Ærø", (await service.GetAsync(id)).Name);
        Assert.DoesNotContain(await Scenario.AuditSinceAsync(_database, auditBefore), a => a.Action == AuditAction.Update);
    }

    [Fact]
    public async Task Update_with_a_new_department_and_date_records_a_move()
    {
        var service = ServiceFor(_mentor);
        var id = await service.CreateAsync(Form());
        var form = await service.EditFormAsync(id);
        var movedOn = Today.AddDays(-3);

        form.DepartmentId = _solbakken;
        form.LivesThereFrom = movedOn;
        await service.UpdateAsync(id, form);

        var details = await service.GetAsync(id);
        Assert.Equal(2, details.Residences.Count);
        Assert.NotNull(details.Current);
        Assert.Equal("Solbakken", details.Current.Department);
        Assert.Equal(DateOnly.FromDateTime(movedOn), details.Current.From);
        var earlier = Assert.Single(details.Residences, r => !r.IsCurrent);
        Assert.Equal("Granparken", earlier.Department);
    }

    [Fact]
    public async Task Update_with_an_earlier_date_in_the_same_department_corrects_the_date_instead_of_adding_a_residence()
    {
        var service = ServiceFor(_mentor);
        var id = await service.CreateAsync(Form());
        var form = await service.EditFormAsync(id);
        var earlier = form.LivesThereFrom!.Value.AddYears(-2);

        form.LivesThereFrom = earlier;
        await service.UpdateAsync(id, form);

        var residence = Assert.Single((await service.GetAsync(id)).Residences);
        Assert.Equal(DateOnly.FromDateTime(earlier), residence.From);
        Assert.Equal("Granparken", residence.Department);
    }

    [Fact]
    public async Task Update_without_a_change_of_department_keeps_a_single_residence()
    {
        var service = ServiceFor(_mentor);
        var id = await service.CreateAsync(Form());
        var form = await service.EditFormAsync(id);

        form.Phone = "11223344";
        await service.UpdateAsync(id, form);

        var details = await service.GetAsync(id);
        Assert.Single(details.Residences);
        Assert.Equal("11223344", details.Phone);
    }

    [Fact]
    public async Task Analyst_cannot_create_a_resident_and_nothing_is_saved()
    {
        var analyst = await _database.AddStaffAsync("Peter Analyse", StaffRoles.Analyst);
        var countBefore = await ResidentCountAsync();
        var auditBefore = await Scenario.LastAuditIdAsync(_database);

        await Assert.ThrowsAsync<NotFoundException>(() => ServiceFor(analyst).CreateAsync(Form()));

        Assert.Equal(countBefore, await ResidentCountAsync());
        Assert.Empty(await Scenario.AuditSinceAsync(_database, auditBefore));
    }

    [Fact]
    public async Task Analyst_searching_gets_nothing()
    {
        await SeedSearchResidentsAsync();
        var analyst = await _database.AddStaffAsync("Peter Analyse", StaffRoles.Analyst);

        Assert.Empty(await ServiceFor(analyst).SearchAsync("aase"));
    }
}
