namespace Noa.Abstractions;

/// <summary>This host cannot run sandboxes as configured (a tool is missing, cgroups or user namespaces are not usable).</summary>
public sealed class SandboxUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SandboxUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public SandboxUnavailableException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public SandboxUnavailableException() { }
}
