using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Noa.Stages.Runner.Results;

/// <summary>
/// Per-test results read from a step's output when no report file was written: <c>go test -json</c> events, TAP (Node's test
/// runner, tap, prove), Rust's libtest lines (<c>cargo test</c>) and Python's <c>unittest -v</c> lines. The first format that
/// yields tests wins.
/// </summary>
internal static partial class TextFormats
{
    public static (string Format, List<TestCase> Tests)? Parse(string output)
    {
        foreach (var (format, parse) in Parsers)
        {
            var tests = parse(output);
            if (tests.Count > 0)
                return (format, tests);
        }
        return null;
    }

    private static readonly (string, Func<string, List<TestCase>>)[] Parsers =
        [("go-test-json", GoJson), ("libtest", LibTest), ("unittest", Unittest), ("tap", Tap)];

    public static List<TestCase> GoJson(string output)
    {
        var tests = new Dictionary<string, TestCase>(StringComparer.Ordinal);
        foreach (var line in Lines(output).Where(l => l.StartsWith('{')))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                if (!e.TryGetProperty("Test", out var test) || !e.TryGetProperty("Action", out var action))
                    continue;
                var status = action.GetString() switch { "pass" => TestCase.Passed, "fail" => TestCase.Failed, "skip" => TestCase.Skipped, _ => null };
                if (status is null)
                    continue;
                var name = (e.TryGetProperty("Package", out var pkg) ? pkg.GetString() + "." : "") + test.GetString();
                tests[name] = new TestCase(name, status, e.TryGetProperty("Elapsed", out var el) ? el.GetDouble() : null);
            }
            catch (JsonException)
            {
                // Not an event: go's own messages mixed into the stream.
            }
        }
        return [.. tests.Values];
    }

    public static List<TestCase> LibTest(string output) =>
        [.. Lines(output).Select(l => LibTestLine().Match(l)).Where(m => m.Success).Select(m => new TestCase(m.Groups[1].Value,
            m.Groups[2].Value switch { "ok" => TestCase.Passed, "ignored" => TestCase.Skipped, _ => TestCase.Failed }))];

    public static List<TestCase> Unittest(string output)
    {
        var tests = new List<TestCase>();
        foreach (Match m in UnittestLine().Matches(output))
        {
            var word = m.Groups[3].Value;
            var status = word.StartsWith("ok", StringComparison.Ordinal) || word == "expected failure" ? TestCase.Passed
                : word.StartsWith("skipped", StringComparison.Ordinal) ? TestCase.Skipped : TestCase.Failed;
            var qualified = m.Groups[2].Value;
            tests.Add(new TestCase(qualified.EndsWith("." + m.Groups[1].Value, StringComparison.Ordinal) ? qualified : $"{qualified}.{m.Groups[1].Value}", status,
                Message: status == TestCase.Skipped ? word["skipped".Length..].Trim().Trim('\'') : null));
        }
        return tests;
    }

    public static List<TestCase> Tap(string output)
    {
        var tests = new List<TestCase>();
        var lines = Lines(output).ToList();
        var previousIndent = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var m = TapLine().Match(lines[i]);
            if (!m.Success)
                continue;
            // Node nests tests: a subtest's line comes before its parent's, deeper. A line whose previous TAP line is deeper is a
            // suite; only the leaves are counted.
            var indent = m.Groups[1].Value.Length;
            var isSuite = previousIndent > indent;
            previousIndent = indent;
            if (isSuite)
                continue;
            var directive = m.Groups[5].Value;
            var status = directive.StartsWith("skip", StringComparison.OrdinalIgnoreCase) || directive.StartsWith("todo", StringComparison.OrdinalIgnoreCase)
                ? TestCase.Skipped : m.Groups[2].Value == "ok" ? TestCase.Passed : TestCase.Failed;
            double? seconds = null;
            for (var j = i + 1; j < Math.Min(lines.Count, i + 12); j++)
            {
                if (DurationLine().Match(lines[j]) is { Success: true } d)
                {
                    seconds = double.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture) / 1000;
                    break;
                }
                if (TapLine().IsMatch(lines[j]))
                    break;
            }
            tests.Add(new TestCase(m.Groups[4].Value.Trim() is { Length: > 0 } name ? name : $"test {m.Groups[3].Value}", status, seconds,
                directive.Length > 0 ? directive : null));
        }
        return tests;
    }

    private static IEnumerable<string> Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    [GeneratedRegex(@"^test (.+?) \.\.\. (ok|FAILED|ignored)", RegexOptions.CultureInvariant)]
    private static partial Regex LibTestLine();

    // Python 3.11: "test_x (pkg.mod.Class.test_x) ... ok"; earlier: "test_x (pkg.mod.Class) ... ok"; a docstring may follow on the next line.
    [GeneratedRegex(@"^(\w+) \(([\w.]+)\)(?:\n[^\n]*)? \.\.\. (ok|FAIL|ERROR|skipped[^\n]*|expected failure|unexpected success)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex UnittestLine();

    [GeneratedRegex(@"^(\s*)(ok|not ok)\s+(\d+)(?:\s+-)?\s*([^#]*?)\s*(?:#\s*(.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TapLine();

    [GeneratedRegex(@"^\s*duration_ms:\s*([0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationLine();
}
