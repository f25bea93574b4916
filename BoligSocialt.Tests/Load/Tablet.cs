using System.Globalization;
using BoligSocialt.App.Auth;
using BoligSocialt.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Load;

/// <summary>
/// One simulated tablet: a browser context of its own (a tablet held upright), its mentor signed in through the
/// development sign-in page, the case page open with a live circuit. Each round it waits a think time, types a short
/// follow-up note key by key (the note field sends every key to the server), clicks "Gem opfølgning" and times the click
/// until the new follow-up is in the page's timeline, measured in the page itself: from the click event's time stamp to
/// the DOM change that shows the note. The keys are typed by a script in the page (keydown, the character, input,
/// keyup: what Blazor sends the server for a real key), not by Playwright: a hundred tablets' keys through the DevTools
/// protocol took more of this machine's two cores than the app itself.
/// </summary>
internal sealed class Tablet(int number, string mentorName, Guid caseId, Uri baseAddress)
{
    /// <summary>The first words of every note the tablets save: the saved rows are counted by it.</summary>
    public const string NotePrefix = "Belastningstest";

    /// <summary>A save whose follow-up is not shown within this long counts as an error (a missing update).</summary>
    public const int UpdateTimeoutMs = 10_000;

    /// <summary>Typing speed: a quick typist on a tablet's keyboard, ten keys a second.</summary>
    private const int KeyDelayMs = 100;

    /// <summary>
    /// Installed in every page before it loads: records each state of Blazor's reconnection UI but "hide" (the
    /// connection was lost), and starts a save's stopwatch at the click on the save button.
    /// </summary>
    private const string InitScript = """
        window.__load = { reconnects: [], clickedAt: null };
        document.addEventListener('click', e => {
            if (e.target instanceof Element && e.target.closest('[data-testid=follow-up-save]')) window.__load.clickedAt = e.timeStamp;
        }, { capture: true });
        document.addEventListener('DOMContentLoaded', () => {
            document.getElementById('components-reconnect-modal')?.addEventListener('components-reconnect-state-changed', e => {
                if (e.detail.state !== 'hide') window.__load.reconnects.push(e.detail.state);
            });
        });
        """;

    /// <summary>A round's outcome from <see cref="RoundScript"/> when the note field was not empty and enabled, or the save button not enabled, in time.</summary>
    private const double FormNotReady = -2;

    /// <summary>
    /// One round in the page: waits until the note field is empty and enabled (the last save cleared it), types the note
    /// key by key as a keyboard would (keydown, the character, input, keyup: what Blazor sends the server for a real key),
    /// clicks the save button and returns the milliseconds from the click event to the DOM change that shows the note in
    /// the timeline; -1 when it does not show within the time-out, <see cref="FormNotReady"/> when the form was not
    /// ready. All in one call: a hundred tablets' keys and clicks driven step by step through the DevTools protocol took
    /// more of this machine's two cores than the app did.
    /// </summary>
    private const string RoundScript = """
        async ([note, delayMs, timeoutMs]) => {
            const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
            const ready = async (find, isReady) => {
                const until = performance.now() + timeoutMs;
                while (!(find() && isReady(find()))) {
                    if (performance.now() > until) return null;
                    await pause(50);
                }
                return find();
            };
            const field = await ready(() => document.querySelector('textarea[data-testid=follow-up-note]'), f => !f.disabled && f.value === '');
            if (field === null) return -2;
            field.focus();
            for (const key of note) {
                field.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
                field.value += key;
                field.dispatchEvent(new InputEvent('input', { data: key, inputType: 'insertText', bubbles: true }));
                field.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
                await pause(delayMs);
            }
            const save = await ready(() => document.querySelector('button[data-testid=follow-up-save]'), b => !b.disabled);
            if (save === null) return -2;
            const shown = () => [...document.querySelectorAll('[data-testid=timeline-item]')].some(e => e.textContent.includes(note));
            window.__load.clickedAt = null;
            const update = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                    if (window.__load.clickedAt === null || !shown()) return;
                    observer.disconnect();
                    clearTimeout(timer);
                    resolve(performance.now() - window.__load.clickedAt);
                });
                const timer = setTimeout(() => { observer.disconnect(); resolve(-1); }, timeoutMs);
                observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            });
            save.click();
            return await update;
        }
        """;

    private const string ReadReconnectsScript = "() => window.__load.reconnects.splice(0)";

    private readonly List<double> _latencies = [];
    private readonly List<string> _errors = [];
    private readonly Lock _lock = new();
    private IBrowserContext? _context;
    private IPage? _page;

    public int Number => number;

    /// <summary>Signed in, with its case page interactive.</summary>
    public bool IsOpen { get; private set; }
    public Guid CaseId => caseId;

    /// <summary>Milliseconds from click to update of each save shown in time.</summary>
    public IReadOnlyList<double> Latencies => _latencies;

    /// <summary>Saves whose follow-up the page showed: each must be one row in the database.</summary>
    public int ConfirmedSaves { get; private set; }

    /// <summary>Clicks on save whose follow-up the page did not show (an error each): saved or not.</summary>
    public int UnconfirmedSaves { get; private set; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock) return [.. _errors];
        }
    }

    private string CasePath => $"/forloeb/{caseId}";

    private ILocator Note => _page!.Locator("textarea[data-testid=follow-up-note]");

    /// <summary>Signs in in a new context and opens the case page; done once it is interactive and the note can be typed.</summary>
    public async Task OpenAsync(IBrowser browser)
    {
        _context = await browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = 768, Height = 1024 },
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
        });
        _context.SetDefaultTimeout(AppServer.TimeoutMs);
        _context.SetDefaultNavigationTimeout(AppServer.TimeoutMs);
        await _context.AddInitScriptAsync(InitScript);
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type == "error") Error("console", message.Text);
        };
        _page.PageError += (_, error) => Error("page error", error);
        _page.Crash += (_, _) => Error("crash", "the page crashed");

        await _page.GotoAsync($"{SignIn.DevelopmentPath}?returnUrl={Uri.EscapeDataString(CasePath)}");
        await _page.Locator("button[data-testid=sign-in-as]", new() { HasText = $"Log ind som {mentorName}" }).ClickAsync();
        await _page.WaitForURLAsync(url => new Uri(url).AbsolutePath == CasePath);
        await ReadyAsync();
        IsOpen = true;
    }

    /// <summary>Rounds of think time, typing and saving until <paramref name="until"/>; an error is recorded and the page reloaded.</summary>
    public async Task RunAsync(DateTimeOffset until, TimeSpan minThink, TimeSpan maxThink)
    {
        var random = new Random(number);
        // The first round starts anywhere in a think time, so that the tablets do not all click at once.
        await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * maxThink.TotalMilliseconds));
        while (DateTimeOffset.UtcNow < until)
        {
            try
            {
                await SaveFollowUpAsync(ConfirmedSaves + UnconfirmedSaves + 1);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                Error("exception", Summary(e));
                if (!await RecoverAsync()) return;
            }
            if (DateTimeOffset.UtcNow >= until) break;
            await Task.Delay(minThink + TimeSpan.FromMilliseconds(random.NextDouble() * (maxThink - minThink).TotalMilliseconds));
        }
    }

    /// <summary>One round: the note typed, the save clicked and timed, the page checked for errors.</summary>
    public async Task SaveFollowUpAsync(int round)
    {
        var note = string.Create(CultureInfo.InvariantCulture, $"{NotePrefix} {number:000}-{round}: samtale.");
        double ms;
        try
        {
            ms = await _page!.EvaluateAsync<double>(RoundScript, new object[] { note, KeyDelayMs, UpdateTimeoutMs });
        }
        catch
        {
            // The click may have reached the app: saved or not, it is not confirmed.
            UnconfirmedSaves++;
            throw;
        }
        if (ms == FormNotReady)
        {
            Error("form", $"the note field or the save button was not ready within {UpdateTimeoutMs} ms");
            return;
        }
        if (ms >= 0)
        {
            ConfirmedSaves++;
            lock (_lock) _latencies.Add(ms);
        }
        else
        {
            UnconfirmedSaves++;
            Error("no update", $"\"{note}\" was not in the timeline {UpdateTimeoutMs} ms after the click");
        }
        await CheckPageAsync();
    }

    /// <summary>Errors the page shows: the reconnection UI since the last check, or the case page's refusal.</summary>
    public async Task CheckPageAsync()
    {
        foreach (var state in await _page!.EvaluateAsync<string[]>(ReadReconnectsScript)) Error("reconnect", $"the reconnection UI showed \"{state}\"");
        var refusal = _page.Locator("[data-testid=case-error]");
        if (await refusal.CountAsync() > 0) Error("refused", await refusal.InnerTextAsync());
    }

    public async Task CloseAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
    }

    /// <summary>As a mentor would: reload the case page (a new circuit). False when even that fails.</summary>
    private async Task<bool> RecoverAsync()
    {
        try
        {
            await _page!.GotoAsync(CasePath);
            await ReadyAsync();
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Error("exception", $"reloading the case page: {Summary(e)}");
            return false;
        }
    }

    private async Task ReadyAsync()
    {
        await AppServer.WaitForCircuitAsync(_page!);
        await Expect(_page!.Locator("[data-testid=case-title]")).ToBeVisibleAsync();
        await Expect(Note).ToBeEnabledAsync();
    }

    /// <summary>Playwright's message and the first step of its call log (what it was waiting for).</summary>
    private static string Summary(Exception e) =>
        string.Join(" ", e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => l != "Call log:").Take(2));

    /// <summary>Records an error of this tablet: its kind (the report groups by it) and what happened.</summary>
    public void Error(string kind, string message)
    {
        lock (_lock) _errors.Add($"tablet {number:000}: {kind}: {message}");
    }
}
