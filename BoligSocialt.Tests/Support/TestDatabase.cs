using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Support;

/// <summary>
/// A real SQLite database in a temporary file, prepared exactly as the app prepares its own: migrations applied
/// and the catalogue loaded. One per test class (xunit creates the class per test, so one per test).
/// </summary>
public sealed class TestDatabase : IDbContextFactory<AppDbContext>, IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("boligsocialt-test-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "test.db");

    public DbContextOptions<AppDbContext> Options { get; }

    private TestDatabase()
    {
        Options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString())
            .Options;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await Database.PrepareAsync(database);
        return database;
    }

    public AppDbContext CreateDbContext() => new(Options);

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

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The signed-in user of a service under test; tests switch it to act as someone else.</summary>
public sealed class FakeCurrentUser(Actor actor) : ICurrentUser
{
    public Actor Actor { get; set; } = actor;

    public Task<Actor> GetAsync() => Task.FromResult(Actor);
}
