using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using BoligSocialt.App.Auth;

namespace BoligSocialt.App;

/// <summary>What the benchmark verbs share: their timings, the staff member they act as, and the report's machine line.</summary>
internal static class Benchmarking
{
    /// <summary>The machine and the build; a Debug build is several times slower, so its figures must not be recorded as the app's.</summary>
    public static string Machine()
    {
        var optimised = typeof(Benchmarking).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        return $"{Environment.ProcessorCount} processorer, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
            $"{RuntimeInformation.ProcessArchitecture}, {(optimised ? "Release" : "Debug (uoptimeret)")}";
    }

    public static string Verdict(bool withinGoal) => withinGoal ? "inden for målet" : "OVER målet";
}

/// <summary>Milliseconds of repeated calls, sorted; p95 by the nearest rank.</summary>
internal sealed class Timings(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;
    public double Min => _sorted[0];
    public double Max => _sorted[^1];
    public double Median => _sorted.Length % 2 == 1
        ? _sorted[_sorted.Length / 2]
        : (_sorted[_sorted.Length / 2 - 1] + _sorted[_sorted.Length / 2]) / 2;
    public double P95 => _sorted[(int)Math.Ceiling(0.95 * _sorted.Length) - 1];
}

/// <summary>A benchmark acts as one fixed staff member.</summary>
internal sealed class FixedUser(Actor actor) : ICurrentUser
{
    public Task<Actor> GetAsync() => Task.FromResult(actor);
}
