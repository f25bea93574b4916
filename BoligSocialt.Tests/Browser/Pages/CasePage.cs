using System.Text.RegularExpressions;
using BoligSocialt.Domain.Common;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser.Pages;

/// <summary>/forloeb/{id}: a case's summary, its forms (start meeting, follow-up, outcome, closure, aftercare) and its timeline.</summary>
public sealed class CasePage(IPage page)
{
    public IPage Page => page;

    public ILocator Title => page.Locator("[data-testid=case-title]");

    public ILocator Status => page.Locator("[data-testid=case-status]");

    /// <summary>The refusal of the last save (bad input, or someone else saved first).</summary>
    public ILocator Error => page.Locator("[data-testid=case-error]");

    public ILocator StartMeeting => page.Locator("[data-testid=start-meeting]");

    public ILocator Goals => page.Locator("[data-testid=goal]");

    public ILocator FollowUpNote => page.Locator("textarea[data-testid=follow-up-note]");

    public ILocator FollowUpSave => page.Locator("[data-testid=follow-up-save]");

    public ILocator Outcomes => page.Locator("[data-testid=outcome]");

    public ILocator Closure => page.Locator("[data-testid=closure]");

    public ILocator ClosureReason => page.Locator("[data-testid=closure-reason]");

    /// <summary>The form for the oldest aftercare call due (data-call: its id).</summary>
    public ILocator AftercareDue => page.Locator("[data-testid=aftercare-due]");

    public ILocator AftercareNoneDue => page.Locator("[data-testid=aftercare-none-due]");

    /// <summary>Every aftercare call of the case (data-status: Pending, Done or Skipped).</summary>
    public ILocator AftercareCalls => page.Locator("[data-testid=aftercare-call]");

    public ILocator TimelineItems => page.Locator("[data-testid=timeline-item]");

    /// <summary>The timeline's entries of a kind by a staff member with a note, e.g. "Opfølgning · Ahmed Hassan: Ringede".</summary>
    public ILocator TimelineItem(string kind, string staffMember, string note) =>
        TimelineItems.Filter(new() { HasText = $"{kind} · {staffMember}: {note}" });

    public async Task GotoAsync(Guid caseId)
    {
        await AppServer.GotoAsync(page, $"/forloeb/{caseId}");
        await Expect(Title).ToBeVisibleAsync();
    }

    /// <summary>The three-party meeting, held today (the form's date): the job counsellor, the job centre, the goals and a note.</summary>
    public async Task RecordThreePartyMeetingAsync(string counsellor, string jobCentre, IReadOnlyList<string> goals, string note)
    {
        await FillAsync(page.Locator("input[data-testid=start-meeting-counsellor]"), counsellor);
        await FillAsync(page.Locator("input[data-testid=start-meeting-job-centre]"), jobCentre);
        var goalFields = page.Locator("input[data-testid=start-meeting-goal]");
        for (var i = 0; i < goals.Count; i++)
        {
            if (i > 0)
            {
                await page.Locator("[data-testid=start-meeting-add-goal]").ClickAsync();
                await Expect(goalFields).ToHaveCountAsync(i + 1);
            }
            await FillAsync(goalFields.Nth(i), goals[i]);
        }
        await FillAsync(page.Locator("textarea[data-testid=start-meeting-note]"), note);
        await page.Locator("[data-testid=start-meeting-save]").ClickAsync();
        await Expect(StartMeeting).ToHaveCountAsync(0);
        await Expect(Goals).ToHaveCountAsync(goals.Count);
    }

    /// <summary>Types the follow-up's note (the kind "Opfølgning" and today's date are the form's own), and the next date when given.</summary>
    public async Task EnterFollowUpAsync(string note, DateOnly? next = null)
    {
        await FillAsync(FollowUpNote, note);
        if (next is { } date) await TypeDateAsync(page.Locator("input[data-testid=follow-up-next]"), date);
    }

    /// <summary>Saves the follow-up form and waits until the note is in the timeline.</summary>
    public async Task RecordFollowUpAsync(string staffMember, string note, DateOnly? next = null)
    {
        await EnterFollowUpAsync(note, next);
        await FollowUpSave.ClickAsync();
        await Expect(TimelineItem("Opfølgning", staffMember, note)).ToHaveCountAsync(1);
    }

    /// <summary>An outcome of the kind, achieved today (the form's date).</summary>
    public async Task RecordOutcomeAsync(string kind)
    {
        var before = await Outcomes.CountAsync();
        await ChooseAsync(page.Locator("[data-testid=outcome-kind]"), kind);
        await page.Locator("[data-testid=outcome-save]").ClickAsync();
        await Expect(Outcomes).ToHaveCountAsync(before + 1);
    }

    /// <summary>
    /// Closes the case today (the form's date) with a reason, a status per goal (by the goal's text), the resident's
    /// agreement and a note.
    /// </summary>
    public async Task CloseAsync(string reason, IReadOnlyDictionary<string, string> goalStatuses, string note)
    {
        await page.Locator("[data-testid=close-open]").ClickAsync();
        await ChooseAsync(page.Locator("[data-testid=close-reason]"), reason);
        foreach (var (goal, status) in goalStatuses)
        {
            var row = page.Locator("[data-testid=close-goal]", new() { HasText = goal });
            await ChooseAsync(row.Locator("[data-testid=close-goal-status]"), status);
        }
        var agreed = page.Locator("input[type=checkbox][data-testid=close-resident-agreed]");
        await agreed.CheckAsync();
        await Expect(agreed).ToBeCheckedAsync();
        await FillAsync(page.Locator("textarea[data-testid=close-note]"), note);
        await page.Locator("[data-testid=close-save]").ClickAsync();
        await Expect(Closure).ToBeVisibleAsync();
    }

    /// <summary>Records the aftercare call offered as due (rung today, the form's date) with a note.</summary>
    public async Task RecordAftercareCallAsync(string note)
    {
        await FillAsync(page.Locator("textarea[data-testid=aftercare-note]"), note);
        await page.Locator("[data-testid=aftercare-record]").ClickAsync();
    }

    /// <summary>Skips the aftercare call offered as due with a reason.</summary>
    public async Task SkipAftercareCallAsync(string reason)
    {
        await FillAsync(page.Locator("input[data-testid=aftercare-skip-reason]"), reason);
        await page.Locator("[data-testid=aftercare-skip]").ClickAsync();
    }

    /// <summary>MudBlazor's fields take their value on change: typed, then left with Tab.</summary>
    private static async Task FillAsync(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
        await Expect(field).ToHaveValueAsync(text);
    }

    /// <summary>An editable MudDatePicker: the date typed as dd-mm-åååå, then Tab.</summary>
    private static async Task TypeDateAsync(ILocator picker, DateOnly date) => await FillAsync(picker, date.ToDanish());

    /// <summary>
    /// Opens a MudSelect and picks the option with exactly the text ("Nået", not "Delvist nået"). MudSelect moves its
    /// attributes from the empty input to a div showing the chosen text once a value is set, so the select is found
    /// without a tag name.
    /// </summary>
    private async Task ChooseAsync(ILocator select, string text)
    {
        await select.ClickAsync();
        var option = page.Locator(".mud-popover-open [role=option]")
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") });
        await Expect(option).ToBeVisibleAsync();
        await option.ClickAsync();
        await Expect(select).ToHaveTextAsync(text);
    }
}
