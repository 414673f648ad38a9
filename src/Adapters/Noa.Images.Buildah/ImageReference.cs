namespace Noa.Images.Buildah;

/// <summary>The registry host of an image reference, by the usual rule: a first component with a dot, a colon, or <c>localhost</c>.</summary>
internal static class ImageReference
{
    public static string? RegistryOf(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return null;
        var first = reference[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first : null;
    }

    /// <summary>Whether the reference is an image id (64 hex digits, or a prefix of at least 12, optionally <c>sha256:</c>).</summary>
    public static bool IsId(string reference)
    {
        var hex = reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference[7..] : reference;
        return hex.Length is >= 12 and <= 64 && hex.All(char.IsAsciiHexDigitLower);
    }

    public static void ThrowIfInvalid(string reference, string field)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.StartsWith('-') || reference.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || reference.Length > 512)
            throw new ArgumentException($"{field}: '{reference}' is not an image reference.", field);
    }
}
