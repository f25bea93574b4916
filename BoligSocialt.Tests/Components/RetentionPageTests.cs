using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.App.Features.Retention;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Extensions;

namespace BoligSocialt.Tests.Components;

/// <summary>
/// The retention settings page and the page of an anonymised resident, over the real services and a temporary SQLite
/// database, on a clock of 1 January 2027 (a case closed in mid-2021 is then due under the default five years).
/// </summary>
public sealed class RetentionPageTests : MudTestContext
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2027, 1, 1, 3, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;

    public override async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private void SignIn(Actor actor)
    {
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(actor));
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<ILogger<RetentionService>>(NullLogger<RetentionService>.Instance);
        Services.AddScoped<RetentionService>();
        Services.AddScoped<RetentionSettingsService>();
        Services.AddScoped<ResidentService>();
    }

    private static IRenderedComponent<TComponent> Input<TComponent>(IRenderedComponent<RetentionPage> cut, string testId)
        where TComponent : MudComponentBase =>
        cut.FindComponents<TComponent>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);

    [Fact]
    public async Task Shows_the_period_who_is_due_now_and_saves_a_new_period()
    {
        var mentor = await _db.AddStaffAsync("Mette Mentor", StaffRoles.Mentor, "Team1");
        await RetentionScenario.FormerResidentAsync(_db, mentor.StaffMemberId, "Amina Hussein");
        SignIn(await _db.AddStaffAsync("Anne Admin", StaffRoles.Administrator));

        var cut = Render<RetentionPage>();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=due-residents]").TextContent.Trim()));
        Assert.Equal(5, Input<MudNumericField<int>>(cut, "retention-years").Instance.GetState(x => x.Value));
        Assert.Equal("1", cut.Find("[data-testid=due-logbook-notes]").TextContent.Trim());
        Assert.Contains("Intet registreret siden 01-01-2022", cut.Find("[data-testid=retention-due]").TextContent);
        Assert.Equal("Reglen har ikke kørt endnu.", cut.Find("[data-testid=last-run]").TextContent.Trim());
        Assert.DoesNotContain("Amina", cut.Markup);

        await cut.InvokeAsync(() => Input<MudNumericField<int>>(cut, "retention-years").Instance.ValueChanged.InvokeAsync(6));
        await cut.Find("button[data-testid=save-retention]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Contains("Opbevaringsreglen er gemt: 6 år.", cut.Find("[data-testid=retention-saved]").TextContent));
        Assert.Equal("0", cut.Find("[data-testid=due-residents]").TextContent.Trim());
        await using var db = _db.CreateDbContext();
        Assert.Equal(6, (await db.RetentionSchedules.SingleAsync()).Years);
    }

    [Fact]
    public async Task A_period_out_of_range_shows_the_Danish_message_and_saves_nothing()
    {
        SignIn(await _db.AddStaffAsync("Anne Admin", StaffRoles.Administrator));
        var cut = Render<RetentionPage>();
        cut.WaitForElement("[data-testid=save-retention]");

        await cut.InvokeAsync(() => Input<MudNumericField<int>>(cut, "retention-years").Instance.ValueChanged.InvokeAsync(0));
        await cut.Find("button[data-testid=save-retention]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Equal("Opbevaringsperioden skal være mellem 1 og 30 år efter forløbets afslutning.",
            cut.Find("[data-testid=retention-error]").TextContent.Trim()));
        await using var db = _db.CreateDbContext();
        Assert.Equal(5, (await db.RetentionSchedules.SingleAsync()).Years);
    }

    [Fact]
    public async Task Others_than_administrators_get_not_found()
    {
        SignIn(await _db.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1"));

        var cut = Render<RetentionPage>();

        cut.WaitForAssertion(() => Assert.Contains("Ikke fundet", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=save-retention]"));
    }

    [Fact]
    public async Task The_page_of_an_anonymised_resident_says_so_and_shows_no_personal_data()
    {
        var mentor = await _db.AddStaffAsync("Mette Mentor", StaffRoles.Mentor, "Team1");
        var (amina, _) = await RetentionScenario.FormerResidentAsync(_db, mentor.StaffMemberId, "Amina Hussein");
        await new RetentionService(_db, Clock, NullLogger<RetentionService>.Instance).RunAsync();
        SignIn(mentor);

        var cut = Render<ResidentPage>(p => p.Add(x => x.Id, amina.Id));

        cut.WaitForAssertion(() => Assert.Contains("Anonymiseret 01-01-2027", cut.Find("[data-testid=anonymised]").TextContent));
        Assert.Equal("Anonymiseret beboer", cut.Find("[data-testid=resident-name]").TextContent.Trim());
        Assert.Equal("Fødselsår: 1994", cut.Find("[data-testid=birth-year]").TextContent.Trim());
        Assert.Contains("Vollsmose", Assert.Single(cut.FindAll("[data-testid=area]")).TextContent);
        Assert.Single(cut.FindAll("a[href^='/forloeb/']"));
        foreach (var personal in new[] { "Amina", "Hussein", RetentionScenario.Phone, "15-06-1994", "Granparken", "Redigér", "Ny henvisning" })
            Assert.DoesNotContain(personal, cut.Markup);
    }
}
