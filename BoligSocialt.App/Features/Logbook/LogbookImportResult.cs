using System.Globalization;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>What an import found: the errors (then nothing was or would be saved) or the summary.</summary>
public sealed record LogbookImportResult(IReadOnlyList<LogbookImportError> Errors, LogbookImportSummary? Summary)
{
    public bool Succeeded => Errors.Count == 0;

    public static LogbookImportResult Failed(IReadOnlyList<LogbookImportError> errors) => new(errors, null);
}

/// <summary>One problem of the file, in Danish.</summary>
/// <param name="Line">The line the bad record starts on (the header is line 1); null for a problem of the whole file.</param>
/// <param name="Column">The column's name from the header, or null when the problem is not one column's.</param>
public sealed record LogbookImportError(int? Line, string? Column, string Message)
{
    public override string ToString() =>
        Line is null ? Message : $"Linje {Line}{(Column is null ? "" : $", kolonne {Column}")}: {Message}";
}

/// <summary>What the import adds (or added, when <see cref="Saved"/>).</summary>
/// <param name="Lines">Lines read (blank lines not counted).</param>
/// <param name="Entries">New logbook entries: one a line, or one for consecutive lines of one entry with several residents.</param>
/// <param name="ResidentsNew">Residents created (their beboer_id was not known).</param>
/// <param name="ResidentsMatched">Known residents the new entries name (matched on beboer_id, merged records by their survivor).</param>
/// <param name="Moves">Moves to another department recorded in residents' residence histories.</param>
/// <param name="Outcomes">Outcomes recorded (lines with resultat).</param>
/// <param name="StaffCreated">Names of the inactive staff records created for unknown staff members.</param>
/// <param name="LinesAlreadyImported">Lines skipped because an earlier import already added them.</param>
public sealed record LogbookImportSummary(
    int Lines,
    int Entries,
    int ResidentsNew,
    int ResidentsMatched,
    int Moves,
    int Outcomes,
    IReadOnlyList<string> StaffCreated,
    int LinesAlreadyImported,
    bool Saved)
{
    /// <summary>The summary as Danish lines, for the page and the command line.</summary>
    public IReadOnlyList<string> Describe()
    {
        var staff = StaffCreated.Count == 0 ? "ingen" : $"{StaffCreated.Count} ({string.Join(", ", StaffCreated)})";
        return
        [
            $"Linjer i filen: {Number(Lines)}",
            $"Allerede importeret (springes over): {Number(LinesAlreadyImported)} linjer",
            $"Nye logbogsindførsler: {Number(Entries)}",
            $"Nye beboere: {Number(ResidentsNew)}",
            $"Kendte beboere (genkendt på beboer_id): {Number(ResidentsMatched)}",
            $"Flytninger registreret: {Number(Moves)}",
            $"Resultater: {Number(Outcomes)}",
            $"Nye inaktive medarbejdere: {staff}",
        ];
    }

    private static string Number(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("da-DK"));
}
