using System.Globalization;

namespace BoligSocialt.Domain.Common;

/// <summary>Names in Danish alphabetical order (Æ, Ø, Å last), case-insensitive: how every list of names is sorted.</summary>
public static class DanishOrder
{
    public static readonly StringComparer Names = StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);
}
