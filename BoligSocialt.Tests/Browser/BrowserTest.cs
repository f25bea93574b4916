using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BoligSocialt.Tests.Browser;

/// <summary>
/// A class of browser tests on the shared app: every sign-in is a new browser context (fresh cookies), closed after
/// each test.
/// </summary>
public abstract class BrowserTest(AppServer server) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected AppServer Server => server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
    }

    protected async Task<IPage> SignInAsAsync(string staffName, int width = 1024, int height = 768)
    {
        var page = await server.SignInAsAsync(staffName, width, height);
        _contexts.Add(page.Context);
        return page;
    }

    /// <summary>
    /// Routes the page's Blazor circuit so that the test can drop it; call before the page opens. Chromium's offline mode
    /// fails new requests but leaves an open WebSocket alone, so dropping goes offline and closes the routed socket, as
    /// a lost network eventually does.
    /// </summary>
    protected static async Task<Func<Task>> RouteCircuitAsync(IPage page)
    {
        IWebSocketRoute? circuit = null;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            socket.ConnectToServer();
            circuit = socket;
        });
        return async () =>
        {
            await page.Context.SetOfflineAsync(true);
            await (circuit ?? throw new InvalidOperationException("The page has no circuit yet.")).CloseAsync();
        };
    }
}
