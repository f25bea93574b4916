using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BoligSocialt.Tests.Components;

/// <summary>The merge page and its entry on the resident's page, over the real services and a temporary SQLite database.</summary>
public sealed class ResidentMergePageTests : MudTestContext
{
    private TestDatabase _db = null!;
    private Actor _mentor = null!;

    public override async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _mentor = await _db.AddStaffAsync("Ahmed Mentor", StaffRoles.Mentor, "Team1");
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private async Task<Actor> SignInAsync(StaffRoles roles)
    {
        var actor = await _db.AddStaffAsync("Lise Leder", roles, "Team1");
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(actor));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ResidentService>();
        Services.AddScoped<ResidentMergeService>();
        return actor;
    }

    private async Task<Guid?> MergedIntoAsync(Guid id)
    {
        await using var db = _db.CreateDbContext();
        return await db.Residents.Where(r => r.Id == id).Select(r => r.MergedIntoId).SingleAsync();
    }

    /// <summary>Opens the page with the survivor chosen, picks the suggested duplicate, and confirms.</summary>
    private IRenderedComponent<ResidentMerge> MergeSuggestedDuplicate(Guid survivorId)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/beboere/sammenlaeg?beboer={survivorId}");
        var cut = Render<ResidentMerge>();
        cut.WaitForAssertion(() => Assert.Contains("Amina Husein", cut.Find("[data-testid=duplicate]").TextContent));
        cut.Find("[data-testid=duplicate]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=merge-side]").Count));
        cut.Find("[data-testid=merge-start]").Click();
        Assert.Contains("Amina Husein lægges sammen med Amina Hussein, som bevares.", cut.Find("[data-testid=merge-confirmation]").TextContent);
        cut.Find("[data-testid=merge-confirm]").Click();
        return cut;
    }

    [Fact]
    public async Task Leader_merges_a_suggested_duplicate_after_confirming_and_gets_a_link_to_the_survivor()
    {
        await SignInAsync(StaffRoles.TeamLeader);
        var survivor = await Scenario.AddResidentAsync(_db, "Amina Hussein", _mentor.StaffMemberId);
        var merged = await Scenario.AddResidentAsync(_db, "Amina Husein", _mentor.StaffMemberId);

        var cut = MergeSuggestedDuplicate(survivor.Id);

        cut.WaitForAssertion(() => Assert.Contains("Amina Hussein er bevaret", cut.Find("[data-testid=merge-done]").TextContent));
        Assert.Equal($"/beboere/{survivor.Id}", cut.Find("[data-testid=survivor-link]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=merge-error]"));
        Assert.Equal(survivor.Id, await MergedIntoAsync(merged.Id));
    }

    [Fact]
    public async Task Refused_merge_shows_the_Danish_reason_and_changes_nothing()
    {
        await SignInAsync(StaffRoles.TeamLeader);
        var survivor = await Scenario.AddResidentAsync(_db, "Amina Hussein", _mentor.StaffMemberId);
        var merged = await Scenario.AddResidentAsync(_db, "Amina Husein", _mentor.StaffMemberId);
        await Scenario.AddCaseAsync(_db, survivor.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);
        await Scenario.AddCaseAsync(_db, merged.Id, Scenario.Team1Mentoring, _mentor.StaffMemberId);

        var cut = MergeSuggestedDuplicate(survivor.Id);

        cut.WaitForAssertion(() => Assert.Equal(
            "Begge beboere har et åbent forløb i samme aktivitet. Afslut det ene forløb, før beboerne lægges sammen.",
            cut.Find("[data-testid=merge-error]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=merge-done]"));
        Assert.Null(await MergedIntoAsync(merged.Id));
    }

    [Theory]
    [InlineData(StaffRoles.TeamLeader, true)]
    [InlineData(StaffRoles.Mentor, false)]
    public async Task Resident_page_offers_merging_to_leaders_only(StaffRoles roles, bool offered)
    {
        var actor = await SignInAsync(roles);
        var auth = AddAuthorization();
        auth.SetAuthorized("Lise Leder");
        auth.SetRoles(roles.ToString());
        var resident = await Scenario.AddResidentAsync(_db, "Amina Hussein", actor.StaffMemberId);

        var cut = Render<ResidentPage>(p => p.Add(x => x.Id, resident.Id));

        cut.WaitForAssertion(() => Assert.Equal("Amina Hussein", cut.Find("[data-testid=resident-name]").TextContent));
        var links = cut.FindAll("[data-testid=merge-with]");
        Assert.Equal(offered, links.Count == 1);
        if (offered) Assert.Equal($"/beboere/sammenlaeg?beboer={resident.Id}", links[0].GetAttribute("href"));
    }
}
