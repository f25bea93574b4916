using System.Text.Json;
using System.Text.RegularExpressions;
using BoligSocialt.Tests.Browser.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// Journeys through the running app in Chromium, as the staff members of the demo data. Every sign-in is a new browser
/// context (fresh cookies); they are closed after each test.
/// </summary>
[Collection("browser")]
public sealed class JourneyTests(AppServer server) : BrowserTest(server)
{
    private const string Mentor = "Ahmed Hassan";
    private const string OtherTeamMentor = "Karim Yousef";
    private const string Analyst = "Peter Dahl";
    private const string ScreenshotFolder = "/tmp/screens";

    [Fact]
    public async Task Mentor_sees_the_Danish_start_page_and_finds_one_of_their_residents_by_part_of_the_name()
    {
        var page = await SignInAsAsync(Mentor);
        var start = new StartPage(page);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "da");
        await start.AssertGreetsAsync(Mentor);
        await Expect(page.GetByText("Mine forløb", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(start.NavLink("Beboere")).ToHaveCountAsync(1);
        await Expect(start.NavLink("Medarbejdere")).ToHaveCountAsync(0);

        // One of the mentor's own residents: open a case of "Mine forløb"; its title links to the resident.
        await start.MyCaseLinks.First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/forloeb/[0-9a-f-]{36}$"));
        var residentLink = page.Locator("[data-testid=case-title] a[href^='/beboere/']");
        await Expect(residentLink).ToBeVisibleAsync();
        var residentHref = await residentLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("No resident link.");
        var residentName = (await residentLink.InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrWhiteSpace(residentName));

        // To "Beboere" through the menu (below the Lg breakpoint the drawer may have to be opened first).
        if (!await start.NavLink("Beboere").IsVisibleAsync())
            await page.Locator(".mud-appbar button[aria-label=Menu]").ClickAsync();
        await start.NavLink("Beboere").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == ResidentSearchPage.Path);

        var search = new ResidentSearchPage(page);
        var part = PartOf(residentName);
        await search.SearchAsync(part);
        await search.AssertOnlyResultsNamedAsync(part);
        var result = page.Locator($"[data-testid=resident-result][href='{residentHref}']");
        await Expect(result).ToContainTextAsync(residentName);

        await result.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == residentHref);
        await new ResidentPage(page).AssertShowsAsync(residentName);
    }

    [Fact]
    public async Task Search_ignores_diacritics_and_aa_finds_å_for_a_resident_created_through_the_form()
    {
        const string name = "Åse Ærø Testesen";
        var page = await SignInAsAsync(Mentor);

        var form = new ResidentFormPage(page);
        await form.GotoNewAsync();
        await form.FillNameAsync(name);
        await form.TypeBirthDateAsync("12-04-1990");
        var department = await form.ChooseDepartmentAsync();
        await form.SaveAsync();

        await page.WaitForURLAsync(new Regex("/beboere/[0-9a-f-]{36}$"));
        var resident = new ResidentPage(page);
        await resident.AssertShowsAsync(name);
        await Expect(resident.Main).ToContainTextAsync("Født: 12-04-1990");
        await Expect(page.Locator("[data-testid=current-department]")).ToContainTextAsync(department.Split(" (")[0]);
        var id = new Uri(page.Url).AbsolutePath.Split('/')[^1];

        var search = new ResidentSearchPage(page);
        await search.GotoAsync();
        await search.SearchAsync("aase aeroe");
        await search.AssertResultCountAsync(1);
        await Expect(search.Results.First).ToContainTextAsync(name);
        await Expect(search.Results.First).ToHaveAttributeAsync("href", $"/beboere/{id}");

        // Case and accents do not matter either.
        await search.SearchAsync("ÅSE TESTESÉN");
        await search.AssertResultCountAsync(1);
        await Expect(search.Results.First).ToContainTextAsync(name);
    }

    [Fact]
    public async Task An_empty_name_gives_a_Danish_message_at_the_field_and_saves_nothing()
    {
        const string birthDate = "01-02-1985";
        var page = await SignInAsAsync(Mentor);
        var search = new ResidentSearchPage(page);
        await search.GotoAsync();
        var before = await search.CountResultsWithAsync(birthDate);

        var form = new ResidentFormPage(page);
        await form.GotoNewAsync();
        // Everything else valid, so the name alone keeps the form from being saved.
        await form.TypeBirthDateAsync(birthDate);
        await form.ChooseDepartmentAsync();

        await form.SaveAsync();

        await Expect(ResidentFormPage.ControlOf(form.Name)).ToContainTextAsync("Skriv beboerens navn.");
        await Expect(form.Name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Angiv fødselsdato.")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex("/beboere/ny$"));
        await Expect(form.FormError).ToHaveCountAsync(0);

        await search.GotoAsync();
        Assert.Equal(before, await search.CountResultsWithAsync(birthDate));
    }

    [Fact]
    public async Task A_mentor_gets_Ikke_fundet_for_another_teams_resident_and_case_and_for_an_unknown_id()
    {
        var otherTeam = await Server.KnownCaseOfAsync(OtherTeamMentor);
        var page = await SignInAsAsync(Mentor);
        var resident = new ResidentPage(page);

        await resident.GotoAsync(otherTeam.ResidentId);
        await resident.AssertNotFoundAsync();
        await AssertNowhereOnPageAsync(page, otherTeam.ResidentName);

        await AppServer.GotoAsync(page, $"/forloeb/{otherTeam.CaseId}");
        await resident.AssertNotFoundAsync();
        await Expect(page.Locator("[data-testid=case-title]")).ToHaveCountAsync(0);
        await AssertNowhereOnPageAsync(page, otherTeam.ResidentName);

        await resident.GotoAsync(Guid.NewGuid());
        await resident.AssertNotFoundAsync();

        await AppServer.GotoAsync(page, $"/forloeb/{Guid.NewGuid()}");
        await resident.AssertNotFoundAsync();
    }

    [Fact]
    public async Task An_analyst_reaches_no_resident_page_and_sees_figures_without_names()
    {
        var known = await Server.KnownCaseOfAsync(Mentor);
        var page = await SignInAsAsync(Analyst);
        var start = new StartPage(page);

        await start.AssertGreetsAsync(Analyst);
        await Expect(start.NavLink("Forside")).ToHaveCountAsync(1);
        await Expect(start.NavLink("Beboere")).ToHaveCountAsync(0);
        await Expect(start.Figures.Or(start.FiguresEmpty)).ToBeVisibleAsync();
        await Expect(start.MyCases).ToHaveCountAsync(0);
        await AssertNowhereOnPageAsync(page, known.ResidentName);

        var search = new ResidentSearchPage(page);
        await search.GotoAsync();
        await Expect(search.AccessDenied).ToContainTextAsync("Du har ikke adgang");
        await Expect(search.Results).ToHaveCountAsync(0);
        await Expect(search.SearchBox).ToHaveCountAsync(0);
        await AssertNowhereOnPageAsync(page, known.ResidentName);

        var resident = new ResidentPage(page);
        await resident.GotoAsync(known.ResidentId);
        await resident.AssertAccessDeniedAsync();
        await AssertNowhereOnPageAsync(page, known.ResidentName);
    }

    [Theory]
    [InlineData(768, 1024, "portrait")]
    [InlineData(1366, 1024, "landscape")]
    public async Task On_a_tablet_the_start_page_and_the_resident_search_are_usable(int width, int height, string orientation)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var page = await SignInAsAsync(Mentor, width, height);
        var start = new StartPage(page);
        await Expect(start.Welcome).ToBeInViewportAsync();
        await Expect(start.MyCases).ToBeVisibleAsync();
        await AssertUsableAsync(page, width);
        await page.ScreenshotAsync(new() { Path = $"{ScreenshotFolder}/start-{orientation}-{width}x{height}.png" });

        var search = new ResidentSearchPage(page);
        await search.GotoAsync();
        await Expect(search.SearchBox).ToBeVisibleAsync();
        await Expect(search.SearchBox).ToBeInViewportAsync();
        await Expect(search.NewResidentButton).ToBeVisibleAsync();
        await Expect(search.Results.First).ToBeVisibleAsync();
        await AssertUsableAsync(page, width);
        await search.SearchBox.ClickAsync();
        await search.SearchAsync("a");
        await Expect(search.Results.First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = $"{ScreenshotFolder}/search-{orientation}-{width}x{height}.png" });
    }

    [Fact]
    public async Task Log_ud_signs_the_user_out()
    {
        var page = await SignInAsAsync(Mentor);
        var start = new StartPage(page);
        await Expect(start.SignOutButton).ToBeVisibleAsync();

        await start.SignOutAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/udvikler-log-ind");
        await Expect(page.Locator("button[data-testid=sign-in-as]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=welcome]")).ToHaveCountAsync(0);

        // The cookie is gone: the start page sends the browser to the sign-in page again.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/konto/udvikler-log-ind"));
        await Expect(page.Locator("[data-testid=welcome]")).ToHaveCountAsync(0);
        await Expect(page.Locator("button[data-testid=sign-in-as]", new() { HasText = $"Log ind som {Mentor}" })).ToBeVisibleAsync();
    }

    /// <summary>Part of a resident's name to type: the first four letters of the last word, in lower case.</summary>
    private static string PartOf(string residentName)
    {
        var last = residentName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        return last[..Math.Min(4, last.Length)].ToLowerInvariant();
    }

    /// <summary>The name is neither in the page's text nor in its title.</summary>
    private static async Task AssertNowhereOnPageAsync(IPage page, string name)
    {
        await Expect(page.Locator("body")).Not.ToContainTextAsync(name);
        Assert.DoesNotContain(name, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await page.ContentAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// No horizontal scrolling, and every visible button and link in the main content is at least 44 px high
    /// (a finger-sized touch target).
    /// </summary>
    private static async Task AssertUsableAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The page scrolls sideways at {width} px: it is {scrollWidth} px wide.");

        var targets = await page.EvaluateAsync<JsonElement>("""
            main => [...document.querySelectorAll(['a', 'button', '.mud-button-root', '[role=button]'].map(s => `${main} ${s}`).join(', '))]
                .filter(e => e.checkVisibility() && e.getBoundingClientRect().width > 0)
                .map(e => ({ text: (e.innerText || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 40), height: e.getBoundingClientRect().height }))
            """, AppServer.MainContent);
        var all = targets.EnumerateArray().Select(t => (Text: t.GetProperty("text").GetString(), Height: t.GetProperty("height").GetDouble())).ToList();
        Assert.NotEmpty(all);
        var small = all.Where(t => t.Height < 44).Select(t => $"'{t.Text}' ({t.Height:0.#} px)").ToList();
        Assert.True(small.Count == 0, $"Touch targets lower than 44 px at {width} px: {string.Join(", ", small)}");
    }
}
