using System.Globalization;
using System.Text;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>The columns of the logbook file (docs/IMPORT_FORMAT.md), in the order the export writes them.</summary>
public static class LegacyLogbookColumns
{
    public const string Date = "dato";
    public const string Staff = "medarbejder";
    public const string Activity = "aktivitet";
    public const string ResidentId = "beboer_id";
    public const string Name = "navn";
    public const string BirthDate = "foedselsdato";
    public const string Department = "boligafdeling";
    public const string Kind = "registrering";
    public const string Result = "resultat";
    public const string HeadCount = "antal";
    public const string Note = "note";

    public static readonly IReadOnlyList<string> All = [Date, Staff, Activity, ResidentId, Name, BirthDate, Department, Kind, Result, HeadCount, Note];

    /// <summary>Columns every file must have.</summary>
    public static readonly IReadOnlyList<string> Required = [Date, Staff, Activity, Kind];

    /// <summary>Columns a file with <see cref="ResidentId"/> must have too: a resident is named, born and lives somewhere.</summary>
    public static readonly IReadOnlyList<string> WithResident = [Name, BirthDate, Department];

    private static readonly Dictionary<string, int> Indexes = All.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);

    /// <summary>The column's place in <see cref="All"/>, or -1 for a name that is not a column.</summary>
    public static int IndexOf(string column) => Indexes.GetValueOrDefault(column, -1);
}

/// <summary>A problem with the file as a whole (not UTF-8, empty, too large): nothing of it can be read.</summary>
public sealed class LegacyLogbookFileException(string message) : Exception(message);

/// <summary>
/// Reads the logbook file's text: UTF-8 (a BOM is skipped, invalid bytes are refused), the header decides the separator
/// (<c>;</c>, or <c>,</c> when the header has no <c>;</c>), fields may be quoted with <c>"</c> (doubled inside; a quoted
/// field may hold the separator and line breaks). Records are read one at a time, each with the number of the
/// physical line it starts on (the header is line 1), so a large file is never held in memory as text.
/// </summary>
public sealed class LegacyLogbookReader : IDisposable
{
    public const long MaxFileBytes = 100L * 1024 * 1024;

    public const string NotUtf8Message =
        "Filen er ikke UTF-8-tekst. Gem den i Excel som \"CSV UTF-8 (kommasepareret) (*.csv)\", og prøv igen.";

    public const string EmptyMessage = "Filen er tom. Den skal have en overskriftslinje og mindst én linje at importere.";

    private readonly TextReader _text;
    private readonly StringBuilder _field = new();
    private int _lineNumber;

    private LegacyLogbookReader(TextReader text, char separator, int lineNumber)
    {
        _text = text;
        Separator = separator;
        _lineNumber = lineNumber;
    }

    public char Separator { get; }

    /// <summary>The header's names, trimmed and in lower case, in the file's order.</summary>
    public IReadOnlyList<string> Header { get; private init; } = [];

    public static string TooLargeMessage(long bytes) =>
        $"Filen er for stor ({Megabytes(bytes)} MB). Den må højst være {MaxFileBytes / (1024 * 1024)} MB: del logbogen i flere filer.";

    /// <summary>Megabytes rounded up to a tenth: a file a byte over the limit is not "100,0 MB".</summary>
    private static string Megabytes(long bytes) =>
        (Math.Ceiling(bytes * 10 / (1024.0 * 1024.0)) / 10).ToString("0.0", CultureInfo.GetCultureInfo("da-DK"));

    /// <summary>
    /// Opens the file and reads its header. A file larger than <see cref="MaxFileBytes"/> is refused before anything
    /// is read when the stream knows its length, and as soon as the limit is passed otherwise.
    /// </summary>
    /// <exception cref="LegacyLogbookFileException">The file is too large, not UTF-8 text or empty.</exception>
    public static async Task<LegacyLogbookReader> OpenAsync(Stream file, CancellationToken ct)
    {
        if (file.CanSeek && file.Length - file.Position > MaxFileBytes)
            throw new LegacyLogbookFileException(TooLargeMessage(file.Length - file.Position));
        var text = new StreamReader(new SizeLimitedStream(file, MaxFileBytes), new UTF8Encoding(false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        try
        {
            var header = await ReadLineAsync(text, ct);
            if (header is not null && header.Length > 0 && header[0] == '\uFEFF') header = header[1..];
            if (header is null || (string.IsNullOrWhiteSpace(header) && await OnlyBlankLinesAsync(text, ct)))
                throw new LegacyLogbookFileException(EmptyMessage);
            var separator = header.Contains(';') ? ';' : header.Contains(',') ? ',' : ';';
            var reader = new LegacyLogbookReader(text, separator, 1) { Header = SplitHeader(header, separator) };
            return reader;
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    private static async Task<bool> OnlyBlankLinesAsync(TextReader text, CancellationToken ct)
    {
        while (await ReadLineAsync(text, ct) is { } line)
            if (!string.IsNullOrWhiteSpace(line)) return false;
        return true;
    }

    private static List<string> SplitHeader(string header, char separator)
    {
        var names = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (quoted && c == '"' && i + 1 < header.Length && header[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == separator && !quoted) { names.Add(field.ToString().Trim().ToLowerInvariant()); field.Clear(); }
            else field.Append(c);
        }
        names.Add(field.ToString().Trim().ToLowerInvariant());
        return names;
    }

    /// <summary>
    /// The next record, or null at the end of the file. Empty lines (nothing but spaces and separators, as Excel writes
    /// an empty row) are skipped; the record says whether it came after one.
    /// <paramref name="fields"/> is filled with the record's fields as written (quotes removed, not trimmed).
    /// </summary>
    public async Task<LegacyLogbookRecord?> ReadAsync(List<string> fields, CancellationToken ct)
    {
        var afterEmpty = false;
        while (true)
        {
            fields.Clear();
            var line = await ReadLineAsync(_text, ct);
            if (line is null) return null;
            var start = ++_lineNumber;
            var problem = await ParseAsync(line, fields, ct);
            if (problem is null && fields.TrueForAll(string.IsNullOrWhiteSpace))
            {
                afterEmpty = true;
                continue;
            }
            return new LegacyLogbookRecord(start, problem, afterEmpty);
        }
    }

    /// <summary>Splits one record into fields, reading further lines while a quoted field is open. Returns a problem, or null.</summary>
    private async Task<string?> ParseAsync(string line, List<string> fields, CancellationToken ct)
    {
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                _field.Clear();
                i++;
                while (true)
                {
                    var quote = line.IndexOf('"', i);
                    if (quote < 0)
                    {
                        _field.Append(line, i, line.Length - i).Append('\n');
                        var next = await ReadLineAsync(_text, ct);
                        if (next is null)
                        {
                            fields.Add(_field.ToString());
                            return $"Felt nr. {fields.Count} begynder med et anførselstegn, der aldrig lukkes: resten af filen er læst som en del af feltet. Luk feltet med \".";
                        }
                        _lineNumber++;
                        line = next;
                        i = 0;
                        continue;
                    }
                    _field.Append(line, i, quote - i);
                    if (quote + 1 < line.Length && line[quote + 1] == '"')
                    {
                        _field.Append('"');
                        i = quote + 2;
                        continue;
                    }
                    i = quote + 1;
                    break;
                }
                fields.Add(_field.ToString());
                if (i == line.Length) return null;
                if (line[i] != Separator)
                    return $"Felt nr. {fields.Count} har tekst efter sit afsluttende anførselstegn. Et \" inde i et felt i anførselstegn skal skrives som \"\".";
                i++;
                if (i == line.Length)
                {
                    fields.Add("");
                    return null;
                }
                continue;
            }
            var end = line.IndexOf(Separator, i);
            if (end < 0)
            {
                fields.Add(line[i..]);
                return null;
            }
            fields.Add(line[i..end]);
            i = end + 1;
            if (i == line.Length)
            {
                fields.Add("");
                return null;
            }
        }
    }

    private static async Task<string?> ReadLineAsync(TextReader text, CancellationToken ct)
    {
        try
        {
            var line = await text.ReadLineAsync(ct);
            // A NUL is never in a text file: a spreadsheet or another binary file was chosen.
            if (line is not null && line.Contains('\0')) throw new LegacyLogbookFileException(NotUtf8Message);
            return line;
        }
        catch (DecoderFallbackException)
        {
            throw new LegacyLogbookFileException(NotUtf8Message);
        }
    }

    public void Dispose() => _text.Dispose();

    /// <summary>Counts the bytes read and refuses to read past the limit: a stream of unknown length is refused while read.</summary>
    private sealed class SizeLimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new LegacyLogbookFileException(TooLargeMessage(_read));
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <param name="Line">The physical line the record starts on (the header is line 1).</param>
/// <param name="Problem">A quoting problem that makes the record unreadable, in Danish; null when it was read.</param>
/// <param name="AfterEmptyLine">One or more empty lines came before it: it does not follow the previous record directly.</param>
public sealed record LegacyLogbookRecord(int Line, string? Problem, bool AfterEmptyLine);

/// <summary>Writes fields the way the reader reads them: separated by <c>;</c>, quoted only where needed.</summary>
public static class LegacyLogbookCsv
{
    public const char Separator = ';';

    /// <summary>One record as a line of the file, with its line break.</summary>
    public static string Record(IReadOnlyList<string> fields) => string.Join(Separator, fields.Select(Quote)) + "\r\n";

    /// <summary>A field as written: in quotes (with " doubled) when it holds the separator, a quote, a line break or surrounding spaces.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(";\"\r\n,") >= 0 || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])))
            ? "\"" + field.Replace("\"", "\"\"") + "\""
            : field;
}
