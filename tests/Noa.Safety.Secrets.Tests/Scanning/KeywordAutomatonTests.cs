using Noa.Safety.Secrets.Scanning;

namespace Noa.Safety.Secrets.Tests.Scanning;

public sealed class KeywordAutomatonTests
{
    [Theory]
    [InlineData("nothing at all", new bool[] { false, false, false, false })]
    [InlineData("export GHP_X", new bool[] { true, false, false, false })]
    [InlineData("ushers", new bool[] { false, true, true, false })]    // overlapping: "she" inside "ushers", "he" inside "she"
    [InlineData("xoxb-and-héllo", new bool[] { false, false, false, true })]
    public void Find_Keywords_ReportsEveryOccurringOne(string text, bool[] expected)
    {
        var automaton = new KeywordAutomaton(["ghp_", "she", "he", "xoxb"]);
        var found = new bool[4];
        automaton.Find(text, found);
        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(0, "aaaa")]
    [InlineData(1, "abab")]
    [InlineData(2, "abcd")]
    public void Shannon_KnownStrings_BitsPerChar(double expected, string s) => Assert.Equal(expected, Entropy.Shannon(s), 6);
}
