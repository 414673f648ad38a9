namespace Noa.Credentials;

/// <summary>Settings of sealed source credentials (section <c>Noa:Credentials</c>).</summary>
public sealed class CredentialOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Credentials";

    /// <summary>
    /// A file holding the 256-bit key that seals credentials found in source locators (64 hex digits, e.g.
    /// <c>openssl rand -hex 32</c>). Every process that seals them (gateway, CLI) and every one that opens them (Intake
    /// workers) must read the same key. When not set, <see cref="DefaultKeyFile"/> is used.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>Where a key is made (mode 0600) the first time one is needed and <see cref="KeyFile"/> is not set:
    /// <c>$NOA_HOME/secrets/credentials.key</c>, set by the host. Enough for one process, or several sharing a home.</summary>
    public string? DefaultKeyFile { get; set; }
}
