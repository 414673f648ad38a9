using System.Net;

namespace Noa.Abstractions;

/// <summary>A bundle store refused a request or could not be reached; the message says which request and why.</summary>
public sealed class BundleRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BundleRegistryException(string message, HttpStatusCode? status = null, Exception? inner = null) : base(message, inner) => Status = status;

    /// <summary>The HTTP status of the refusal; null when the store was not reached.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>Whether trying again may help (unreachable, 5xx, 429), as opposed to a refusal (4xx).</summary>
    public bool Transient => Status is null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;
}
