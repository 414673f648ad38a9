namespace Noa.Abstractions;

/// <summary>A capsule request that cannot run: each bad field (camelCase, as in JSON) with why.</summary>
public sealed class CapsuleRequestException : ArgumentException
{
    /// <summary>Creates the exception from field → reason.</summary>
    public CapsuleRequestException(IReadOnlyDictionary<string, string> errors, bool quota = false)
        : base("The capsule request is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")) + ".")
        => (Errors, OverQuota) = (errors, quota);

    /// <summary>Creates the exception.</summary>
    public CapsuleRequestException() : this(new Dictionary<string, string>()) { }

    /// <summary>Creates the exception.</summary>
    public CapsuleRequestException(string message) : base(message) => Errors = new Dictionary<string, string>();

    /// <summary>Creates the exception.</summary>
    public CapsuleRequestException(string message, Exception inner) : base(message, inner) => Errors = new Dictionary<string, string>();

    /// <summary>Field → reason.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    /// <summary>Whether it was refused for the tenant's quota (429), not for being malformed (400).</summary>
    public bool OverQuota { get; }
}
