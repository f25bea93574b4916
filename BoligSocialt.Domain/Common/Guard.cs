namespace BoligSocialt.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException($"{field} skal udfyldes.");
        if (trimmed.Length > maxLength) throw new DomainException($"{field} må højst være {maxLength} tegn.");
        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > maxLength) throw new DomainException($"{field} må højst være {maxLength} tegn.");
        return trimmed;
    }

    public static void NotInFuture(DateOnly date, DateOnly today, string field)
    {
        if (date > today) throw new DomainException($"{field} kan ikke ligge i fremtiden.");
    }
}
