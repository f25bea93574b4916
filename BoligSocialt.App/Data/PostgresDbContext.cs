using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BoligSocialt.App.Data;

/// <summary>
/// The app's database on PostgreSQL: the same model as <see cref="AppDbContext"/>, with migrations of its own in
/// Data/Migrations/Postgres (EF Core picks a context's migrations by its exact type).
/// </summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // PostgreSQL's timestamp with time zone holds an instant: Npgsql writes only offset 0, so every moment is saved in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}

/// <summary>
/// For <c>dotnet ef migrations add … --context PostgresDbContext</c>: the model needs no server, so the connection
/// string is only a placeholder (README.md, "Migreringer").
/// </summary>
public sealed class PostgresDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=boligsocialt").Options);
}
