using BoligSocialt.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BoligSocialt.App.Data;

/// <summary>
/// The few pieces of the app's hand-written SQL that SQLite and PostgreSQL write differently. The rest is written once
/// for both: identifiers in double quotes (PostgreSQL folds unquoted names to lower case), parameters as <c>@name</c>,
/// comparisons turned into numbers with CASE, sums and counts cast to INTEGER, every subquery named.
/// </summary>
public sealed record SqlDialect(Func<string, string> Year, Func<string, string> MonthDay, Func<DateOnly, object> Date)
{
    /// <summary>SQLite keeps a date as ISO text (yyyy-mm-dd), so its parts are substrings and a date parameter is text.</summary>
    public static readonly SqlDialect Sqlite = new(
        date => $"CAST(substr({date}, 1, 4) AS INTEGER)",
        date => $"substr({date}, 6, 5)",
        date => date.ToIso());

    /// <summary>PostgreSQL has a date type: its parts come from EXTRACT and to_char, and a date parameter is a date.</summary>
    public static readonly SqlDialect Postgres = new(
        date => $"CAST(EXTRACT(YEAR FROM {date}) AS INTEGER)",
        date => $"to_char({date}, 'MM-DD')",
        date => date);

    public static SqlDialect Of(DatabaseFacade database) => database.IsNpgsql() ? Postgres : Sqlite;
}
