using System.Data.Common;
using BoligSocialt.App.Data.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BoligSocialt.App.Data;

/// <summary>A start-up problem the operator must fix; the message says what, in plain words.</summary>
public sealed class StartupException(string message) : Exception(message);

/// <summary>The database engines the app runs on, chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class Database
{
    public const string DefaultConnectionString = "Data Source=data/boligsocialt.db";
    public const string ProviderKey = "Database:Provider";

    /// <summary><c>Database:Provider</c>: SQLite when it is not set; anything but Sqlite or Postgres is refused.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
            if (provider.ToString().Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) return provider;
        throw new StartupException(
            $"{ProviderKey} er '{value}', men skal være Sqlite eller Postgres. Ret værdien i appsettings.json (eller miljøvariablen Database__Provider).");
    }

    /// <summary>
    /// The connection string of the provider: SQLite's with the file path made absolute (relative paths are under the
    /// working directory); PostgreSQL's as given, which must be there and be one.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration) => Provider(configuration) switch
    {
        DatabaseProvider.Postgres => PostgresConnectionString(configuration.GetConnectionString("Default")),
        _ => SqliteConnectionString(configuration.GetConnectionString("Default") ?? DefaultConnectionString),
    };

    private static string SqliteConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
            builder.DataSource = Path.GetFullPath(builder.DataSource);
        // Concurrent writers wait for each other instead of failing with "database is locked".
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    private static string PostgresConnectionString(string? connectionString)
    {
        const string example = "fx \"Host=db.example;Database=boligsocialt;Username=boligsocialt;Password=…\"";
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StartupException($"{ProviderKey} er Postgres, men ConnectionStrings:Default er tom. Angiv forbindelsen til PostgreSQL, {example}.");
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ToString();
        }
        catch (ArgumentException e)
        {
            throw new StartupException(
                $"{ProviderKey} er Postgres, men ConnectionStrings:Default er ikke en forbindelse til PostgreSQL ({e.Message}). Angiv den, {example}.");
        }
    }

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        if (Provider(configuration) == DatabaseProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresDbContext>(o => o.UseNpgsql(connectionString));
            // As AddDbContextFactory does for SQLite: a context per scope for what asks for one (data protection's keys).
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
            return services.AddSingleton<IDbContextFactory<AppDbContext>, PostgresFactory>();
        }
        return services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout()));
    }

    /// <summary>The rest of the app asks for <see cref="AppDbContext"/>; on PostgreSQL it gets the context whose migrations are PostgreSQL's.</summary>
    private sealed class PostgresFactory(IDbContextFactory<PostgresDbContext> factory) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => factory.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await factory.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>
    /// Makes the database ready: on SQLite the data folder exists and is writable; the schema is migrated (never created
    /// any other way), the reference data is loaded. A database from a newer version of the app is refused, not changed.
    /// </summary>
    public static async Task PrepareAsync(IDbContextFactory<AppDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var sqlite = db.Database.IsSqlite();
        var name = sqlite ? new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource : PostgresName(db.Database.GetConnectionString());
        if (sqlite) EnsureWritableFolder(name);

        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new StartupException(
                $"Databasen '{name}' er lavet af en nyere version af BoligSocialt (ukendte migreringer: {string.Join(", ", unknown)}). " +
                "Den er ikke ændret. Start den nyeste version af appen, eller peg ConnectionStrings:Default på en anden database.");

        await db.Database.MigrateAsync(ct);
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await CatalogLoader.LoadAsync(db, CatalogLoader.ReadEmbedded(), ct);
    }

    /// <summary>A PostgreSQL database as the operator knows it: host, port and name, no password.</summary>
    internal static string PostgresName(string? connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
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
