namespace Noa.Abstractions;

/// <summary>A push would have moved a tag that already names another image (tags are immutable).</summary>
public sealed class ImmutableTagException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ImmutableTagException(string destination, string existing, string pushed)
        : base($"The tag {destination} already names image {existing}; pushing image {pushed} under it is refused (tags are immutable: push under a new tag).")
        => (Destination, Existing, Pushed) = (destination, existing, pushed);

    /// <summary>Creates the exception.</summary>
    public ImmutableTagException() : this("", "", "") { }

    /// <summary>Creates the exception.</summary>
    public ImmutableTagException(string message) : base(message) => (Destination, Existing, Pushed) = ("", "", "");

    /// <summary>Creates the exception.</summary>
    public ImmutableTagException(string message, Exception inner) : base(message, inner) => (Destination, Existing, Pushed) = ("", "", "");

    /// <summary>The tag pushed to.</summary>
    public string Destination { get; }

    /// <summary>The image id the tag names.</summary>
    public string Existing { get; }

    /// <summary>The image id that was to be pushed.</summary>
    public string Pushed { get; }
}
