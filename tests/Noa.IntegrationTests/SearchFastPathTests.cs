using Noa.Cli;
using Noa.Cli.Commands;
using Noa.Cli.Search;

namespace Noa.IntegrationTests;

/// <summary>
/// <c>noa search</c>'s fast path (read before System.CommandLine builds the verbs, printed without Spectre.Console where a
/// line reads the same) against the full parser, which reads the same search when a global option comes before the verb:
/// the same bytes, table and JSON, on results whose lines take both ways out (plain lines, and lines Spectre must write:
/// too wide, wide characters, a tab, an emoji code; and written directly: brackets, a colon pair that names no emoji); a command line the fast path does not take gets the full
/// parser's error.
/// </summary>
public sealed class SearchFastPathTests : IDisposable
{
    private readonly TempDir _temp = new("noa-fast");
    private string Home => _temp.Combine("home");

    // In this process: the comparison is of reading and printing, not of where the answer comes from (ResidentSearchTests).
    private static readonly Dictionary<string, string> InProcess = new() { ["Noa__Search__Resident"] = "false" };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Search_FastPathAndFullParser_PrintTheSameBytes()
    {
        var deep = string.Join('/', Enumerable.Repeat("a_rather_long_folder_name", 5)); // a header line wider than 160 columns
        _temp.Write($"src/{deep}/dates.py",
            "from datetime import datetime\n\n\ndef parse_timestamp(text):\n    \"\"\"Parse an ISO date string into a datetime: [bold] is text, see :class:`datetime`.\"\"\"\n" +
            "    return datetime.fromisoformat(text)  # 日付を解析する\n");
        _temp.Write("src/slices.py",
            "def every_other_date(dates):\n    \"\"\"Every other date string :calendar: of a list.\"\"\"\n\treturn dates[::2]\n");
        _temp.Write("src/net.py", "import socket\n\n\ndef open_connection(host, port, timeout=5):\n    return socket.create_connection((host, port), timeout)\n");
        var digest = await NoaProcess.RunAsync(Home, "digest", _temp.Combine("src"), "--only", "embeddings", "--out", _temp.Combine("out"));
        Assert.True(digest.ExitCode == 0, digest.ToString());

        string[] search = ["search", "parse a date string", "-k", "5", "--mode", "Hybrid", "--language", "python", "--scope", "all"];
        foreach (var json in new[] { false, true })
        {
            string[] args = json ? [.. search, "--json"] : search;
            var fast = await NoaProcess.RunAsync(Home, InProcess, [.. args, "-v"]);
            var full = await NoaProcess.RunAsync(Home, InProcess, ["--verbose", .. args]);

            Assert.True(fast.ExitCode == 0, fast.ToString());
            Assert.Contains("read by the search fast path", fast.Stderr);
            Assert.True(full.ExitCode == 0, full.ToString());
            Assert.DoesNotContain("fast path", full.Stderr); // the control: the full parser read it
            Assert.Contains("parse_timestamp", full.Stdout);
            Assert.Equal(full.Stdout, fast.Stdout);
        }
    }

    [Theory]
    [InlineData("--limit", "abc")] // a value the fast path does not read
    [InlineData("--mode", "bogus")]
    [InlineData("--limit=5", null)] // a syntax it does not take
    [InlineData("--unknown", null)]
    [InlineData("--json", "false")] // a flag's explicit value
    public async Task Search_CommandLineTheFastPathDoesNotTake_GetsTheFullParsersAnswer(string option, string? value)
    {
        string[] args = value is null ? ["search", "some query", option, "-v"] : ["search", "some query", option, value, "-v"];
        // The home's stores made first: a first search logs their creation with -v.
        var made = await NoaProcess.RunAsync(Home, InProcess, "search", "some query", "--mode", "text");
        Assert.True(made.ExitCode == 0, made.ToString());

        var result = await NoaProcess.RunAsync(Home, InProcess, args);
        var full = await NoaProcess.RunAsync(Home, InProcess, ["--verbose", .. args]);

        Assert.DoesNotContain("fast path", result.Stderr);
        Assert.Equal((full.ExitCode, full.Stdout, full.Stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public void FastPath_KnowsTheFullParsersOptions()
    {
        var command = SearchCommand.Create();
        var full = command.Options.Concat([GlobalOptions.HomeOption, GlobalOptions.ConfigOption, GlobalOptions.VerboseOption])
            .SelectMany(o => o.Aliases.Prepend(o.Name)).Order(StringComparer.Ordinal);

        Assert.Equal(full, SearchCommandLine.Names.Order(StringComparer.Ordinal));
    }
}
