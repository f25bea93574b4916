using System.Net;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BoligSocialt.Tests.Benchmarks;

/// <summary>The benchmarks run alone: no other test's work shares the process while they measure it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchmarkCollection
{
    public const string Name = "benchmark";
}

/// <summary>
/// The real app (Development: development sign-in and demo data) in this process on a free loopback port, with its
/// own SQLite file in a temporary folder, as <see cref="Browser.AppServer"/> runs it, but one instance per measurement:
/// its database can be added to, and no earlier test's circuits are in its heap. It counts its live circuits and, unlike
/// the app, keeps none whose browser has gone.
/// </summary>
internal sealed class BenchmarkApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("boligsocialt-bench-circuits-").FullName;
    private readonly CircuitCount _circuits = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Circuits opened and not yet closed.</summary>
    public int OpenCircuits => _circuits.Open;

    public static BenchmarkApp Start()
    {
        var app = new BenchmarkApp();
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server reports no addresses.");
        app.BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_folder, "app.db")}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        // A circuit whose browser is gone ends at once instead of being kept for a reconnect: when a measurement closes
        // its Chromium, nothing of its circuits is left for the next one's heap.
        builder.ConfigureServices(services => services.AddSingleton(_circuits).AddScoped<CircuitHandler, CountingCircuitHandler>()
            .Configure<CircuitOptions>(o => o.DisconnectedCircuitMaxRetained = 0));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class CircuitCount
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public void Opened() => Interlocked.Increment(ref _open);

        public void Closed() => Interlocked.Decrement(ref _open);
    }

    private sealed class CountingCircuitHandler(CircuitCount count) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            count.Opened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            count.Closed();
            return Task.CompletedTask;
        }
    }
}
