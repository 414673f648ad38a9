using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Noa.Yaml;

/// <summary>
/// The one way this project reads YAML, trusted or not: every parse goes through a parser that enforces
/// <see cref="YamlLimits"/> (characters, depth, aliases, scalar size, nodes after alias expansion, time) while it streams,
/// and honours a cancellation token inside the scanner. Refusals are <see cref="YamlLimitException"/>s naming the document
/// and the limit; malformed YAML is a <see cref="YamlException"/> as usual.
/// <para>
/// YamlDotNet refuses some valid block scalars whose leading lines hold only spaces ("found extra spaces in first line",
/// aaubry/YamlDotNet#523 and #535, open); real documents have them (Figma's OpenAPI description). <see cref="Check"/> and
/// <see cref="Load"/> then read the document again with those lines emptied (<see cref="WithBlankLinesEmptied"/>): the
/// structure, every key and every non-blank line are unchanged; only spaces on a blank line of a literal scalar are lost.
/// </para>
/// </summary>
public static partial class YamlGuard
{
    /// <summary>A parser over <paramref name="yaml"/> to hand to YamlDotNet (a deserializer, <see cref="YamlStream"/>, or an
    /// event loop of one's own).</summary>
    /// <exception cref="YamlLimitException">The document passes a limit (thrown while reading it).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IParser Parser(string yaml, YamlLimits limits, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(limits);
        return new GuardedParser(yaml, limits, name, cancellationToken);
    }

    /// <summary>Null when <paramref name="yaml"/> reads within <paramref name="limits"/>; else why not, naming
    /// <paramref name="name"/>. For documents another library parses afterwards (OpenAPI).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static string? Check(string yaml, YamlLimits limits, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            try
            {
                Drain(Parser(yaml, limits, name, cancellationToken));
            }
            catch (SemanticErrorException e) when (IsBlankLineBug(e))
            {
                Drain(Parser(WithBlankLinesEmptied(yaml), limits, name, cancellationToken));
            }
            return null;
        }
        catch (YamlLimitException e)
        {
            return e.Message;
        }
        catch (YamlException e)
        {
            return $"{name}: invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}";
        }
    }

    /// <summary>The documents of <paramref name="yaml"/> as YamlDotNet's representation model (aliases kept as references).</summary>
    /// <exception cref="YamlException">Malformed, or (<see cref="YamlLimitException"/>) over a limit.</exception>
    public static YamlStream Load(string yaml, YamlLimits limits, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(Parser(yaml, limits, name, cancellationToken));
            return stream;
        }
        catch (SemanticErrorException e) when (IsBlankLineBug(e))
        {
            var stream = new YamlStream();
            stream.Load(Parser(WithBlankLinesEmptied(yaml), limits, name, cancellationToken));
            return stream;
        }
    }

    /// <summary><paramref name="yaml"/> with every line that holds only spaces or tabs made empty (its line break kept), so line
    /// numbers in later errors still match the original.</summary>
    public static string WithBlankLinesEmptied(string yaml) => BlankLine().Replace(yaml, "");

    private static bool IsBlankLineBug(SemanticErrorException e) =>
        e.Message.Contains("extra spaces in first line", StringComparison.Ordinal)
        || e.Message.Contains("more spaces in lines above first content line", StringComparison.Ordinal);

    private static void Drain(IParser parser)
    {
        while (parser.MoveNext())
        {
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^[ \t]+(?=\r?$)")]
    private static partial System.Text.RegularExpressions.Regex BlankLine();
}
