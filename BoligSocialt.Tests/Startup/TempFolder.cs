using BoligSocialt.App.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BoligSocialt.Tests.Startup;

/// <summary>A temporary folder for database files, deleted at the end of the test.</summary>
internal sealed class TempFolder : IAsyncDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("boligsocialt-startup-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The context factory exactly as the app registers it, for a connection string.</summary>
    public static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString })
            .Build();
        return new ServiceCollection().AddDatabase(configuration).BuildServiceProvider();
    }

    public static IDbContextFactory<AppDbContext> Factory(ServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static List<string> Query(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString())));
        return rows;
    }

    public static void Execute(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
