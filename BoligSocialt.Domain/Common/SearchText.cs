using System.Globalization;
using System.Text;

namespace BoligSocialt.Domain.Common;

/// <summary>
/// Folds text for search: case and diacritics are ignored, and the Danish letters are spelled out
/// the way people type them without a Danish keyboard (å = aa, æ = ae, ø = oe).
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // Composed first: a decomposed "å" (a + ring) must be spelled out too, not stripped to "a".
        var lower = text.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Replace("å", "aa").Replace("æ", "ae").Replace("ø", "oe");
        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var isSpace = char.IsWhiteSpace(c);
            if (isSpace && lastWasSpace) continue;
            result.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
        }
        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    public static IReadOnlyList<string> Tokens(string? text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
