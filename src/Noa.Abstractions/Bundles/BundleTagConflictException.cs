namespace Noa.Abstractions;

/// <summary>A tag already names another manifest: tags of published bundles are immutable.</summary>
public sealed class BundleTagConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BundleTagConflictException(string repository, string tag, string existing, string refused)
        : base($"tag '{repository}:{tag}' already names {existing}; published tags are immutable, so {refused} was not tagged (pull the published one, or publish under another tag)")
    {
        (Repository, Tag, Existing, Refused) = (repository, tag, existing, refused);
    }

    /// <summary>The repository.</summary>
    public string Repository { get; }

    /// <summary>The tag.</summary>
    public string Tag { get; }

    /// <summary>The digest the tag names.</summary>
    public string Existing { get; }

    /// <summary>The digest that was refused.</summary>
    public string Refused { get; }
}
