using YamlDotNet.Core;

namespace Noa.Yaml;

/// <summary>A YAML document refused by <see cref="YamlGuard"/>: it passed one of its <see cref="YamlLimits"/>. A
/// <see cref="YamlException"/>, so readers that report malformed YAML report this too, with the limit named.</summary>
public sealed class YamlLimitException : YamlException
{
    /// <summary>Creates the exception for the limit passed at <paramref name="at"/>.</summary>
    public YamlLimitException(Mark at, string message) : base(at, at, message)
    {
    }

    /// <summary>Creates the exception with no position (the limit was passed between events).</summary>
    public YamlLimitException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public YamlLimitException() : base("the YAML document passes a limit")
    {
    }

    /// <summary>Creates the exception with an inner one.</summary>
    public YamlLimitException(string message, Exception inner) : base(message, inner)
    {
    }
}
