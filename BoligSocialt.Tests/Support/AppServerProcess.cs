using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace BoligSocialt.Tests.Support;

/// <summary>
/// The web app as a process of its own, as it runs in production but in Development (development sign-in, demo data):
/// the built BoligSocialt.App.dll next to the tests, its appsettings.json, on a free loopback port and the given SQLite
/// file. Its own process, so that its memory is the server's alone (<see cref="MeasureMemoryAsync"/> asks it through
/// <see cref="StartupHook"/>) and a test can kill it as the operating system would.
/// </summary>
internal sealed partial class AppServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MemoryTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<string> _errors = [];
    private TaskCompletionSource<ServerMemory>? _memory;
    private bool _afterFailure;

    private AppServerProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    /// <summary>The processor time the app has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>What the app wrote on standard error, and its log messages of level fail or crit.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock) return [.. _errors];
        }
    }

    public static async Task<AppServerProcess> StartAsync(string databasePath)
    {
        var appDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", appDll, "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["DOTNET_STARTUP_HOOKS"] = Assembly.GetExecutingAssembly().Location;
        start.Environment.Remove("ASPNETCORE_URLS");

        var app = new AppServerProcess(Process.Start(start) ?? throw new InvalidOperationException("The app did not start."));
        app._process.OutputDataReceived += (_, e) => app.Read(e.Data, standardError: false);
        app._process.ErrorDataReceived += (_, e) => app.Read(e.Data, standardError: true);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            app.BaseAddress = await app._listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The app did not listen within {StartTimeout.TotalSeconds} s: {string.Join(" | ", app.Errors)}");
        }
        return app;
    }

    /// <summary>The app's managed heap after full collections, and its working set.</summary>
    public async Task<ServerMemory> MeasureMemoryAsync()
    {
        var answer = new TaskCompletionSource<ServerMemory>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock) _memory = answer;
        await _process.StandardInput.WriteLineAsync(StartupHook.Request);
        await _process.StandardInput.FlushAsync();
        return await answer.Task.WaitAsync(MemoryTimeout);
    }

    private void Read(string? line, bool standardError)
    {
        if (line is null) return;
        if (line.StartsWith(StartupHook.Answer, StringComparison.Ordinal))
        {
            var figures = line[StartupHook.Answer.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            lock (_lock) _memory?.TrySetResult(new ServerMemory(figures[0], figures[1]));
            return;
        }
        if (ListeningOn().Match(line) is { Success: true } listening)
        {
            _listening.TrySetResult(new Uri(listening.Groups[1].Value));
            return;
        }
        // The console logger writes a failure's category on one line and its message on the next.
        var failure = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
        lock (_lock)
        {
            if (_afterFailure) _errors[^1] = $"{_errors[^1]} {line.Trim()}";
            else if (standardError || failure) _errors.Add(line);
            _afterFailure = failure;
        }
    }

    /// <summary>SIGKILL to the app, then waits until it is gone; returns its exit code (<see cref="AppCommandProcess.KilledExitCode"/>).</summary>
    public async Task<int> KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}

/// <summary>The server's memory: the managed heap after full collections, and the process's working set, in bytes.</summary>
internal sealed record ServerMemory(long Heap, long WorkingSet);
