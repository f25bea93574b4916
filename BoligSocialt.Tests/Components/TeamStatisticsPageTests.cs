using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BoligSocialt.Tests.Components;

/// <summary>The leaders' page over the real service and a temporary SQLite database.</summary>
public sealed class TeamStatisticsPageTests : MudTestContext
{
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
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<TeamStatisticsService>();
    }

    [Fact]
    public async Task A_click_on_a_figure_shows_the_cases_behind_it_and_a_second_click_hides_them()
    {
        var leader = await _db.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1");
        var mentor = await _db.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        var amina = await Scenario.AddResidentAsync(_db, "Amina Hussein");
        var bent = await Scenario.AddResidentAsync(_db, "Bent Hansen");
        var overdue = await Scenario.AddCaseAsync(_db, amina.Id, Scenario.Team1Mentoring, mentor.StaffMemberId);
        var recent = await Scenario.AddCaseAsync(_db, bent.Id, Scenario.Team1Mentoring, mentor.StaffMemberId);
        // Bent's case had an entry today; Amina's has had none since it opened in March 2025.
        await Scenario.AddLogbookEntryAsync(_db, mentor.StaffMemberId, Scenario.Team1Mentoring, [bent.Id], Scenario.Today,
            LogbookEntryKind.FollowUp, caseId: recent.Id);
        SignIn(leader);

        var cut = Render<TeamStatisticsPage>();

        var row = cut.WaitForElement($"[data-testid=staff-row][data-staff='{mentor.StaffMemberId}']");
        Assert.Contains("Ahmed Hassan", row.TextContent);
        Assert.Equal("2", row.QuerySelector("[data-figure=OpenCases]")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector("[data-figure=WithoutFollowUp]")!.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=figure-list]"));

        cut.Find($"[data-staff='{mentor.StaffMemberId}'] [data-figure=WithoutFollowUp]").Click();

        cut.WaitForAssertion(() =>
        {
            var list = cut.Find("[data-testid=figure-list]");
            Assert.Contains("Ingen opfølgning i 30 dage · Ahmed Hassan (1)", list.TextContent);
            var item = Assert.Single(cut.FindAll("[data-testid=figure-case]"));
            Assert.Contains("Amina Hussein", item.TextContent);
            Assert.Equal($"/forloeb/{overdue.Id}", item.QuerySelector("a")!.GetAttribute("href"));
        });

        cut.Find($"[data-staff='{mentor.StaffMemberId}'] [data-figure=OpenCases]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=figure-case]").Count));

        cut.Find($"[data-staff='{mentor.StaffMemberId}'] [data-figure=OpenCases]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=figure-list]")));
    }

    [Fact]
    public void A_leader_role_without_a_team_gets_not_found()
    {
        SignIn(new Actor(Guid.NewGuid(), StaffRoles.Head, TeamId: null));

        var cut = Render<TeamStatisticsPage>();

        cut.WaitForElement("[data-testid=not-found]");
        Assert.Empty(cut.FindAll("[data-testid=team-statistics]"));
    }
}
