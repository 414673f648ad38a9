namespace Noa.Credentials;

/// <summary>A secret could not be had as configured: its file is missing, empty or unreadable, or it was given inline.
/// The message names the setting and the file, never the secret.</summary>
public sealed class SecretFileException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SecretFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SecretFileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SecretFileException()
    {
    }
}
