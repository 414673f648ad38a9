using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Noa.Yaml;

/// <summary>
/// The one way this project reads YAML, trusted or not: every parse goes through a parser that enforces
/// <see cref="YamlLimits"/> (characters, depth, aliases, scalar size, nodes after alias expansion, time) while it streams,
/// and honours a cancellation token inside the scanner. Refusals are <see cref="YamlLimitException"/>s naming the document
/// and the limit; malformed YAML is a <see cref="YamlException"/> as usual.
/// </summary>
public static class YamlGuard
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
            var parser = Parser(yaml, limits, name, cancellationToken);
            while (parser.MoveNext())
            {
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
        var stream = new YamlStream();
        stream.Load(Parser(yaml, limits, name, cancellationToken));
        return stream;
    }
}
