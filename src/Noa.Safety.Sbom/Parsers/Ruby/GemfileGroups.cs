using System.Text.RegularExpressions;

namespace Noa.Safety.Sbom.Parsers.Ruby;

/// <summary>
/// The gems a Gemfile declares only in development or test groups (<c>group :development, :test do … end</c>
/// blocks, or <c>gem "x", group: :test</c>): Gemfile.lock does not record groups.
/// </summary>
internal static partial class GemfileGroups
{
    private static readonly HashSet<string> DevGroups = new(StringComparer.Ordinal) { "development", "test", "ci", "lint", "rubocop" };

    public static HashSet<string> DevOnly(string gemfile)
    {
        var dev = new HashSet<string>(StringComparer.Ordinal);
        var runtime = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new Stack<bool>(); // per open block: is it a dev-only group
        foreach (var raw in gemfile.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (Group().Match(line) is { Success: true } g)
            {
                blocks.Push(Symbols(g.Groups[1].Value).All(DevGroups.Contains));
            }
            else if (Block().IsMatch(line))
            {
                blocks.Push(blocks.Count > 0 && blocks.Peek());
            }
            else if (line == "end" && blocks.Count > 0)
            {
                blocks.Pop();
            }
            else if (Gem().Match(line) is { Success: true } gem)
            {
                var inline = InlineGroup().Match(line);
                var isDev = inline.Success ? Symbols(inline.Groups[1].Value).All(DevGroups.Contains) : blocks.Count > 0 && blocks.Peek();
                (isDev ? dev : runtime).Add(gem.Groups[1].Value);
            }
        }
        dev.ExceptWith(runtime);
        return dev;
    }

    private static IEnumerable<string> Symbols(string list) => list.Split(',').Select(s => s.Trim().TrimStart(':').Trim('"', '\'', '[', ']', ' ')).Where(s => s.Length > 0);

    [GeneratedRegex(@"^group\s*\(?\s*(.+?)\)?\s+do\b")]
    private static partial Regex Group();

    // Anything else that a matching "end" closes: do-blocks, and if/unless/case/begin/while statements.
    [GeneratedRegex(@"\bdo(\s*\|[^|]*\|)?$|^(if|unless|case|begin|while|until)\b")]
    private static partial Regex Block();

    [GeneratedRegex(@"^gem\s*\(?\s*[""']([^""']+)[""']")]
    private static partial Regex Gem();

    [GeneratedRegex(@"groups?:\s*(\[[^\]]*\]|:\w+)")]
    private static partial Regex InlineGroup();
}
