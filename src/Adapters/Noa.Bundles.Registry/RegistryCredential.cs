namespace Noa.Bundles.Registry;

/// <summary>
/// What the registry is sent: a user name and password (basic auth, or to ask the token service for a token) or a static
/// bearer token. <see cref="ToString"/> never shows the secret, so a credential that ends up in a log or a message leaks nothing.
/// </summary>
internal sealed class RegistryCredential
{
    private RegistryCredential(string? username, string? password, string? token) =>
        (Username, Password, Token) = (username, password, token);

    public string? Username { get; }

    public string? Password { get; }

    public string? Token { get; }

    public bool IsBasic => Username is not null;

    public static RegistryCredential Basic(string username, string password) => new(username, password, null);

    public static RegistryCredential Bearer(string token) => new(null, null, token);

    /// <summary>The value of an <c>Authorization: Basic</c> header.</summary>
    public string BasicParameter() => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    public override string ToString() => IsBasic ? $"basic credentials of '{Username}'" : "a bearer token";
}
