namespace Noa.Credentials;

/// <summary>A sealed credential cannot be opened: malformed, sealed under another key, or altered. Never holds the secret.</summary>
public sealed class CredentialException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public CredentialException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CredentialException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CredentialException()
    {
    }
}
