using BoligSocialt.App.Auth;
using BoligSocialt.App.Components.Shared;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace BoligSocialt.Tests.Components;

/// <summary>The note field that keeps a draft in the browser: the JS module is faked, the offer and the binding are real.</summary>
public sealed class DraftNoteTests : MudTestContext
{
    private const string Key = "henvisning:1:afvisning";

    private static readonly DateTimeOffset Now = new(2026, 3, 12, 15, 0, 0, TimeSpan.Zero);

    private readonly Actor _mentor = new(Guid.NewGuid(), StaffRoles.Mentor, 1);
    private readonly BunitJSModuleInterop _module;
    private string? _value;

    public DraftNoteTests()
    {
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(_mentor));
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        _module = JSInterop.SetupModule(DraftNote.ModulePath);
        _module.SetupVoid("clear", _ => true).SetVoidResult();
    }

    private string Owner => _mentor.StaffMemberId.ToString();

    private void Stored(DraftNote.StoredDraft? draft) => _module.Setup<DraftNote.StoredDraft?>("watch", _ => true).SetResult(draft);

    private static DraftNote.StoredDraft Draft(string text, DateTimeOffset savedAt) => new(text, savedAt.ToUnixTimeMilliseconds());

    private IRenderedComponent<DraftNote> RenderNote(string? value = null, string key = Key, Func<string, Task<bool>>? alreadySaved = null,
        bool autoFocus = false)
    {
        _value = value;
        return Render<DraftNote>(p => p
            .Add(x => x.DraftKey, key)
            .Add(x => x.MaxLength, 500)
            .Add(x => x.Label, "Bemærkning")
            .Add(x => x.AlreadySaved, alreadySaved)
            .Add(x => x.AutoFocus, autoFocus)
            .Bind(x => x.Value, value, v => _value = v)
            .AddUnmatched("data-testid", "decline-note"));
    }

    [Fact]
    public void Watches_the_field_under_the_signed_in_staff_members_key_and_offers_nothing_without_a_draft()
    {
        Stored(null);

        var cut = RenderNote();

        var watch = Assert.Single(_module.Invocations["watch"]);
        Assert.Equal(new object?[] { Owner, Key }, watch.Arguments.Skip(1));
        cut.WaitForAssertion(() => Assert.False(cut.Find("textarea[data-testid=decline-note]").HasAttribute("disabled")));
        Assert.Empty(cut.FindAll("[data-testid=draft-offer]"));
    }

    [Fact]
    public void Is_disabled_until_the_browser_keeps_what_is_typed()
    {
        _module.Setup<DraftNote.StoredDraft?>("watch", _ => true);

        var cut = RenderNote();

        Assert.True(cut.Find("textarea[data-testid=decline-note]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Works_without_drafts_when_the_module_cannot_be_loaded()
    {
        JSInterop.AddInvocationHandler(new FailingImport());
        var cut = RenderNote();

        cut.WaitForAssertion(() => Assert.False(cut.Find("textarea[data-testid=decline-note]").HasAttribute("disabled")));
        await cut.InvokeAsync(cut.Instance.ClearAsync);

        Assert.Empty(cut.FindAll("[data-testid=draft-offer]"));
        Assert.Empty(_module.Invocations.Identifiers);
    }

    [Fact]
    public void Offers_a_stored_draft_with_the_time_it_was_written_and_keeps_the_field_disabled_until_a_choice()
    {
        Stored(Draft("Beboeren er flyttet.", Now.AddMinutes(-17)));

        var cut = RenderNote();

        cut.WaitForAssertion(() => Assert.Equal(
            "Du har en kladde, der ikke er gemt (skrevet kl. 14:43).",
            cut.Find("[data-testid=draft-offer] p").TextContent.Trim()));
        Assert.True(cut.Find("textarea[data-testid=decline-note]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_draft_from_an_earlier_day_is_offered_with_its_date()
    {
        Stored(Draft("Beboeren er flyttet.", new DateTimeOffset(2026, 3, 9, 8, 5, 0, TimeSpan.Zero)));

        var cut = RenderNote();

        cut.WaitForAssertion(() => Assert.Contains("(skrevet 09-03-2026 kl. 08:05)", cut.Find("[data-testid=draft-offer]").TextContent));
    }

    [Fact]
    public void Brug_kladden_puts_the_draft_into_the_bound_value_and_keeps_it_stored_until_saved()
    {
        Stored(Draft("Beboeren er flyttet.", Now.AddMinutes(-5)));
        var cut = RenderNote();
        cut.WaitForElement("[data-testid=draft-offer]");

        cut.Find("button[data-testid=draft-use]").Click();

        Assert.Equal("Beboeren er flyttet.", _value);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=draft-offer]")));
        Assert.False(cut.Find("textarea[data-testid=decline-note]").HasAttribute("disabled"));
        Assert.DoesNotContain("clear", _module.Invocations.Identifiers);
    }

    [Fact]
    public void Kasser_removes_the_draft_and_leaves_the_value_alone()
    {
        Stored(Draft("Beboeren er flyttet.", Now.AddMinutes(-5)));
        var cut = RenderNote();
        cut.WaitForElement("[data-testid=draft-offer]");

        cut.Find("button[data-testid=draft-discard]").Click();

        var clear = Assert.Single(_module.Invocations["clear"]);
        Assert.Equal(new object?[] { Owner, Key }, clear.Arguments);
        Assert.Null(_value);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=draft-offer]")));
    }

    [Fact]
    public void A_draft_equal_to_the_value_shown_is_not_offered()
    {
        Stored(Draft("Beboeren er flyttet.", Now.AddMinutes(-5)));

        var cut = RenderNote("Beboeren er flyttet.");

        Assert.Single(_module.Invocations["watch"]);
        Assert.Empty(cut.FindAll("[data-testid=draft-offer]"));
    }

    [Fact]
    public async Task ClearAsync_removes_the_stored_draft_and_the_offer()
    {
        Stored(Draft("Beboeren er flyttet.", Now.AddMinutes(-5)));
        var cut = RenderNote();
        cut.WaitForElement("[data-testid=draft-offer]");

        await cut.InvokeAsync(cut.Instance.ClearAsync);

        var clear = Assert.Single(_module.Invocations["clear"]);
        Assert.Equal(new object?[] { Owner, Key }, clear.Arguments);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=draft-offer]")));
    }

    [Fact]
    public void A_draft_already_saved_is_removed_and_the_user_told_so_instead_of_offered_it()
    {
        Stored(Draft("Beboeren er flyttet.", Now.AddMinutes(-5)));
        var asked = new List<string>();

        var cut = RenderNote(alreadySaved: text =>
        {
            asked.Add(text);
            return Task.FromResult(true);
        });

        cut.WaitForAssertion(() => Assert.False(cut.Find("textarea[data-testid=decline-note]").HasAttribute("disabled")));
        Assert.Equal(["Beboeren er flyttet."], asked);
        Assert.Equal("Noten er allerede gemt, så kladden er fjernet.", cut.Find("[data-testid=draft-already-saved]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=draft-offer]"));
        var clear = Assert.Single(_module.Invocations["clear"]);
        Assert.Equal(new object?[] { Owner, Key }, clear.Arguments);
        Assert.Null(_value);
    }

    [Fact]
    public void A_draft_not_saved_yet_is_offered()
    {
        Stored(Draft("Beboeren er flyttet.", Now.AddMinutes(-5)));

        var cut = RenderNote(alreadySaved: _ => Task.FromResult(false));

        cut.WaitForElement("[data-testid=draft-offer]");
        Assert.Empty(cut.FindAll("[data-testid=draft-already-saved]"));
        Assert.DoesNotContain("clear", _module.Invocations.Identifiers);
    }

    [Fact]
    public void Without_a_draft_nothing_is_asked_whether_it_was_saved()
    {
        Stored(null);
        var asked = false;

        var cut = RenderNote(alreadySaved: _ => Task.FromResult(asked = true));

        cut.WaitForAssertion(() => Assert.False(cut.Find("textarea[data-testid=decline-note]").HasAttribute("disabled")));
        Assert.False(asked);
        Assert.Empty(cut.FindAll("[data-testid=draft-already-saved]"));
    }

    [Fact]
    public async Task Saving_the_next_note_removes_the_already_saved_notice()
    {
        Stored(Draft("Beboeren er flyttet.", Now.AddMinutes(-5)));
        var cut = RenderNote(alreadySaved: _ => Task.FromResult(true));
        cut.WaitForElement("[data-testid=draft-already-saved]");

        await cut.InvokeAsync(cut.Instance.ClearAsync);

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=draft-already-saved]")));
    }

    [Fact]
    public void AutoFocus_puts_the_cursor_in_the_field_once_it_may_be_typed_in()
    {
        var watch = _module.Setup<DraftNote.StoredDraft?>("watch", _ => true);

        var cut = RenderNote(autoFocus: true);

        Assert.Empty(JSInterop.Invocations["Blazor._internal.domWrapper.focus"]);
        watch.SetResult(null);
        cut.WaitForAssertion(() => JSInterop.VerifyFocusAsyncInvoke());
    }

    [Fact]
    public void A_new_key_watches_the_field_under_that_key()
    {
        Stored(null);
        var cut = RenderNote();

        cut.Render(p => p.Add(x => x.DraftKey, "henvisning:2:afvisning"));

        cut.WaitForAssertion(() => Assert.Equal(
            new object?[] { "henvisning:1:afvisning", "henvisning:2:afvisning" },
            _module.Invocations["watch"].Select(i => i.Arguments[2])));
    }

    /// <summary>The module's request fails (bUnit's module setups cannot fail, so a handler of our own).</summary>
    private sealed class FailingImport : JSRuntimeInvocationHandlerBase<IJSObjectReference>
    {
        public FailingImport() : base(i => i.Identifier == "import", isCatchAllHandler: false) =>
            SetExceptionBase(new JSException("Failed to fetch dynamically imported module"));
    }
}
