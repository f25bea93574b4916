using AngleSharp.Dom;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Administration;
using BoligSocialt.App.Features.Staff;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace BoligSocialt.Tests.Components;

/// <summary>The administration pages over their real services and a temporary SQLite database.</summary>
public sealed class AdministrationPageTests : MudTestContext
{
    private TestDatabase _db = null!;
    private Actor _admin = null!;

    public override async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _admin = await _db.AddStaffAsync("Birgit Holm", StaffRoles.Administrator);
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(_admin));
        Services.AddScoped<ActivityCatalogService>();
        Services.AddScoped<PlanPeriodService>();
        Services.AddScoped<StaffService>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private static IRenderedComponent<TComponent> Input<TComponent, TPage>(IRenderedComponent<TPage> cut, string testId)
        where TComponent : MudComponentBase where TPage : class, IComponent =>
        cut.FindComponents<TComponent>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);

    private static IElement Row<TPage>(IRenderedComponent<TPage> cut, string text) where TPage : class, IComponent =>
        cut.FindAll("tbody tr").Single(r => r.TextContent.Contains(text));

    private static Task ClickAsync(IElement row, string testId) =>
        row.QuerySelector($"[data-testid={testId}]")!.ClickAsync(new MouseEventArgs());

    [Fact]
    public async Task Activities_page_edits_the_follow_up_interval_of_an_activity()
    {
        var cut = Render<ActivitiesPage>();
        cut.WaitForAssertion(() => Assert.Equal(13, cut.FindAll("[data-testid=activity-row-name]").Count));

        await ClickAsync(Row(cut, "UBMJ"), "edit-activity");
        Assert.Equal("Uddannelses- og beskæftigelsesmentorforløb for jobparate", Input<MudTextField<string>, ActivitiesPage>(cut, "activity-name").Instance.GetState(x => x.Value));
        await cut.InvokeAsync(() => Input<MudNumericField<int>, ActivitiesPage>(cut, "activity-interval").Instance.ValueChanged.InvokeAsync(14));
        await cut.Find("[data-testid=activity-form] form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=activity-form]"));
            Assert.Equal("14 dage", Row(cut, "UBMJ").QuerySelector("[data-testid=activity-row-interval]")!.TextContent.Trim());
        });
        await using var db = _db.CreateDbContext();
        Assert.Equal(14, await db.Activities.Where(a => a.Code == "UBMJ").Select(a => a.FollowUpIntervalDays).SingleAsync());
    }

    [Fact]
    public async Task Activities_page_shows_the_Danish_message_of_a_refused_edit()
    {
        var cut = Render<ActivitiesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=activity-row-name]")));

        await ClickAsync(Row(cut, "UBMJ"), "edit-activity");
        await cut.InvokeAsync(() => Input<MudNumericField<int>, ActivitiesPage>(cut, "activity-interval").Instance.ValueChanged.InvokeAsync(0));
        await cut.Find("[data-testid=activity-form] form").SubmitAsync();

        cut.WaitForAssertion(() =>
            Assert.Equal("Opfølgningsintervallet skal være mellem 1 og 365 dage.", cut.Find("[data-testid=form-error]").TextContent.Trim()));
        Assert.NotEmpty(cut.FindAll("[data-testid=activity-form]"));
    }

    [Fact]
    public async Task Activities_page_deactivates_an_activity_and_offers_no_deletion_for_the_reference_catalogue()
    {
        var cut = Render<ActivitiesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=activity-row-name]")));
        Assert.Empty(cut.FindAll("[data-testid=delete-activity]"));

        await ClickAsync(Row(cut, "FOB"), "toggle-activity");

        cut.WaitForAssertion(() => Assert.Contains("Deaktiveret", Row(cut, "FOB").TextContent));
        Assert.Equal("Aktivér", Row(cut, "FOB").QuerySelector("[data-testid=toggle-activity]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Plan_periods_page_copies_the_plan_in_force_into_a_new_one()
    {
        var cut = Render<PlanPeriodsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=plan-row-code]").Count));

        await ClickAsync(Row(cut, "2024-2028"), "copy-plan");
        Assert.Equal("2028-2032", Input<MudTextField<string>, PlanPeriodsPage>(cut, "plan-code").Instance.GetState(x => x.Value));
        await cut.Find("[data-testid=plan-form] form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=plan-form]"));
            var row = Row(cut, "2028-2032");
            Assert.Equal("13", row.QuerySelector("[data-testid=plan-row-activities]")!.TextContent.Trim());
            Assert.Contains("01-10-2028 til 30-09-2032", row.TextContent);
            Assert.NotNull(row.QuerySelector("[data-testid=delete-plan]"));
        });
    }

    [Fact]
    public async Task Plan_periods_page_shows_why_an_overlapping_plan_is_refused()
    {
        var cut = Render<PlanPeriodsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=plan-row-code]")));

        await ClickAsync(Row(cut, "2024-2028"), "copy-plan");
        await cut.InvokeAsync(() => Input<MudDatePicker, PlanPeriodsPage>(cut, "plan-start").Instance.DateChanged.InvokeAsync(new DateTime(2028, 1, 1)));
        await cut.Find("[data-testid=plan-form] form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.StartsWith("Helhedsplanen overlapper", cut.Find("[data-testid=form-error]").TextContent.Trim()));
        Assert.Equal(2, cut.FindAll("[data-testid=plan-row-code]").Count);
    }

    [Fact]
    public async Task Baselines_page_changes_a_reference_figure()
    {
        int id, planId;
        await using (var db = _db.CreateDbContext())
        {
            // The catalogue has reference figures for the 2021-2024 plan only; the page opens on the plan in force.
            planId = await db.PlanPeriods.Where(p => p.Code == "2021-2024").Select(p => p.Id).SingleAsync();
            id = await db.IndicatorBaselines.Where(b => b.PlanPeriodId == planId).Select(b => b.Id).FirstAsync();
        }
        var cut = Render<BaselinesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=no-baselines]")));
        await cut.InvokeAsync(() => Input<MudSelect<int?>, BaselinesPage>(cut, "plan").Instance.ValueChanged.InvokeAsync(planId));
        cut.WaitForAssertion(() => Assert.Equal(12, cut.FindAll("[data-testid=baseline]").Count));

        await cut.InvokeAsync(() => Input<MudNumericField<int>, BaselinesPage>(cut, $"baseline-{id}").Instance.ValueChanged.InvokeAsync(42));
        await cut.Find($"[data-testid=save-baseline-{id}]").ClickAsync(new MouseEventArgs());

        await using var check = _db.CreateDbContext();
        cut.WaitForAssertion(() => Assert.Equal(42, check.IndicatorBaselines.Where(b => b.Id == id).Select(b => b.PerYear).Single()));
        Assert.Empty(cut.FindAll("[data-testid=form-error]"));
    }

    [Fact]
    public async Task Staff_page_deletes_an_unused_staff_member_and_explains_why_not_one_with_work()
    {
        await _db.AddStaffAsync("Fejl Oprettet", StaffRoles.Analyst);
        var mentor = await _db.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        var resident = await Scenario.AddResidentAsync(_db, "Amina Hussein");
        await Scenario.AddLogbookEntryAsync(_db, mentor.StaffMemberId, Scenario.Team1Youth, [resident.Id], new DateOnly(2025, 5, 1));
        var cut = Render<StaffPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=staff-table] tbody tr").Count));

        await ClickAsync(Row(cut, "Fejl Oprettet"), "delete-staff");
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=staff-table] tbody tr").Count));
        await ClickAsync(Row(cut, "Ahmed Hassan"), "delete-staff");

        cut.WaitForAssertion(() => Assert.Equal("Ahmed Hassan har arbejde i systemet og kan ikke slettes. Deaktivér medarbejderen i stedet.",
            cut.Find("[data-testid=page-error]").TextContent.Trim()));
        Assert.Equal(2, cut.FindAll("[data-testid=staff-table] tbody tr").Count);
    }
}
