using Noa.Cli.Search;

namespace Noa.IntegrationTests;

/// <summary>
/// Which of <c>noa search</c>'s lines skip Spectre.Console when the output is a pipe or a file: only those Spectre would write
/// as their text (SearchFastPathTests compares the bytes of both ways on real results).
/// </summary>
public sealed class SearchOutputTests
{
    [Theory]
    [InlineData("     │     a :class:`~werkzeug.datastructures.Headers` object", true)] // a colon pair that names no emoji
    [InlineData("     │     :param value: the value to parse", true)]
    [InlineData("     │ def f(a: int) -> dict[str, int]:", true)]
    [InlineData("     │ every other date :calendar: of a list", false)] // an emoji code: Spectre writes the emoji
    [InlineData("     │ every other date :CALENDAR: of a list", false)] // in any case
    [InlineData("     │ a :class:`x` beside :calendar:", false)]
    [InlineData("     │ 日付を解析する", false)] // wide characters
    [InlineData("     │ \treturn dates[::2]", false)] // a tab
    public void ReadsTheSame_OnlyWhereSpectreWritesTheText(string line, bool plain) =>
        Assert.Equal(plain, SearchOutput.ReadsTheSame(line));

    [Fact]
    public void ReadsTheSame_NotAtOrBeyondTheWidth()
    {
        Assert.True(SearchOutput.ReadsTheSame(new string('a', 159)));
        Assert.False(SearchOutput.ReadsTheSame(new string('a', 160)));
    }
}
