using System.Security.Cryptography;
using System.Text;

namespace Noa.Gateway;

/// <summary>
/// The presented form of a key, <c>noa_{id}_{secret}</c>: the id (lower-case letters and digits) finds the
/// stored record, the secret (256 random bits, base64url) is stored only as its SHA-256. A hash of a
/// high-entropy secret needs no salt or stretching: there is nothing to guess from a dictionary.
/// </summary>
internal static class ApiKeySecret
{
    public const string Prefix = "noa_";
    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string NewId()
    {
        Span<char> id = stackalloc char[12];
        for (var i = 0; i < id.Length; i++)
            id[i] = IdAlphabet[RandomNumberGenerator.GetInt32(IdAlphabet.Length)];
        return new string(id);
    }

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Format(string id, string secret) => Prefix + id + "_" + secret;

    public static bool IsValidId(string id) => id.Length is > 0 and <= 40 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    /// <summary>Splits a presented key; the secret may itself contain <c>_</c>.</summary>
    public static bool TryParse(string? presented, out string id, out string secret)
    {
        id = secret = "";
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 512)
            return false;
        var rest = presented.AsSpan(Prefix.Length);
        var cut = rest.IndexOf('_');
        if (cut <= 0 || cut == rest.Length - 1)
            return false;
        id = rest[..cut].ToString();
        secret = rest[(cut + 1)..].ToString();
        return IsValidId(id);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares the secret's hash with the stored one in constant time.</summary>
    public static bool Matches(string secret, string storedHash)
    {
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), actual);
        Span<byte> expected = stackalloc byte[32];
        return Convert.FromHexString(storedHash, expected, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32
            && CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
