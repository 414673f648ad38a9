namespace Noa.Safety.Sbom.Parsers;

/// <summary>Converts the digests lockfiles write into CycloneDX algorithm names and hex.</summary>
internal static class Hashes
{
    /// <summary>Subresource-integrity strings (<c>sha512-base64</c>, several separated by spaces), as npm, yarn and pnpm write them.</summary>
    public static IEnumerable<ComponentHash> FromIntegrity(string? integrity)
    {
        foreach (var part in (integrity ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && Algorithm(part[..dash]) is { } alg && FromBase64(part[(dash + 1)..]) is { } hex)
            {
                yield return new ComponentHash(alg, hex);
            }
        }
    }

    /// <summary><c>sha256:hex</c> as Python and PHP tools write it; null for other algorithms or bad hex.</summary>
    public static ComponentHash? FromPrefixed(string? value)
    {
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && Algorithm(value![..colon]) is { } alg ? FromHex(alg, value[(colon + 1)..]) : null;
    }

    public static ComponentHash? FromHex(string algorithm, string? hex)
    {
        var expected = algorithm switch { "SHA-1" => 40, "SHA-256" => 64, "SHA-512" => 128, _ => 0 };
        return hex is not null && hex.Length == expected && hex.All(char.IsAsciiHexDigit)
            ? new ComponentHash(algorithm, hex.ToLowerInvariant())
            : null;
    }

    public static string? FromBase64(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var n) ? Convert.ToHexStringLower(bytes.AsSpan(0, n)) : null;
    }

    private static string? Algorithm(string name) => name.ToLowerInvariant() switch
    {
        "sha1" => "SHA-1",
        "sha256" => "SHA-256",
        "sha512" => "SHA-512",
        _ => null,
    };
}
