using Noa.Cli.Commands;
using Noa.Cli.Console;
using Spectre.Console;

namespace Noa.IntegrationTests;

/// <summary>
/// <c>noa runs list</c>'s table written without Spectre.Console (<see cref="PlainTable"/>) against Spectre's own rendering of
/// the same rows on a redirected console (160 columns, no colours, Unicode borders): the same bytes wherever the plain
/// writer takes the table, and Spectre's wherever it declines (RunsCommandTests compares the processes).
/// </summary>
public sealed class PlainTableTests
{
    private static string[] Run(string source, string reason) =>
        ["run_01M98EJNPR4D7V5NVSG57BFTSJ", "succeeded", "2026-12-07 14:29:59Z", source, reason];

    public static TheoryData<string, string[][]> Tables => new()
    {
        { "no runs", [] },
        { "two runs", [Run("/work/src/app", ""), Run("https://github.com/o/r.git", "gate: 2 finding(s) above medium")] },
        { "markup characters", [Run("/src/[bold]x[/]", "a [red] reason ~")] },
        { "a colon pair with a space between", [Run("https://github.com/o/r.git", "severity: 2 finding(s) at a.py:960, b.py:12")] },
        // 75 columns of borders, padding and the first three cells: 159 and 160 in all.
        { "one short of the width", [Run(new string('s', 61), new string('r', 23))] },
        { "the width exactly", [Run(new string('s', 61), new string('r', 24))] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void PlainTable_WritesWhatSpectreWrites(string name, string[][] rows)
    {
        var plain = PlainTable.TryFormat(RunsList.Columns, rows);
        Assert.True(plain is not null, name);
        Assert.Equal(Spectre(rows), plain);
    }

    [Theory]
    [InlineData("one past the width", 62, "")] // Spectre wraps a column
    [InlineData("an emoji code", 10, "see :calendar:")] // Spectre writes the emoji
    [InlineData("a colon pair that could be one", 10, "a:b:c")]
    [InlineData("three digits between colons", 10, "at 1:100:2")]
    [InlineData("wide characters", 10, "日付")]
    [InlineData("a tab", 10, "a\tb")]
    [InlineData("a line break", 10, "a\nb")]
    [InlineData("an accent", 10, "café")]
    public void PlainTable_LeavesToSpectreWhatItDoesNotLayOut(string name, int sourceLength, string reason)
    {
        string[][] rows = [Run(new string('s', sourceLength), reason.Length > 0 ? reason : new string('r', 24))];
        Assert.True(PlainTable.TryFormat(RunsList.Columns, rows) is null, name);
        if (name == "one past the width")
            Assert.True(Spectre(rows).Split('\n').Length > 6, "the control: Spectre wraps the row onto a second line");
    }

    [Fact]
    public void NoEmojiIsNamedByTwoDigits()
    {
        // What lets a time of day (14:29:59) through the plain writer.
        for (var n = 0; n < 100; n++)
            Assert.Equal($":{n:00}:", Emoji.Replace($":{n:00}:"));
        Assert.NotEqual(":calendar:", Emoji.Replace(":calendar:")); // the control: a name is replaced
    }

    private static string Spectre(string[][] rows)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = RedirectedOutput.Width;
        console.Profile.Capabilities.Unicode = true;
        console.Write(RunsList.SpectreTable(rows));
        return writer.ToString();
    }
}
