namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// A chosen logbook file, kept in a temporary file while the user reads what the import would add: the import then
/// reads the same bytes again. It holds personal data, so it is deleted as soon as the page is done with it.
/// </summary>
public sealed class LogbookImportUpload : IAsyncDisposable
{
    private readonly string _path;

    private LogbookImportUpload(string path) => _path = path;

    /// <summary>Copies the upload; a stream longer than <see cref="LegacyLogbookReader.MaxFileBytes"/> is refused while copied.</summary>
    public static async Task<LogbookImportUpload> SaveAsync(Stream source, CancellationToken ct = default)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "boligsocialt-logbog-import")).FullName;
        var upload = new LogbookImportUpload(Path.Combine(folder, $"{Guid.NewGuid():N}.csv"));
        try
        {
            await using var target = new FileStream(upload._path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await source.CopyToAsync(target, ct);
            return upload;
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    public Stream Open() => new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    public ValueTask DisposeAsync()
    {
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }
}
