namespace Noa.Stages.Registrar;

/// <summary>The signing or verifying key is missing, unreadable or not an ECDSA P-256 key; the message says which file and why.</summary>
public sealed class SigningKeyException(string message, Exception? inner = null) : Exception(message, inner);
