using Npgsql;

namespace BoligSocialt.App.Data;

/// <summary>Throwaway databases on a PostgreSQL server, for the benchmarks and the tests: created empty, dropped after.</summary>
public static class PostgresDatabases
{
    /// <summary>Creates an empty database with a new name on the server and returns the connection string to it.</summary>
    /// <param name="server">A connection string to the server (its database, if any, only for connecting).</param>
    public static async Task<string> CreateAsync(string server, string prefix, CancellationToken ct = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"", ct);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    /// <summary>Drops the database, closing any connection still open to it (its pool's too).</summary>
    public static async Task DropAsync(string connectionString, CancellationToken ct = default)
    {
        await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync(connectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
    }

    /// <summary>A statement on the server's maintenance database, postgres.</summary>
    private static async Task ExecuteAsync(string server, string sql, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
