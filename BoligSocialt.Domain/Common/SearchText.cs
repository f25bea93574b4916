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
        var lower = Valid(text.Trim()).Normalize(NormalizationForm.FormC).ToLowerInvariant()
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

    /// <summary>
    /// A search uses at most this many words: more only narrow it further, and a pasted text's thousands of words would
    /// make a query too deep to run.
    /// </summary>
    public const int MaxTokens = 10;

    /// <summary>The longest search the app's search fields take: a name and a birth date fit many times over.</summary>
    public const int MaxQueryLength = 100;

    /// <summary>
    /// The text without what Unicode normalisation refuses (a lone surrogate from a broken paste, a noncharacter): such a
    /// text is searched for as if they were not there.
    /// </summary>
    private static string Valid(string text)
    {
        var valid = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
            if (rune != Rune.ReplacementChar && (rune.Value & 0xFFFE) != 0xFFFE && rune.Value is not (>= 0xFDD0 and <= 0xFDEF))
                valid.Append(rune.ToString());
        return valid.ToString();
    }

    public static IReadOnlyList<string> Tokens(string? text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(MaxTokens).ToList();
}
