using BoligSocialt.App.Data;
using BoligSocialt.Domain.Common;
using Microsoft.Extensions.Logging.Abstractions;

namespace BoligSocialt.App.Features.Retention;

/// <summary>
/// The <c>retention</c> verb: runs the retention schedule now (as the web app does daily), or with
/// <c>--dry-run</c> says what it would anonymise, changing nothing. Prints counts only, never a name.
/// </summary>
internal static class RetentionCommand
{
    public static async Task<int> RunAsync(bool dryRun, string? database, TextWriter output)
    {
        var factory = await CommandLineDatabase.OpenAsync(database);
        var retention = new RetentionService(factory, TimeProvider.System, NullLogger<RetentionService>.Instance);
        var run = dryRun ? await retention.DryRunAsync() : await retention.RunAsync();
        foreach (var line in Lines(run)) await output.WriteLineAsync(line);
        return CommandLine.Success;
    }

    public static IEnumerable<string> Lines(RetentionRun run)
    {
        var c = run.Counts;
        yield return $"Opbevaringsregel: {run.Years} år. Beboere uden åbent forløb eller åben henvisning og uden noget registreret siden {run.PeriodStart.ToDanish()} anonymiseres.";
        yield return run.DryRun
            ? $"Prøvekørsel, intet er ændret. Ville blive anonymiseret: {Residents(c.Residents)}."
            : $"Anonymiseret: {Residents(c.Residents)}.";
        yield return $"  beboerregistreringer (med sammenlagte): {c.Records}";
        yield return $"  noter i logbogen fjernet: {c.LogbookNotes}";
        yield return $"  tekster i forløb fjernet (mål, aftaler, noter): {c.CaseTexts}";
        yield return $"  tekster i henvisninger fjernet: {c.ReferralTexts}";
        yield return $"  resultater, hvor aldersgruppen er bevaret til målingen: {c.AgeBandsKept}";
    }

    private static string Residents(int count) => count == 1 ? "1 beboer" : $"{count} beboere";
}
