using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Common;
using CsvHelper;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>The file formats of the measurement: a spreadsheet for the steering group, CSV, and the JSON contract.</summary>
public enum MeasurementFormat
{
    Xlsx,
    Csv,
    Json,
}

/// <summary>
/// A measurement and the Danish names of its codes: its tables (as the page shows them) and its files. The JSON is the
/// contract of docs/MEASUREMENT_EXPORT.md; the CSV and the spreadsheet hold the page's tables. Figures only.
/// </summary>
public sealed class MeasurementExport(DeliveryMeasurement measurement, MeasurementExportLabels labels)
{
    /// <summary>The years a measurement can be asked for (the domain's quarter dates refuse others).</summary>
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>camelCase names, enums as their names, DateOnly as yyyy-MM-dd, nulls written, dictionaries keyed by code.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private const string CsvNewLine = "\r\n";

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public DeliveryMeasurement Measurement => measurement;

    public MeasurementExportLabels Labels => labels;

    public IReadOnlyList<MeasurementTable> Tables { get; } = MeasurementTable.Of(measurement, labels);

    /// <summary>E.g. "2. kvartal 2023".</summary>
    public string QuarterName => $"{measurement.Quarter}. kvartal {measurement.Year}";

    /// <summary>E.g. "01-04-2023 – 30-06-2023".</summary>
    public string Period => $"{measurement.From.ToDanish()} – {measurement.To.ToDanish()}";

    /// <summary>The measurement of a quarter with the catalogue's names, without an access check (the command line).</summary>
    public static async Task<MeasurementExport> MeasureAsync(AppDbContext db, int year, int quarter, CancellationToken ct = default) =>
        new(await DeliveryMeasurementService.MeasureAsync(db, year, quarter, ct), await MeasurementExportLabels.LoadAsync(db, ct));

    public static string FileName(int year, int quarter, MeasurementFormat format) =>
        $"leverancemaaling-{year}-kvartal-{quarter}.{Extension(format)}";

    public static string Extension(MeasurementFormat format) => format.ToString().ToLowerInvariant();

    public static MeasurementFormat? ParseFormat(string extension) =>
        Enum.GetValues<MeasurementFormat>().Cast<MeasurementFormat?>()
            .FirstOrDefault(f => string.Equals(Extension(f!.Value), extension, StringComparison.OrdinalIgnoreCase));

    public static string ContentType(MeasurementFormat format) => format switch
    {
        MeasurementFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        MeasurementFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    /// <summary>The JSON contract of docs/MEASUREMENT_EXPORT.md (indented).</summary>
    public static string Json(DeliveryMeasurement measurement) => JsonSerializer.Serialize(measurement, JsonOptions);

    public string Json() => Json(measurement);

    /// <summary>The file's bytes: JSON as UTF-8, CSV as UTF-8 with a byte order mark (Danish Excel needs it), the spreadsheet.</summary>
    public byte[] Content(MeasurementFormat format) => format switch
    {
        MeasurementFormat.Xlsx => Xlsx(),
        MeasurementFormat.Csv => Csv(),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Json()),
    };

    public byte[] Csv()
    {
        using var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
            WriteCsv(writer);
        return bytes.ToArray();
    }

    /// <summary>
    /// The CSV as Danish Excel opens it: ';' between fields, decimal comma; a title line, then each table under its own
    /// title line, with an empty line before each table. The caller's writer decides the encoding.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        // Field counts differ from table to table; a field that starts like a formula is escaped, not run by Excel.
        var options = new CsvWriterOptions { Separator = ';', NewLine = CsvNewLine, ValidateFieldCount = false, Injection = CsvInjection.Escape };
        using var csv = CsvWriter.Create(writer, options, leaveOpen: true);
        csv.WriteRecord($"Leverancemåling {QuarterName} ({Period})");
        foreach (var table in Tables)
        {
            // An empty line: CsvHelper writes a record of one empty field as "", so the line is written as it is.
            csv.Flush();
            writer.Write(CsvNewLine);
            csv.WriteRecord(table.Title);
            csv.WriteRecord(table.Columns.Select(c => c.Header).ToArray());
            foreach (var row in table.Rows) csv.WriteRecord(row.Select(MeasurementTable.CsvText).ToArray());
        }
        csv.Flush();
    }

    /// <summary>One sheet per table, in the page's order; numbers are number cells, an empty cell where there is none.</summary>
    public byte[] Xlsx()
    {
        var sheets = new Dictionary<string, object>();
        foreach (var table in Tables) sheets[table.Sheet] = DataTableOf(table);
        using var bytes = new MemoryStream();
        MiniExcel.SaveAs(bytes, sheets, configuration: new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, FreezeRowCount = 1 });
        return bytes.ToArray();
    }

    private static DataTable DataTableOf(MeasurementTable table)
    {
        var data = new DataTable(table.Sheet) { Locale = Danish };
        foreach (var column in table.Columns)
            data.Columns.Add(column.Header, column.Kind switch
            {
                MeasurementColumnKind.Count => typeof(int),
                MeasurementColumnKind.Days or MeasurementColumnKind.Percent => typeof(double),
                _ => typeof(string),
            });
        foreach (var row in table.Rows) data.Rows.Add(row.Select(cell => cell ?? DBNull.Value).ToArray());
        return data;
    }
}
