using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Noa.Abstractions;

/// <summary>sha256 digests as OCI writes them (<c>sha256:</c> + 64 lower-case hex digits).</summary>
public static partial class OciDigest
{
    /// <summary>The algorithm prefix.</summary>
    public const string Prefix = "sha256:";

    /// <summary>The content of the empty config.</summary>
    public static ReadOnlyMemory<byte> EmptyContent { get; } = "{}"u8.ToArray();

    /// <summary>The descriptor of the empty config, with its content embedded.</summary>
    public static OciDescriptor EmptyConfig { get; } = new()
    {
        MediaType = OciMediaTypes.Empty,
        Digest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        Size = 2,
        Data = "e30=",
    };

    /// <summary>The digest of some bytes.</summary>
    public static string Of(ReadOnlySpan<byte> content) => Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether <paramref name="digest"/> is a well-formed sha256 digest (the only algorithm accepted).</summary>
    public static bool IsValid(string? digest) => digest is not null && Pattern().IsMatch(digest);

    /// <summary>Throws when <paramref name="digest"/> is not a well-formed sha256 digest; used before it becomes a path or URL.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static string Require(string digest) =>
        IsValid(digest) ? digest : throw new ArgumentException($"'{digest}' is not a sha256 digest (sha256: and 64 lower-case hex digits).", nameof(digest));

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
