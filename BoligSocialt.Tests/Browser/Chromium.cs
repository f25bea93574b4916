using Microsoft.Playwright;

namespace BoligSocialt.Tests.Browser;

/// <summary>Debian's Chromium, headless, as every browser test, the load run and the kill test start it.</summary>
internal static class Chromium
{
    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <param name="extraArguments">More switches, e.g. the load run's that keep background tabs from being throttled.</param>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArguments) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = [.. Arguments, .. extraArguments],
        });
}
