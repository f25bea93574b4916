using BoligSocialt.App.Data;
using BoligSocialt.Domain.Common;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// <c>export-logbook --from åååå-mm-dd --to åååå-mm-dd [--activity KODE] [--output fil.csv] [--database …]</c>: the
/// whole organisation's logbook of a period, in the import format, for the IT department. Without --output the file
/// is written to standard output (and nothing else is); with it, a summary is.
/// </summary>
internal static class LogbookExportCommand
{
    public static async Task<int> RunAsync(string from, string to, string? activity, string? path, string? database, TextWriter output)
    {
        var request = new LogbookExportRequest(Date("--from", from), Date("--to", to), activity);
        if (request.From > request.To) throw new CommandLineException("--from skal ligge før eller på --to.");
        var factory = await CommandLineDatabase.OpenAsync(database);
        await using var db = await factory.CreateDbContextAsync();
        if (path is null)
        {
            await Export(() => LogbookExport.WriteAsync(db, null, request, output, LogbookExport.CommandLineActor));
            return CommandLine.Success;
        }
        LogbookExportSummary summary;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            try
            {
                summary = await Export(() => LogbookExport.WriteAsync(db, null, request, file, LogbookExport.CommandLineActor));
            }
            catch (CommandLineException)
            {
                await file.DisposeAsync();
                File.Delete(path);
                throw;
            }
        }
        await output.WriteLineAsync($"{path}: {summary.Lines} linjer, {summary.Entries} logbogsindførsler, {summary.Residents} beboere, " +
            $"{summary.Outcomes} resultater ({summary.OutcomeLines} på en linje for sig).");
        return CommandLine.Success;
    }

    private static async Task<LogbookExportSummary> Export(Func<Task<LogbookExportSummary>> write)
    {
        try
        {
            return await write();
        }
        catch (DomainException e)
        {
            throw new CommandLineException(e.Message);
        }
    }

    private static DateOnly Date(string option, string text) =>
        DanishDate.ParseIso(text)
            ?? throw new CommandLineException($"{option} skal være en dato som åååå-mm-dd, ikke '{text}'.");
}
