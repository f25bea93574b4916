using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BoligSocialt.Tests.Browser;

/// <summary>All browser test classes share one running app and one Chromium.</summary>
[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<AppServer>;

/// <summary>
/// The real app (Development: development sign-in and demo data) on a free loopback port with its own SQLite file in a
/// temporary folder, and one headless Chromium. Every test gets a new browser context, so fresh cookies.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    /// <summary>Playwright's actions, navigations and assertions give up after this long: a failure fails fast.</summary>
    public const float TimeoutMs = 15_000;

    /// <summary>The page's main content (the layout's &lt;main&gt; landmark).</summary>
    public const string MainContent = "main";

    private readonly string _folder = Directory.CreateTempSubdirectory("boligsocialt-browser-").FullName;
    private readonly ConcurrentDictionary<string, CaseReference> _knownCases = new();
    private Factory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running app's services: tests set up data in its database the way the app itself would.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        _factory = new Factory(Path.Combine(_folder, "app.db"));
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server reports no addresses.");
        BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));

        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is left for the system to clean up.
        }
    }

    /// <summary>A new browser context (no cookies) with a page of the given size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1024, int height = 768)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
        });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through the development sign-in page in a new browser context and waits until the start page is
    /// interactive. The caller owns the page's context (dispose <c>page.Context</c>).
    /// </summary>
    public async Task<IPage> SignInAsAsync(string staffName, int width = 1024, int height = 768)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/konto/udvikler-log-ind");
        await page.Locator("button[data-testid=sign-in-as]", new() { HasText = $"Log ind som {staffName}" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=welcome]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens a URL of the app (a full page load, so a new circuit) and waits until it is interactive.</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Waits until the Blazor circuit has rendered the page interactively: a click on the prerendered HTML before that
    /// can be lost. Blazor keeps the event handlers it attaches in a "_blazorEvents_N" property of the element; the
    /// prerendered HTML has none. The layout's menu button (MudIconButton with OnClick) gets one in the first
    /// interactive render of the layout, and the page renders in the same batch.
    /// </summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await page.WaitForFunctionAsync("""
            () => {
                const button = document.querySelector('.mud-appbar button[aria-label=Menu]');
                return !!window.Blazor && !!button && Object.keys(button).some(k => k.startsWith('_blazorEvents_'));
            }
            """);

    /// <summary>One open case of the staff member and its resident, read from their start page (cached per staff member).</summary>
    public async Task<CaseReference> KnownCaseOfAsync(string staffName)
    {
        if (_knownCases.TryGetValue(staffName, out var known)) return known;
        var page = await SignInAsAsync(staffName);
        try
        {
            var caseLink = page.Locator("[data-testid=my-cases] a[href^='/forloeb/']").First;
            var caseHref = await caseLink.GetAttributeAsync("href")
                ?? throw new InvalidOperationException($"{staffName} has no case link on the start page.");
            await GotoAsync(page, caseHref);
            var residentLink = page.Locator("[data-testid=case-title] a[href^='/beboere/']");
            await Assertions.Expect(residentLink).ToBeVisibleAsync();
            var residentHref = await residentLink.GetAttributeAsync("href")
                ?? throw new InvalidOperationException("The case title has no link to the resident.");
            var residentName = (await residentLink.InnerTextAsync()).Trim();
            known = new CaseReference(LastSegment(caseHref), LastSegment(residentHref), residentName);
            _knownCases[staffName] = known;
            return known;
        }
        finally
        {
            await page.Context.DisposeAsync();
        }
    }

    private static Guid LastSegment(string href) => Guid.Parse(href.TrimEnd('/').Split('/')[^1]);

    private sealed class Factory(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={databasePath}");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        }
    }
}

/// <summary>A case, its resident and the resident's name as the responsible staff member sees them.</summary>
public sealed record CaseReference(Guid CaseId, Guid ResidentId, string ResidentName);
