using BoligSocialt.App.Data;
using BoligSocialt.Domain.Common;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>
/// The <c>measure</c> verb: a quarter's measurement from the database as a file, or on standard output (json, csv), so
/// that <c>measure … &gt; file.json</c> holds exactly the JSON contract. The command line has no actor: whoever runs
/// it on the server may read the database anyway.
/// </summary>
internal static class MeasurementExportCommand
{
    public static async Task<int> RunAsync(int year, int quarter, string format, string? output, string? database, TextWriter standardOutput)
    {
        var chosen = MeasurementExport.ParseFormat(format) ?? throw new CommandLineException($"Ukendt filformat '{format}'.");
        if (chosen == MeasurementFormat.Xlsx && output is null)
            throw new CommandLineException("Et regneark (xlsx) kan ikke skrives til standardoutput: angiv en fil med --output, fx --output leverancemaaling.xlsx.");

        var factory = await CommandLineDatabase.OpenAsync(database);
        MeasurementExport export;
        await using (var db = await factory.CreateDbContextAsync())
        {
            try
            {
                export = await MeasurementExport.MeasureAsync(db, year, quarter);
            }
            catch (DomainException e)
            {
                throw new CommandLineException(e.Message);
            }
        }

        if (output is null)
        {
            if (chosen == MeasurementFormat.Csv)
            {
                // The byte order mark as a character: a UTF-8 standard output writes it as the file's BOM (Excel needs it).
                await standardOutput.WriteAsync('\uFEFF');
                export.WriteCsv(standardOutput);
            }
            else
            {
                await standardOutput.WriteLineAsync(export.Json());
            }
            await standardOutput.FlushAsync();
            return CommandLine.Success;
        }

        try
        {
            await File.WriteAllBytesAsync(output, export.Content(chosen));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"Filen '{output}' kan ikke skrives: {e.Message}");
        }
        await standardOutput.WriteLineAsync($"Leverancemålingen for {export.QuarterName} er skrevet til {Path.GetFullPath(output)}.");
        return CommandLine.Success;
    }
}
