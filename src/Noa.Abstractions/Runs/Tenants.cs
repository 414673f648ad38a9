using System.Text.RegularExpressions;

namespace Noa.Abstractions;

/// <summary>
/// Who owns runs, their artifacts, events and search entries. A tenant is an API key's owner (the key itself, or a
/// project several keys share); the CLI works as <see cref="Local"/>. Callers see only their tenant's runs and chunks;
/// the <c>admin</c> scope sees every tenant.
/// </summary>
public static partial class Tenants
{
    /// <summary>The tenant of the CLI and of everything stored before tenants existed.</summary>
    public const string Local = "local";

    /// <summary>Longest tenant name.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="name"/> can name a tenant: 1 to 64 lower-case letters, digits, <c>.</c>, <c>_</c>
    /// or <c>-</c>, starting with a letter or digit.</summary>
    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Name().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex Name();
}
