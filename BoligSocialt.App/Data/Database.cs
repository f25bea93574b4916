using System.Data.Common;
using BoligSocialt.App.Data.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BoligSocialt.App.Data;

/// <summary>A start-up problem the operator must fix; the message says what, in plain words.</summary>
public sealed class StartupException(string message) : Exception(message);

public static class Database
{
    public const string DefaultConnectionString = "Data Source=data/boligsocialt.db";

    /// <summary>The SQLite connection string with the file path made absolute (relative paths are under the working directory).</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Default") ?? DefaultConnectionString);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
            builder.DataSource = Path.GetFullPath(builder.DataSource);
        // Concurrent writers wait for each other instead of failing with "database is locked".
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        return services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout()));
    }

    /// <summary>
    /// Makes the database ready: the data folder exists and is writable, the schema is migrated (never created any other
    /// way), the reference data is loaded. A database from a newer version of the app is refused, not changed.
    /// </summary>
    public static async Task PrepareAsync(IDbContextFactory<AppDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        EnsureWritableFolder(path);

        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new StartupException(
                $"Databasen '{path}' er lavet af en nyere version af BoligSocialt (ukendte migreringer: {string.Join(", ", unknown)}). " +
                "Den er ikke ændret. Start den nyeste version af appen, eller peg ConnectionStrings:Default på en anden database.");

        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await CatalogLoader.LoadAsync(db, CatalogLoader.ReadEmbedded(), ct);
    }

    private static void EnsureWritableFolder(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"Datamappen '{folder}' kan ikke skrives i ({e.Message}). Giv appen skriveadgang til mappen, " +
                "eller peg ConnectionStrings:Default i appsettings.json på en fil i en mappe, den kan skrive i.");
        }
    }

    /// <summary>
    /// Every connection waits up to 10 s for a lock held by another writer, and syncs each commit to the disk before
    /// the save returns (synchronous FULL, the SQLite build's default made explicit): a save the user was told about
    /// survives a crash of the app and a power cut alike (docs/reliability.md).
    /// </summary>
    private sealed class SqliteBusyTimeout : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>Prepares the database before the web server starts taking requests.</summary>
public sealed class DatabaseStartup(IDbContextFactory<AppDbContext> factory, IHostEnvironment environment, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Database.PrepareAsync(factory, cancellationToken);
        if (environment.IsDevelopment())
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await DemoData.SeedAsync(db, clock, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The database of a command-line verb: the web app's (appsettings.json and the environment), or the one named.</summary>
public static class CommandLineDatabase
{
    /// <summary>
    /// Opens the database, creating and migrating it first when it does not exist yet (the IT department's migration
    /// starts from nothing), and loads the reference data, as the web app does at start.
    /// </summary>
    /// <param name="database">A path to a SQLite file or a connection string (it contains '='); null for the web app's.</param>
    public static async Task<IDbContextFactory<AppDbContext>> OpenAsync(string? database, CancellationToken ct = default)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production"}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(database is null ? [] : [new("ConnectionStrings:Default", database.Contains('=') ? database : $"Data Source={database}")])
            .Build();
        var services = new ServiceCollection().AddDatabase(configuration).BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await Database.PrepareAsync(factory, ct);
        return factory;
    }
}
