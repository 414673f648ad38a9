namespace Noa.Abstractions;

/// <summary>The deliverable store refused a request for a reason a retry does not change (credentials, permissions, bucket).</summary>
public sealed class DeliverableRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeliverableRefusedException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeliverableRefusedException() : this("the deliverable store refused the request")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeliverableRefusedException(string message) : this(message, null)
    {
    }
}
