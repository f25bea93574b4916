namespace BoligSocialt.Domain.Common;

public static class DanishDate
{
    public const string Format = "dd-MM-yyyy";

    /// <summary>The files' and URLs' date format (yyyy-MM-dd), as the database stores dates too.</summary>
    public const string IsoFormat = "yyyy-MM-dd";

    public static string ToDanish(this DateOnly date) => date.ToString(Format, System.Globalization.CultureInfo.InvariantCulture);

    public static string ToIso(this DateOnly date) => date.ToString(IsoFormat, System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly? ParseIso(string? text) =>
        DateOnly.TryParseExact(text, IsoFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>Today's date where the app runs (Danish local time on the servers).</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Age in whole years on a date: a birthday on that very date counts (30th birthday = 30).</summary>
    public static int AgeOn(this DateOnly birthDate, DateOnly date)
    {
        var age = date.Year - birthDate.Year;
        if (birthDate.AddYears(age) > date) age--;
        return age;
    }
}
