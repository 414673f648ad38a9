namespace Noa.Abstractions;

/// <summary>No local storage or registry has the image asked for.</summary>
public sealed class ImageNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="reference"/>.</summary>
    public ImageNotFoundException(string reference, string message) : base(message) => Reference = reference;

    /// <summary>Creates the exception.</summary>
    public ImageNotFoundException() : this("", "The image was not found.") { }

    /// <summary>Creates the exception.</summary>
    public ImageNotFoundException(string message) : this("", message) { }

    /// <summary>Creates the exception.</summary>
    public ImageNotFoundException(string message, Exception inner) : base(message, inner) => Reference = "";

    /// <summary>The reference that was not found.</summary>
    public string Reference { get; }
}
