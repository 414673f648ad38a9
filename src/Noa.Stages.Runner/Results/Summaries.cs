using System.Globalization;
using System.Text.RegularExpressions;

namespace Noa.Stages.Runner.Results;

/// <summary>
/// Counts from a test tool's summary line, for tools whose single tests are not in the output (pytest without a report,
/// unittest without <c>-v</c>, Jest, Mocha, TAP's trailer). The last summary in the output wins (a rerun prints a second one).
/// </summary>
internal static partial class Summaries
{
    public static (string Tool, TestCounts Counts)? Parse(string output)
    {
        if (Pytest().Matches(output) is { Count: > 0 } py)
        {
            var line = py[^1].Value;
            int N(string word) => Regex.Match(line, @"(\d+) " + word, RegexOptions.CultureInvariant) is { Success: true } m ? Int(m.Groups[1].Value) : 0;
            var failed = N("failed") + N("errors?");
            var passed = N("passed");
            var skipped = N("skipped") + N("xfailed") + N("deselected");
            return ("pytest", new TestCounts(passed + failed + skipped, passed, failed, skipped));
        }
        if (UnittestRan().Matches(output) is { Count: > 0 } ran)
        {
            var total = Int(ran[^1].Groups[1].Value);
            var tail = output[ran[^1].Index..];
            int N(string word) => Regex.Match(tail, word + @"=(\d+)", RegexOptions.CultureInvariant) is { Success: true } m ? Int(m.Groups[1].Value) : 0;
            var failed = N("failures") + N("errors");
            var skipped = N("skipped");
            return ("unittest", new TestCounts(total, total - failed - skipped, failed, skipped));
        }
        if (Jest().Matches(output) is { Count: > 0 } jest)
        {
            var line = jest[^1].Value;
            int N(string word) => Regex.Match(line, @"(\d+) " + word, RegexOptions.CultureInvariant) is { Success: true } m ? Int(m.Groups[1].Value) : 0;
            return ("jest", new TestCounts(N("total"), N("passed"), N("failed"), N("skipped") + N("todo")));
        }
        if (MochaPassing().Match(output) is { Success: true } passing)
        {
            var failing = MochaFailing().Match(output) is { Success: true } f ? Int(f.Groups[1].Value) : 0;
            var pending = MochaPending().Match(output) is { Success: true } p ? Int(p.Groups[1].Value) : 0;
            var ok = Int(passing.Groups[1].Value);
            return ("mocha", new TestCounts(ok + failing + pending, ok, failing, pending));
        }
        if (TapPass().Match(output) is { Success: true } tapPass)
        {
            var fail = TapFail().Match(output) is { Success: true } f ? Int(f.Groups[1].Value) : 0;
            var skip = TapSkip().Match(output) is { Success: true } s ? Int(s.Groups[1].Value) : 0;
            var pass = Int(tapPass.Groups[1].Value);
            return ("tap", new TestCounts(pass + fail + skip, pass, fail, skip));
        }
        return null;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^=+ .*\b\d+ (passed|failed|errors?|skipped)\b.* in [0-9.]+s.*=+$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Pytest();

    [GeneratedRegex(@"^Ran (\d+) tests? in ", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex UnittestRan();

    [GeneratedRegex(@"^Tests:\s+.*\d+ total", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Jest();

    [GeneratedRegex(@"^\s*(\d+) passing", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MochaPassing();

    [GeneratedRegex(@"^\s*(\d+) failing", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MochaFailing();

    [GeneratedRegex(@"^\s*(\d+) pending", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MochaPending();

    [GeneratedRegex(@"^# pass\s+(\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TapPass();

    [GeneratedRegex(@"^# fail\s+(\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TapFail();

    [GeneratedRegex(@"^# skip\s+(\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TapSkip();
}
