using System.Text.RegularExpressions;

namespace Noa.Abstractions;

/// <summary>The name grammar of the OCI distribution spec, checked before a name becomes a path or a URL.</summary>
public static partial class OciNames
{
    /// <summary>Whether <paramref name="name"/> is a valid repository name (lower-case path components).</summary>
    public static bool IsRepository(string? name) => name is { Length: > 0 and <= 255 } && Repository().IsMatch(name);

    /// <summary>Whether <paramref name="tag"/> is a valid tag.</summary>
    public static bool IsTag(string? tag) => tag is not null && Tag().IsMatch(tag);

    /// <summary>Throws unless <paramref name="name"/> is a valid repository name.</summary>
    public static string RequireRepository(string name) =>
        IsRepository(name) ? name : throw new ArgumentException($"'{name}' is not an OCI repository name (lower-case letters, digits and . _ - between them, components split by /).", nameof(name));

    /// <summary>Throws unless <paramref name="reference"/> is a valid tag or digest.</summary>
    public static string RequireReference(string reference) =>
        IsTag(reference) || OciDigest.IsValid(reference) ? reference
            : throw new ArgumentException($"'{reference}' is neither a tag ([A-Za-z0-9_][A-Za-z0-9._-]{{0,127}}) nor a sha256 digest.", nameof(reference));

    /// <summary>
    /// Turns free text (a source locator, a folder name) into a repository path component: lower case, runs of other characters
    /// become one '-', trimmed; "source" when nothing is left.
    /// </summary>
    public static string Component(string text)
    {
        var lowered = NotAllowed().Replace(text.ToLowerInvariant(), "-").Trim('-', '.', '_');
        lowered = Separators().Replace(lowered, "-");
        return lowered.Length == 0 ? "source" : lowered[..Math.Min(lowered.Length, 100)].TrimEnd('-', '.', '_');
    }

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Repository();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowed();

    [GeneratedRegex("[-._]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();
}
