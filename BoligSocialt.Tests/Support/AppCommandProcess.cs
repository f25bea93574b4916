using System.Diagnostics;
using System.Text;

namespace BoligSocialt.Tests.Support;

/// <summary>
/// The app's executable run with a verb as a process of its own (<c>dotnet BoligSocialt.App.dll import-logbook …</c>, the
/// build next to the tests), so that a test can kill it as the operating system would: SIGKILL, no shutdown code runs.
/// The web app as a process is <see cref="AppServerProcess"/>.
/// </summary>
internal sealed class AppCommandProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppCommandProcess(Process process) => _process = process;

    /// <summary>The app's main assembly, copied next to the tests by the project reference (with its runtimeconfig and deps).</summary>
    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "BoligSocialt.App.dll");

    /// <summary>Starts the app with the arguments in a working directory, with the environment's variables set (null: removed).</summary>
    public static AppCommandProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host's own settings are not the app's.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppCommandProcess(process);
        process.OutputDataReceived += (_, e) => app.Append(app._output, e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(app._error, e.Data);
        process.Exited += (_, _) => app._exited.TrySetResult();
        if (!process.Start()) throw new InvalidOperationException("The app did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Each line the app writes to standard output, as it comes.</summary>
    public event Action<string>? OutputLine;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public string Error
    {
        get { lock (_error) return _error.ToString(); }
    }

    private void Append(StringBuilder text, string? line)
    {
        if (line is null) return;
        lock (text) text.AppendLine(line);
        if (text == _output) OutputLine?.Invoke(line);
    }

    /// <summary>Waits for the app to end by itself and returns its exit code; a hang fails the test after the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _exited.Task.WaitAsync(timeout);
        // The redirected streams are read to their end.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>The exit code of a process the operating system ended with SIGKILL (128 + 9).</summary>
    public const int KilledExitCode = 137;

    /// <summary>
    /// SIGKILL to the app and everything it started, then waits until it is gone. Returns its exit code:
    /// <see cref="KilledExitCode"/> when the kill ended it, its own when it had finished already.
    /// </summary>
    public async Task<int> KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
