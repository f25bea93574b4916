using Bunit;
using MudBlazor.Services;

namespace BoligSocialt.Tests.Components;

/// <summary>
/// bUnit context with MudBlazor's services as MudBlazor's own tests set them up: loose JS interop (MudBlazor calls JS
/// on first render), no popover-provider check (a component rendered alone has no MudPopoverProvider around it) and
/// snackbars without transitions.
/// </summary>
/// <remarks>
/// MudBlazor registers services that are only <see cref="IAsyncDisposable"/>, and xunit 2 disposes a test class with
/// <see cref="IDisposable.Dispose"/>, which the service provider refuses for them. <see cref="IAsyncLifetime"/> makes
/// xunit dispose the context asynchronously first; the later synchronous Dispose then does nothing.
/// </remarks>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
    }

    /// <summary>Runs before each test, after the constructor: for setup that must be awaited.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
