namespace Noa.Safety.Secrets.Scanning;

/// <summary>Keeps a short prefix of a secret (enough to recognise its kind, e.g. <c>AKIA</c>, <c>ghp_</c>) and hides the rest and its length.</summary>
internal static class Redactor
{
    public const string Mask = "*****";
    private const int MaxMatch = 160;

    public static string Secret(string secret) =>
        secret[..(secret.Length >= 16 ? 4 : secret.Length >= 8 ? 2 : 0)] + Mask;

    public static string Match(string match, string secret)
    {
        var redacted = secret.Length == 0 ? match : match.Replace(secret, Secret(secret), StringComparison.Ordinal);
        return redacted.Length <= MaxMatch ? redacted : redacted[..MaxMatch] + "…";
    }
}
