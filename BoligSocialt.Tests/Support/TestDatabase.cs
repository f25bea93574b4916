using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BoligSocialt.Tests.Support;

/// <summary>
/// A real database prepared exactly as the app prepares its own: migrations applied and the catalogue loaded. One per
/// test class (xunit creates the class per test, so one per test). SQLite in a temporary file; when
/// <see cref="PostgresVariable"/> holds a connection string to a PostgreSQL server (./test.sh sets it for its second
/// run), a new database on that server instead, dropped afterwards.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<AppDbContext>, IAsyncDisposable
{
    public const string PostgresVariable = "BOLIGSOCIALT_TEST_POSTGRES";

    private readonly string? _folder;

    /// <summary>The PostgreSQL server the tests run against, or null for SQLite.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file (only SQLite has one).</summary>
    public string Path => System.IO.Path.Combine(_folder ?? throw new InvalidOperationException("A PostgreSQL test database has no file."), "test.db");

    private TestDatabase(DatabaseProvider provider, string connectionString, string? folder)
    {
        (Provider, ConnectionString, _folder) = (provider, connectionString, folder);
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        TestDatabase database;
        if (PostgresServer is { } server)
            database = new TestDatabase(DatabaseProvider.Postgres, await PostgresDatabases.CreateAsync(server, "boligsocialt_test"), null);
        else
        {
            var folder = Directory.CreateTempSubdirectory("boligsocialt-test-").FullName;
            var file = System.IO.Path.Combine(folder, "test.db");
            database = new TestDatabase(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString(), folder);
        }
        await Database.PrepareAsync(database);
        return database;
    }

    public AppDbContext CreateDbContext() => CreateDbContext([]);

    /// <summary>A context of the app's kind for this database, with interceptors of a test's.</summary>
    public AppDbContext CreateDbContext(params IInterceptor[] interceptors) => Provider == DatabaseProvider.Postgres
        ? new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options)
        : new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options);

    /// <summary>Adds a staff member and returns the actor that signs in as them.</summary>
    public async Task<Actor> AddStaffAsync(string name, StaffRoles roles, string? teamCode = null)
    {
        await using var db = CreateDbContext();
        int? teamId = teamCode is null ? null : (await db.Teams.SingleAsync(t => t.Code == teamCode)).Id;
        var staff = new StaffMember(name, null, roles, teamId);
        db.StaffMembers.Add(staff);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return new Actor(staff.Id, roles, teamId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is null)
        {
            await PostgresDatabases.DropAsync(ConnectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The signed-in user of a service under test; tests switch it to act as someone else.</summary>
public sealed class FakeCurrentUser(Actor actor) : ICurrentUser
{
    public Actor Actor { get; set; } = actor;

    public Task<Actor> GetAsync() => Task.FromResult(Actor);
}
