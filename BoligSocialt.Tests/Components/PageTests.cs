using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.App.Features.Home;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.App.Features.Referrals;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.App.Features.Staff;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Counting;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BoligSocialt.Tests.Components;

/// <summary>
/// The pages over their real services and a real (temporary) SQLite database: the services are sealed and small, and
/// a page test over the real access rule says more than one over a hand-written fake.
/// </summary>
public sealed class PageTests : MudTestContext
{
    private TestDatabase _db = null!;

    public override async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    /// <summary>Registers the page services acting as a new staff member with <paramref name="roles"/>.</summary>
    private async Task<Actor> SignInAsync(StaffRoles roles, string name = "Mette Mentor")
    {
        // Mentors, counsellors and leaders belong to a team (a domain rule); analysts and administrators need not.
        var teamCode = (roles & (StaffRoles.Mentor | StaffRoles.Counsellor | StaffRoles.TeamLeader | StaffRoles.Head)) != 0 ? "Team1" : null;
        var actor = await _db.AddStaffAsync(name, roles, teamCode);
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(actor));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ResidentService>();
        Services.AddScoped<StaffService>();
        Services.AddScoped<StartPageQueries>();
        Services.AddScoped<CaseQueries>();
        Services.AddSingleton<ReferralEvents>();
        Services.AddScoped<ReferralService>();
        Services.AddScoped<AllocationBoardService>();
        Services.AddScoped<CaseService>();
        return actor;
    }

    private async Task<int> ResidentCountAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Residents.CountAsync();
    }

    [Fact]
    public async Task New_resident_submitted_empty_shows_the_Danish_messages_at_the_fields_and_saves_nothing()
    {
        await SignInAsync(StaffRoles.Mentor);
        var before = await ResidentCountAsync();
        var cut = Render<ResidentEdit>();
        cut.WaitForElement("form");

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            AssertFieldMessage(cut, "name", "Skriv beboerens navn.");
            AssertFieldMessage(cut, "birth-date", "Angiv fødselsdato.");
            AssertFieldMessage(cut, "department", "Vælg boligafdeling.");
        });
        // The form starts with today as "lives there from" and registration consent given today: no message for those.
        Assert.DoesNotContain("Angiv fra hvilken dato beboeren bor i afdelingen.", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=form-error]"));
        Assert.Equal(before, await ResidentCountAsync());
    }

    /// <summary>The message is shown inside the field's own MudBlazor control, not only in a summary.</summary>
    private static void AssertFieldMessage(IRenderedComponent<ResidentEdit> cut, string testId, string message)
    {
        var field = cut.Find($"[data-testid={testId}]");
        var control = field.Closest(".mud-input-control") ?? field;
        Assert.Contains(message, control.TextContent);
        foreach (var other in RequiredMessages.Where(m => m != message))
            Assert.DoesNotContain(other, control.TextContent);
    }

    private static readonly string[] RequiredMessages = ["Skriv beboerens navn.", "Angiv fødselsdato.", "Vælg boligafdeling."];

    [Fact]
    public async Task Resident_that_does_not_exist_is_not_found()
    {
        await SignInAsync(StaffRoles.Mentor);

        var cut = Render<ResidentPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        cut.WaitForAssertion(() => Assert.Contains("Ikke fundet", cut.Find("[data-testid=not-found]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=resident-name]"));
    }

    [Fact]
    public async Task Search_lists_a_resident_in_scope()
    {
        await SignInAsync(StaffRoles.Mentor);
        var residents = Services.GetRequiredService<ResidentService>();
        var department = (await residents.DepartmentsAsync())[0];
        var id = await residents.CreateAsync(new ResidentForm
        {
            Name = "Åse Beboersen",
            BirthDate = new DateTime(1990, 5, 17),
            DepartmentId = department.Id,
            LivesThereFrom = new DateTime(2024, 1, 1),
            RegistrationConsent = true,
            RegistrationConsentOn = new DateTime(2024, 1, 1),
        });

        var cut = Render<ResidentSearch>();

        cut.WaitForAssertion(() =>
        {
            var result = Assert.Single(cut.FindAll("[data-testid=resident-result]"));
            Assert.Contains("Åse Beboersen", result.TextContent);
            Assert.Contains("17-05-1990", result.TextContent);
            Assert.Contains(department.Name, result.TextContent);
            Assert.Equal($"/beboere/{id}", (result.GetAttribute("href") ?? result.QuerySelector("a")?.GetAttribute("href")));
        });
        Assert.Empty(cut.FindAll("[data-testid=no-results]"));
    }

    [Fact]
    public async Task Search_without_matches_says_so()
    {
        await SignInAsync(StaffRoles.Mentor);

        var cut = Render<ResidentSearch>();

        cut.WaitForAssertion(() => Assert.Equal("Ingen beboere fundet.", cut.Find("[data-testid=no-results]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=resident-result]"));
    }

    [Fact]
    public async Task Start_page_of_a_mentor_shows_their_open_cases_or_that_there_are_none()
    {
        await SignInAsync(StaffRoles.Mentor, "Mette Mentor");

        var cut = Render<StartPage>();

        cut.WaitForAssertion(() => Assert.Contains("Mette Mentor", cut.Find("[data-testid=welcome]").TextContent));
        Assert.Contains("Mine forløb", cut.Markup);
        Assert.Equal("Du har ingen åbne forløb.", cut.Find("[data-testid=my-cases-empty]").TextContent.Trim());
        Assert.DoesNotContain("Unikke nye beboere", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=administration]"));
    }

    [Fact]
    public async Task Start_page_of_an_analyst_shows_the_figures_and_no_cases()
    {
        await SignInAsync(StaffRoles.Analyst, "Anna Analytiker");

        var cut = Render<StartPage>();

        cut.WaitForAssertion(() => Assert.Contains("Anna Analytiker", cut.Find("[data-testid=welcome]").TextContent));
        var year = DateTime.Now.Year;
        Assert.Contains($"Unikke nye beboere {year}", cut.Markup);
        Assert.Equal("Ingen resultater registreret i år endnu.", cut.Find("[data-testid=figures-empty]").TextContent.Trim());
        Assert.Equal("/leverancemaaling", cut.Find("[data-testid=open-measurement]").GetAttribute("href"));
        Assert.DoesNotContain("Mine forløb", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=my-cases-empty]"));
        Assert.Empty(cut.FindAll("[data-testid=my-cases]"));
    }

    [Fact]
    public void Unique_resident_table_has_one_row_per_count_with_Danish_labels()
    {
        IReadOnlyList<IndicatorRow> rows =
        [
            new(Indicator.EmploymentOrEducation, "Område A", UniqueResidentCount.Age18To29, 1, 2, 1, 20),
            new(Indicator.EmploymentOrEducation, "Område A", UniqueResidentCount.OtherAges, 0, 3, 0, null),
            new(Indicator.SpareTimeJob, "Område B", UniqueResidentCount.AllAges, 4, 5, 2, null),
        ];

        var cut = Render<UniqueResidentTable>(p => p.Add(x => x.Rows, rows));

        var cells = cut.FindAll("[data-testid=figures] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();
        Assert.Equal(3, cells.Count);
        Assert.Equal(["Job eller uddannelse", "Område A", "18-29 år", "1", "2", "1", "20"], cells[0]);
        Assert.Equal(["Job eller uddannelse", "Område A", "Andre aldre", "0", "3", "0", "–"], cells[1]);
        Assert.Equal(["Fritidsjob", "Område B", "Alle", "4", "5", "2", "–"], cells[2]);
        Assert.Empty(cut.FindAll("[data-testid=figures-empty]"));
    }

    [Fact]
    public void Unique_resident_table_without_rows_says_so()
    {
        var cut = Render<UniqueResidentTable>(p => p.Add(x => x.Rows, Array.Empty<IndicatorRow>()));

        Assert.Equal("Ingen resultater registreret i år endnu.", cut.Find("[data-testid=figures-empty]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=figures]"));
    }

    [Fact]
    public async Task Start_page_records_a_conversation_in_a_case_with_two_taps_and_the_note()
    {
        var mentor = await SignInAsync(StaffRoles.Mentor);
        var resident = await Scenario.AddResidentAsync(_db, "Amina Hussein", mentor.StaffMemberId);
        var opened = await Scenario.AddCaseAsync(_db, resident.Id, Scenario.Team1Youth, mentor.StaffMemberId);
        var cut = Render<StartPage>();
        cut.WaitForAssertion(() => Assert.Contains("ingen opfølgning", cut.Find("[data-testid=my-case-row]").TextContent));

        await cut.Find("[data-testid=quick-conversation]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        // The note keeps a draft in the browser and may be typed in once that works (bUnit's loose JS interop: at once).
        cut.WaitForAssertion(() => Assert.False(cut.Find("textarea[data-testid=quick-conversation-note]").HasAttribute("disabled")));
        await cut.Find("textarea[data-testid=quick-conversation-note]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Talte om praktik i Netto" });
        await cut.Find("[data-testid=quick-conversation-save]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        cut.WaitForAssertion(() => Assert.DoesNotContain("ingen opfølgning", cut.Find("[data-testid=my-case-row]").TextContent));
        await using var db = _db.CreateDbContext();
        var entry = await db.LogbookEntries.SingleAsync(e => e.CaseId == opened.Id);
        Assert.Equal((LogbookEntryKind.Conversation, "Talte om praktik i Netto", mentor.StaffMemberId, Scenario.Today),
            (entry.Kind, entry.Note, entry.StaffMemberId, entry.Date));
        Assert.NotEmpty(cut.FindAll("[data-testid=quick-conversation]"));
    }

    // ---- the intake form (henvisning) ----

    private async Task<long> ReferralCountAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Referrals.CountAsync();
    }

    [Fact]
    public async Task Intake_submitted_empty_names_everything_missing_in_Danish_and_saves_nothing()
    {
        await SignInAsync(StaffRoles.Mentor);
        var cut = Render<IntakePage>();
        cut.WaitForElement("form");

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            var summary = cut.Find("[data-testid=validation-summary]").TextContent;
            Assert.Contains("Vælg beboeren, eller opret en ny beboer.", summary);
            Assert.Contains("Vælg hvem der henviser (kilde).", summary);
            Assert.Contains("Vælg aktivitet.", summary);
            Assert.Contains("Skriv årsagen: kort, hvad henvisningen drejer sig om.", summary);
            Assert.Contains("Beboerens samtykke til registrering skal registreres, før henvisningen kan gemmes.", summary);
        });
        // The arrival date starts as today: nothing to say about it.
        Assert.DoesNotContain("Angiv hvornår henvisningen kom.", cut.Markup);
        Assert.Equal(0, await ReferralCountAsync());
    }

    [Fact]
    public async Task Intake_of_a_new_resident_like_an_existing_one_warns_and_picking_the_candidate_chooses_them()
    {
        var mentor = await SignInAsync(StaffRoles.Mentor);
        var existing = await Scenario.AddResidentAsync(_db, "Amina Hussein", mentor.StaffMemberId, birthDate: new DateOnly(1988, 2, 14));
        var granparken = await Scenario.DepartmentIdAsync(_db, "Granparken");
        var cut = Render<IntakePage>();
        cut.WaitForElement("[data-testid=new-resident]");

        cut.Find("[data-testid=new-resident]").Click();
        cut.Find("[data-testid=new-name]").Change("amina hussein");
        var birthDate = Input<MudDatePicker>(cut, "new-birth-date");
        await cut.InvokeAsync(() => birthDate.Instance.DateChanged.InvokeAsync(new DateTime(1988, 2, 14)));
        var department = Input<MudSelect<int?>>(cut, "new-department");
        await cut.InvokeAsync(() => department.Instance.ValueChanged.InvokeAsync(granparken));
        var consent = Input<MudCheckBox<bool>>(cut, "registration-consent");
        await cut.InvokeAsync(() => consent.Instance.ValueChanged.InvokeAsync(true));
        var source = Input<MudSelect<string>>(cut, "source");
        await cut.InvokeAsync(() => source.Instance.ValueChanged.InvokeAsync("JobCounsellor"));
        var activity = Input<MudSelect<int?>>(cut, "activity");
        await cut.InvokeAsync(() => activity.Instance.ValueChanged.InvokeAsync(activity.FindComponents<MudSelectItem<int?>>().First().Instance.Value));
        cut.Find("[data-testid=reason]").Change("Ønsker en mentor");
        await cut.Find("form").SubmitAsync();

        var candidate = cut.WaitForElement("[data-testid=duplicate-candidate]");
        Assert.Contains("Amina Hussein", candidate.TextContent);
        Assert.Contains("14-02-1988", candidate.TextContent);
        Assert.Equal(0, await ReferralCountAsync());
        Assert.Equal(1, await ResidentCountAsync());

        candidate.Click();

        cut.WaitForAssertion(() => Assert.Contains("Amina Hussein", cut.Find("[data-testid=chosen-resident]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=duplicate-warning]"));
        Assert.Contains("registreret af Mette Mentor", cut.Find("[data-testid=registration-consent-given]").TextContent);
        await cut.Find("form").SubmitAsync();
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches("/henvisninger/[0-9a-f-]{36}$", navigation.Uri));
        await using var db = _db.CreateDbContext();
        Assert.Equal(existing.Id, (await db.Referrals.SingleAsync()).ResidentId);
    }

    [Fact]
    public async Task Intake_opened_from_a_residents_page_starts_with_that_resident_and_their_consent()
    {
        var mentor = await SignInAsync(StaffRoles.Mentor);
        var resident = await Scenario.AddResidentAsync(_db, "Amina Hussein", mentor.StaffMemberId);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/henvisninger/ny?beboer={resident.Id}");

        var cut = Render<IntakePage>();

        cut.WaitForAssertion(() => Assert.Contains("Amina Hussein", cut.Find("[data-testid=chosen-resident]").TextContent));
        Assert.Contains("registreret af Mette Mentor", cut.Find("[data-testid=registration-consent-given]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=registration-consent]"));
    }

    [Fact]
    public async Task The_allocation_board_shows_a_referral_recorded_elsewhere_without_a_reload_and_allocates_it_with_two_taps()
    {
        var leader = await SignInAsync(StaffRoles.TeamLeader, "Lone Leder");
        var mentor = await _db.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        var resident = await Scenario.AddResidentAsync(_db, "Amina Hussein", mentor.StaffMemberId);
        var cut = Render<AllocationBoardPage>();
        cut.WaitForElement("[data-testid=nothing-waiting]");

        // Someone records a referral on another tablet: the same event reaches this board.
        var referral = await Scenario.AddReferralAsync(_db, resident.Id, Scenario.Team1Mentoring, null);
        Services.GetRequiredService<ReferralEvents>().Publish(new ReferralChange(referral.Id, leader.TeamId!.Value, null));

        var card = cut.WaitForElement("[data-testid=waiting-referral]");
        Assert.Contains("Amina Hussein", card.TextContent);
        card.Click();
        cut.Find($"[data-testid=staff-card][data-staff='{mentor.StaffMemberId}']").Click();

        cut.WaitForElement("[data-testid=nothing-waiting]");
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find($"[data-staff='{mentor.StaffMemberId}'] [data-testid=awaiting]").TextContent));
        await using var db = _db.CreateDbContext();
        Assert.Equal(mentor.StaffMemberId, (await db.Referrals.SingleAsync()).AllocatedToId);
    }

    [Fact]
    public async Task On_the_board_a_selected_referral_offers_the_people_inside_its_card_for_a_narrow_screen()
    {
        await SignInAsync(StaffRoles.TeamLeader, "Lone Leder");
        var mentor = await _db.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        var resident = await Scenario.AddResidentAsync(_db, "Amina Hussein", mentor.StaffMemberId);
        await Scenario.AddReferralAsync(_db, resident.Id, Scenario.Team1Mentoring, null);
        var cut = Render<AllocationBoardPage>();
        Assert.Empty(cut.WaitForElement("[data-testid=waiting-referral]").QuerySelectorAll("[data-testid=allocate-inline]"));

        cut.Find("[data-testid=waiting-referral]").Click();
        var inline = cut.Find("[data-testid=waiting-referral] [data-testid=allocate-inline]");
        Assert.Equal("Ahmed Hassan (0)", inline.TextContent.Trim());
        inline.Click();

        cut.WaitForElement("[data-testid=nothing-waiting]");
        await using var db = _db.CreateDbContext();
        Assert.Equal(mentor.StaffMemberId, (await db.Referrals.SingleAsync()).AllocatedToId);
    }

    /// <summary>A MudBlazor input of the page by its data-testid: the test sets it through its change callback, as a choice does.</summary>
    private static IRenderedComponent<TComponent> Input<TComponent>(IRenderedComponent<IntakePage> cut, string testId)
        where TComponent : MudComponentBase =>
        cut.FindComponents<TComponent>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);
}
