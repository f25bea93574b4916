using System.Diagnostics;
using BoligSocialt.App.Auth;
using BoligSocialt.Tests.Browser;
using Microsoft.Playwright;

namespace BoligSocialt.Tests.Benchmarks;

/// <summary>
/// Debian's headless Chromium as a process of its own, which Playwright connects to (over the DevTools protocol) only
/// while it opens pages. Disconnected, the pages stay open with their circuits, and the Playwright client's objects for
/// them are no longer in this process's heap, which then holds only what the app keeps.
/// </summary>
internal sealed class DetachableChromium : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly string _endpoint;

    private DetachableChromium(Process process, DirectoryInfo profile, string endpoint)
    {
        _process = process;
        _profile = profile;
        _endpoint = endpoint;
    }

    /// <summary>
    /// Starts Chromium with the browser tests' arguments, and without the throttling of pages in the background, which
    /// Playwright also turns off when it starts Chromium itself: every page keeps its circuit's connection alive.
    /// </summary>
    public static async Task<DetachableChromium> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("boligsocialt-bench-chromium-");
        var start = new ProcessStartInfo("/usr/bin/chromium")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                     "--disable-backgrounding-occluded-windows", "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", "about:blank",
                 })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        // Its output is read and dropped, so that a full pipe never blocks it.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Chromium writes the port it listens on to DevToolsActivePort in the profile when it is ready.
        var portFile = Path.Combine(profile.FullName, "DevToolsActivePort");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (process.HasExited || waited.Elapsed > StartTimeout)
            {
                process.Kill(entireProcessTree: true);
                profile.Delete(recursive: true);
                throw new InvalidOperationException($"Chromium did not open its DevTools port within {StartTimeout.TotalSeconds} s.");
            }
            await Task.Delay(50);
        }
        return new DetachableChromium(process, profile, $"http://127.0.0.1:{File.ReadAllLines(portFile)[0]}");
    }

    /// <summary>Playwright on the running Chromium; disposing the connection leaves Chromium and its pages as they are.</summary>
    public async Task<Connection> ConnectAsync(Uri baseAddress)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.ConnectOverCDPAsync(_endpoint);
        var context = browser.Contexts[0];
        context.SetDefaultTimeout(AppServer.TimeoutMs);
        context.SetDefaultNavigationTimeout(AppServer.TimeoutMs);
        return new Connection(playwright, context, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _profile.Delete(recursive: true);
    }

    /// <summary>The default browser context of the running Chromium (its cookies outlive the connection).</summary>
    public sealed class Connection(IPlaywright playwright, IBrowserContext context, Uri baseAddress) : IDisposable
    {
        /// <summary>Signs in through the development sign-in page, which then opens the path (interactive) in the same page.</summary>
        public async Task<IPage> SignInAsync(string staffName, string path)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(baseAddress, $"{SignIn.DevelopmentPath}?returnUrl={Uri.EscapeDataString(path)}").ToString());
            await page.Locator("button[data-testid=sign-in-as]", new() { HasText = $"Log ind som {staffName}" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
            await AppServer.WaitForCircuitAsync(page);
            return page;
        }

        /// <summary>A new page (a tab of its own) at a path of the app, interactive: its own circuit is up.</summary>
        public async Task<IPage> OpenAsync(string path)
        {
            var page = await context.NewPageAsync();
            await AppServer.GotoAsync(page, new Uri(baseAddress, path).ToString());
            return page;
        }

        public void Dispose() => playwright.Dispose();
    }
}
