using AngleSharp.Dom;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BoligSocialt.Tests.Components;

/// <summary>The logbook page over its real services and a temporary SQLite database, signed in as a Team 1 mentor.</summary>
public sealed class LogbookPageTests : MudTestContext
{
    private TestDatabase _db = null!;
    private Actor _mentor = null!;

    public override async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _mentor = await _db.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        await Scenario.AddResidentAsync(_db, "Amina Hussein");
        await Scenario.AddResidentAsync(_db, "Fatima Omar");
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(_mentor));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ResidentService>();
        Services.AddScoped<LogbookService>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private IRenderedComponent<LogbookPage> RenderPage()
    {
        var cut = Render<LogbookPage>();
        cut.WaitForElement("[data-testid=entry-save]");
        return cut;
    }

    private async Task<int> EntryCountAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.LogbookEntries.IgnoreQueryFilters().CountAsync();
    }

    private static IElement Kind(IRenderedComponent<LogbookPage> cut, LogbookEntryKind kind) =>
        cut.FindAll("[data-testid=kind-option]").Single(b => b.GetAttribute("data-kind") == kind.ToString());

    [Fact]
    public async Task An_empty_form_lists_everything_missing_at_once_and_saves_nothing()
    {
        var cut = RenderPage();
        Assert.Empty(cut.FindAll("[data-testid=validation-summary]"));

        await cut.Find("[data-testid=entry-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal(
            ["Vælg aktivitet.", "Vælg hvad der er sket (slags).", "Vælg mindst én beboer, eller registrér anonymt med et antal deltagere."],
            cut.FindAll("[data-testid=validation-problem]").Select(p => p.TextContent.Trim())));
        Assert.Equal(0, await EntryCountAsync());
        Assert.Equal("Ingen indførsler, der passer på filtrene.", cut.Find("[data-testid=no-entries]").TextContent.Trim());

        // The list follows what is filled in: the kind chosen, its message goes.
        await Kind(cut, LogbookEntryKind.Conversation).ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=validation-problem]").Count));
    }

    [Fact]
    public async Task An_event_asks_for_a_head_count_instead_of_residents()
    {
        var cut = RenderPage();
        Assert.NotEmpty(cut.FindAll("input[data-testid=entry-resident-search]"));
        Assert.Empty(cut.FindAll("[data-testid=entry-head-count]"));

        await Kind(cut, LogbookEntryKind.Event).ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input[data-testid=entry-head-count]")));
        Assert.Empty(cut.FindAll("input[data-testid=entry-resident-search]"));
        Assert.Equal("true", Kind(cut, LogbookEntryKind.Event).GetAttribute("aria-pressed"));
        Assert.Equal("false", Kind(cut, LogbookEntryKind.Conversation).GetAttribute("aria-pressed"));
        await cut.Find("[data-testid=entry-save]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains("Angiv antal deltagere.", cut.FindAll("[data-testid=validation-problem]").Select(p => p.TextContent.Trim())));

        await Kind(cut, LogbookEntryKind.Conversation).ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input[data-testid=entry-resident-search]")));
        Assert.Empty(cut.FindAll("[data-testid=entry-head-count]"));
    }

    [Fact]
    public async Task A_conversation_with_two_residents_found_by_search_is_saved_and_appears_in_the_list()
    {
        var cut = RenderPage();
        var activityId = await ActivityIdAsync(Scenario.Team1Mentoring);
        var activity = Input<MudSelect<int?>>(cut, "entry-activity");
        await cut.InvokeAsync(() => activity.Instance.ValueChanged.InvokeAsync(activityId));
        await Kind(cut, LogbookEntryKind.Conversation).ClickAsync(new MouseEventArgs());
        await ChooseResidentAsync(cut, "amina", "Amina Hussein");
        await ChooseResidentAsync(cut, "fatima", "Fatima Omar");
        Assert.Equal(["Amina Hussein", "Fatima Omar"], cut.FindAll("[data-testid=entry-resident]").Select(c => c.TextContent.Trim()));
        await TypeNoteAsync(cut, "Snak om jobsøgning");

        await cut.Find("[data-testid=entry-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=logbook-row]")));
        var row = cut.Find("[data-testid=logbook-row]");
        Assert.Equal("Amina Hussein, Fatima Omar", row.QuerySelector("[data-testid=row-residents]")!.TextContent.Trim());
        Assert.Equal("Samtale", row.QuerySelector("[data-testid=row-kind]")!.TextContent.Trim());
        Assert.Equal("Snak om jobsøgning", row.QuerySelector("[data-testid=row-note]")!.TextContent.Trim());
        Assert.Equal("Ahmed Hassan", row.QuerySelector("[data-testid=row-staff]")!.TextContent.Trim());
        Assert.Contains("Uddannelses- og beskæftigelsesmentorforløb for jobparate", row.TextContent);
        Assert.NotNull(row.QuerySelector("[data-testid=row-correct]"));
        Assert.Null(row.QuerySelector("[data-testid=row-delete]"));
        Assert.Equal(1, await EntryCountAsync());
        // Ready for the next entry of the same kind: the residents and the note are cleared, the kind stays.
        Assert.Empty(cut.FindAll("[data-testid=entry-resident]"));
        Assert.Equal("true", Kind(cut, LogbookEntryKind.Conversation).GetAttribute("aria-pressed"));
        Assert.Empty(cut.FindAll("[data-testid=validation-summary]"));
    }

    [Fact]
    public async Task Ret_opens_the_entry_in_the_form_and_saves_the_correction()
    {
        var entry = await Scenario.AddLogbookEntryAsync(_db, _mentor.StaffMemberId, Scenario.Team1Mentoring,
            [await ResidentIdAsync("Amina Hussein")], Scenario.Today, LogbookEntryKind.Conversation, "Første note");
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=logbook-row]");

        await cut.Find("[data-testid=row-correct]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.StartsWith("Ret indførsel", cut.Find("[data-testid=form-title]").TextContent.Trim()));
        Assert.Equal(["Amina Hussein"], cut.FindAll("[data-testid=entry-resident]").Select(c => c.TextContent.Trim()));
        Assert.Equal("true", Kind(cut, LogbookEntryKind.Conversation).GetAttribute("aria-pressed"));
        await TypeNoteAsync(cut, "Rettet note");
        await cut.Find("[data-testid=entry-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("Rettet note", cut.Find("[data-testid=row-note]").TextContent.Trim()));
        Assert.Equal("Ny indførsel", cut.Find("[data-testid=form-title]").TextContent.Trim());
        await using var db = _db.CreateDbContext();
        Assert.Equal("Rettet note", (await db.LogbookEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id)).Note);
    }

    /// <summary>
    /// The note field stops typing and pasting at the limit (a megabyte pasted into it would exceed the circuit's 32 KB
    /// message and break the page); a client that sends more anyway gets the Danish message, and nothing is saved.
    /// </summary>
    [Fact]
    public async Task An_oversized_note_is_refused_in_Danish_and_nothing_is_saved()
    {
        var cut = RenderPage();
        Assert.Equal(LogbookEntry.NoteMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cut.Find("textarea[data-testid=entry-note]").GetAttribute("maxlength"));
        var activityId = await ActivityIdAsync(Scenario.Team1Mentoring);
        var activity = Input<MudSelect<int?>>(cut, "entry-activity");
        await cut.InvokeAsync(() => activity.Instance.ValueChanged.InvokeAsync(activityId));
        await Kind(cut, LogbookEntryKind.Conversation).ClickAsync(new MouseEventArgs());
        await ChooseResidentAsync(cut, "amina", "Amina Hussein");
        await TypeNoteAsync(cut, new string('x', 1024 * 1024));

        await cut.Find("[data-testid=entry-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal([$"Noten må højst være {LogbookEntry.NoteMaxLength} tegn."],
            cut.FindAll("[data-testid=validation-problem]").Select(p => p.TextContent.Trim())));
        Assert.Equal(0, await EntryCountAsync());
        Assert.Empty(cut.FindAll("[data-testid=logbook-row]"));
    }

    private async Task<int> ActivityIdAsync(string code)
    {
        await using var db = _db.CreateDbContext();
        return await db.Activities.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    private async Task<Guid> ResidentIdAsync(string name)
    {
        await using var db = _db.CreateDbContext();
        return await db.Residents.Where(r => r.Name == name).Select(r => r.Id).SingleAsync();
    }

    private static async Task ChooseResidentAsync(IRenderedComponent<LogbookPage> cut, string query, string name)
    {
        await cut.Find("input[data-testid=entry-resident-search]").InputAsync(new ChangeEventArgs { Value = query });
        var option = cut.WaitForElement("[data-testid=entry-resident-option]", TimeSpan.FromSeconds(5));
        Assert.Contains(name, option.TextContent);
        await option.ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=entry-resident]"), c => c.TextContent.Trim() == name));
    }

    /// <summary>Types the note once its draft is watched (bUnit's loose JS interop stores nothing, so nothing is offered).</summary>
    private static async Task TypeNoteAsync(IRenderedComponent<LogbookPage> cut, string text)
    {
        const string selector = "textarea[data-testid=entry-note]";
        cut.WaitForAssertion(() => Assert.False(cut.Find(selector).HasAttribute("disabled")));
        await cut.Find(selector).InputAsync(new ChangeEventArgs { Value = text });
    }

    private static IRenderedComponent<TComponent> Input<TComponent>(IRenderedComponent<LogbookPage> cut, string testId)
        where TComponent : MudComponentBase =>
        cut.FindComponents<TComponent>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);
}
