using BoligSocialt.App;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BoligSocialt.Tests.Startup;

/// <summary>Database:Provider and its connection string, read before anything touches a database.</summary>
public sealed class DatabaseProviderTests
{
    private static IConfiguration Configuration(string? provider, string? connectionString) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [Database.ProviderKey] = provider, ["ConnectionStrings:Default"] = connectionString })
            .Build();

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    public void The_provider_is_SQLite_unless_Postgres_is_named(string? value, DatabaseProvider provider) =>
        Assert.Equal(provider, Database.Provider(Configuration(value, null)));

    [Fact]
    public void An_unknown_provider_is_refused_in_Danish_with_the_allowed_values()
    {
        var error = Assert.Throws<StartupException>(() => new ServiceCollection().AddDatabase(Configuration("SqlServer", "Server=x")));

        Assert.Equal("Database:Provider er 'SqlServer', men skal være Sqlite eller Postgres. Ret værdien i appsettings.json (eller miljøvariablen Database__Provider).", error.Message);
    }

    [Theory]
    [InlineData(null, "ConnectionStrings:Default er tom")]
    [InlineData("Data Source=data/boligsocialt.db", "ConnectionStrings:Default er ikke en forbindelse til PostgreSQL")]
    public void Postgres_without_a_PostgreSQL_connection_string_is_refused_in_Danish(string? connectionString, string message)
    {
        var error = Assert.Throws<StartupException>(() => new ServiceCollection().AddDatabase(Configuration("Postgres", connectionString)));

        Assert.Contains(message, error.Message);
        Assert.Contains("Host=", error.Message);
    }

    [Fact]
    public async Task Postgres_gives_the_app_contexts_whose_migrations_are_PostgreSQLs_own()
    {
        await using var services = new ServiceCollection().AddDatabase(Configuration("Postgres", "Host=localhost;Database=boligsocialt")).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

        Assert.IsType<PostgresDbContext>(db);
        Assert.True(db.Database.IsNpgsql());
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        await using var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.Empty(migrations.Intersect(sqlite.Database.GetMigrations()));
    }
}

/// <summary>A test that needs the PostgreSQL server of <see cref="TestDatabase.PostgresVariable"/>; skipped without one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.PostgresServer is null)
            Skip = $"Needs a PostgreSQL server in {TestDatabase.PostgresVariable}; ./test.sh starts one for its second run.";
    }
}

/// <summary>The app and bench-measure on a real PostgreSQL server (./test.sh's second run).</summary>
public sealed class PostgresTests
{
    private static string Server => TestDatabase.PostgresServer!;

    /// <summary>The benchmark's databases on the server (other tests make databases of their own meanwhile).</summary>
    private static async Task<List<string>> BenchmarkDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'boligsocialt_bench_%' ORDER BY datname", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    [PostgresFact]
    public async Task The_app_starts_on_PostgreSQL_migrates_its_database_and_seeds_the_demo_data_once()
    {
        var connectionString = await PostgresDatabases.CreateAsync(Server, "boligsocialt_app");
        try
        {
            for (var start = 1; start <= 2; start++)
            {
                await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
                {
                    b.UseEnvironment("Development");
                    b.UseSetting(Database.ProviderKey, "Postgres");
                    b.UseSetting("ConnectionStrings:Default", connectionString);
                });
                using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

                var response = await client.GetAsync(SignIn.DevelopmentPath);

                Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} on start {start}");
                Assert.Contains("Log ind som", await response.Content.ReadAsStringAsync());
                await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                Assert.IsType<PostgresDbContext>(db);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(9, await db.StaffMembers.CountAsync());
                Assert.Equal(60, await db.Residents.CountAsync());
            }
        }
        finally
        {
            await PostgresDatabases.DropAsync(connectionString);
        }
    }

    [PostgresFact]
    public async Task Bench_measure_runs_on_PostgreSQL_at_a_small_scale_and_drops_its_databases()
    {
        var before = await BenchmarkDatabasesAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(
            ["bench-measure", "--runs", "1", "--residents", "600", "--entries", "4000", "--lines", "400", "--import-runs", "1", "--provider", "Postgres", "--database", Server],
            output, error);

        Assert.Equal("", error.ToString());
        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Contains("Database:  PostgreSQL 127.0.0.1:", output.ToString());
        Assert.Contains("logbogen med PostgreSQL's binære COPY", output.ToString());
        Assert.Contains("samme antal beboere som målingens år til dato", output.ToString());
        Assert.Matches(@"importeret: 3\d\d indførsler, 13 nye beboere", output.ToString());
        Assert.Equal(before, await BenchmarkDatabasesAsync());
    }

    [Fact]
    public async Task Bench_measure_on_PostgreSQL_needs_the_server()
    {
        var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["bench-measure", "--provider", "Postgres"], new StringWriter(), error);

        Assert.Equal(CommandLine.BadInput, exitCode);
        Assert.StartsWith("--provider Postgres skal have --database med forbindelsen til PostgreSQL-serveren", error.ToString());
    }
}
