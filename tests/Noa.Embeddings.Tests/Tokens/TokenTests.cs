using Noa.Embeddings.Tokens;

namespace Noa.Embeddings.Tests.Tokens;

public sealed class TokenTests
{
    [Theory]
    [InlineData("a\tb", "a b")]
    [InlineData("  def f():\n\treturn 1\r\n", "def f(): return 1")]
    [InlineData("x \n\n  \t y", "x y")]
    [InlineData("\n\t ", "")]
    public void Collapse_AnyWhitespaceRun_OneSpaceAndTrimmed(string text, string expected) =>
        Assert.Equal(expected, Whitespace.Collapse(text));

    [Theory]
    [InlineData("hello world", 2)]
    [InlineData("foo_bar(x)", 6)]
    [InlineData("", 0)]
    public void CountWords_KnownText_MiniLmWordPieceCount(string text, int expected) =>
        Assert.Equal(expected, MiniLmTokenCounter.Shared.CountWords(text));

    [Fact]
    public void CountWords_TabsAndNewlines_CountedLikeSpacesNotAsUnknownWords()
    {
        var counter = MiniLmTokenCounter.Shared;

        Assert.Equal(counter.CountWords("def f(): return total"), counter.CountWords("def f():\n\treturn\ttotal"));
        Assert.Equal(2, counter.SpecialTokens);
    }

    [Fact]
    public void CountWords_PastTheModelsCut_StillCountsEveryWord() =>
        Assert.Equal(1000, MiniLmTokenCounter.Shared.CountWords(string.Join(" ", Enumerable.Repeat("word", 1000))));
}
