using BoligSocialt.App.Data;
using Microsoft.Data.Sqlite;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>
/// The throwaway databases of <c>bench-measure</c>: SQLite files in its temporary folder, or, given a PostgreSQL
/// server, new databases on it. Each is deleted (dropped) by <see cref="DeleteAsync"/>.
/// </summary>
internal sealed class BenchmarkDatabases(DatabaseProvider provider, string folder, string? postgresServer)
{
    public DatabaseProvider Provider => provider;

    /// <summary>A new, empty database: the app's configuration for it, and how the report names it.</summary>
    public async Task<(IConfiguration Configuration, string Name)> CreateAsync(string name)
    {
        string connectionString, shown;
        if (provider == DatabaseProvider.Postgres)
        {
            connectionString = await PostgresDatabases.CreateAsync(postgresServer!, "boligsocialt_bench");
            shown = $"PostgreSQL {Database.PostgresName(connectionString)}";
        }
        else
        {
            shown = Path.Combine(folder, $"{name}.db");
            connectionString = $"Data Source={shown}";
        }
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [Database.ProviderKey] = provider.ToString(), ["ConnectionStrings:Default"] = connectionString })
            .Build();
        return (configuration, shown);
    }

    public async Task DeleteAsync(IConfiguration configuration)
    {
        var connectionString = Database.ConnectionString(configuration);
        if (provider == DatabaseProvider.Postgres)
        {
            await PostgresDatabases.DropAsync(connectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var written in new[] { file, $"{file}-wal", $"{file}-shm" }) File.Delete(written);
    }
}
