using System.Text.RegularExpressions;
using Noa.Safety.Secrets.Rules;

namespace Noa.Safety.Secrets.Tests.Rules;

public sealed class Re2TranslatorTests
{
    [Theory]
    [InlineData(@"(?P<key>[[:alnum:]]{4})", "ab12", true)]
    [InlineData(@"[[:xdigit:]]{4}", "beef", true)]
    [InlineData(@"[[:xdigit:]]{4}", "zzzz", false)]
    [InlineData(@"\d{3}", "١٢٣", false)]          // RE2's \d is ASCII; .NET's is any Unicode digit
    [InlineData(@"\w+", "é", false)]
    [InlineData(@"\pL+", "abc", true)]
    [InlineData(@"\x{41}\x{42}", "AB", true)]
    [InlineData(@"\Qa.b\E", "a.b", true)]
    [InlineData(@"\Qa.b\E", "axb", false)]
    [InlineData(@"(?i)token[\s=]+x", "TOKEN = x", true)]
    [InlineData(@"[]a]+", "]a]", true)]
    [InlineData(@"[^]a]", "b", true)]
    public void Translate_Re2Pattern_MatchesLikeRe2(string pattern, string input, bool matches) =>
        Assert.Equal(matches, new Regex(Re2Translator.Translate(pattern)).IsMatch(input));
}
