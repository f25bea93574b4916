using BoligSocialt.App;

namespace BoligSocialt.Tests.Support;

/// <summary>Runs one of the executable's verbs in-process, with what it writes captured.</summary>
internal static class Verb
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
