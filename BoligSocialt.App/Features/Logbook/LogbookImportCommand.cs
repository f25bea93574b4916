using BoligSocialt.App.Data;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// <c>import-logbook &lt;fil.csv&gt; [--database …]</c>: the IT department's migration of a legacy logbook into the web
/// app's database (or the one named, created and migrated when it does not exist). Exit 0 with the summary on standard
/// output; exit 1 with every error on standard error, and nothing imported.
/// </summary>
internal static class LogbookImportCommand
{
    public static async Task<int> RunAsync(string path, string? database, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path)) throw new CommandLineException($"Filen '{path}' findes ikke.");
        var factory = await CommandLineDatabase.OpenAsync(database);
        await using var db = await factory.CreateDbContextAsync();
        LogbookImportResult result;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
            result = await LogbookImport.RunAsync(db, file, LogbookImport.CommandLineActor, save: true, TimeProvider.System.GetLocalNow());
        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"Intet er importeret: {path} har {result.Errors.Count} fejl.");
            foreach (var problem in result.Errors) await error.WriteLineAsync(problem.ToString());
            return CommandLine.BadInput;
        }
        await output.WriteLineAsync($"{path} er importeret.");
        foreach (var line in result.Summary!.Describe()) await output.WriteLineAsync("  " + line);
        return CommandLine.Success;
    }
}
