using BoligSocialt.Domain.Common;

namespace BoligSocialt.Tests.Domain;

/// <summary>What the fuzz test found in search: a pasted text and broken Unicode must not break a search.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Åse\uD800 Hansen", "aase hansen")]
    [InlineData("x\uDC00y", "xy")]
    [InlineData("\uFFFF\uFFFEAli", "ali")]
    [InlineData("😀 Ali", "😀 ali")]
    public void Invalid_Unicode_is_left_out_rather_than_thrown_on(string text, string folded) =>
        Assert.Equal(folded, SearchText.Fold(text));

    [Fact]
    public void A_pasted_text_searches_for_its_first_distinct_words_only()
    {
        var pasted = string.Concat(Enumerable.Repeat("Æblegrød på Ørstedsvej ", 5_000)) + string.Join(" ", Enumerable.Range(0, 20));

        var tokens = SearchText.Tokens(pasted);

        Assert.Equal(SearchText.MaxTokens, tokens.Count);
        Assert.Equal(["aeblegroed", "paa", "oerstedsvej", "0", "1"], tokens.Take(5));
    }
}
