using System.Text.Json;
using System.Text.Json.Serialization;

namespace Noa.Abstractions;

/// <summary>
/// <c>images.lock</c> (schema <c>schemas/images-lock.schema.json</c>), written by <c>make lock-images</c>: the base images
/// generated Dockerfiles build FROM, pinned by digest. The one reader of that file.
/// </summary>
public sealed record ImagesLock
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    /// <summary>The format's version (1).</summary>
    public int Version { get; init; }

    /// <summary>The registry the images were pushed to.</summary>
    public string Registry { get; init; } = "";

    /// <summary>The images.</summary>
    public IReadOnlyList<LockedImage> Images { get; init; } = [];

    /// <summary>Reads and checks a lock file; <see cref="InvalidDataException"/> names what is wrong.</summary>
    public static ImagesLock Read(string path)
    {
        var text = File.ReadAllText(path);
        ImagesLock? value;
        try
        {
            value = JsonSerializer.Deserialize<ImagesLock>(text, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not an images.lock: {e.Message}", e);
        }
        if (value is null || value.Version != 1)
            throw new InvalidDataException($"{path}: version must be 1.");
        return value;
    }

    /// <summary>The locked image answering to <paramref name="tag"/> (<c>python:3.11-slim</c>, or the recipe name), or null.</summary>
    public LockedImage? Find(string tag) =>
        Images.FirstOrDefault(i => i.Tags.Contains(tag, StringComparer.Ordinal)) ?? Images.FirstOrDefault(i => i.Name == tag);
}

/// <summary>One locked base image.</summary>
public sealed record LockedImage
{
    /// <summary>The recipe's name (debian, python…).</summary>
    public string Name { get; init; } = "";

    /// <summary>The usual names it answers to; the first is the primary.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The primary tag in the registry.</summary>
    public string Reference { get; init; } = "";

    /// <summary>The manifest digest of the primary tag.</summary>
    public string Digest { get; init; } = "";

    /// <summary>The image configuration's digest.</summary>
    public string ImageId { get; init; } = "";

    /// <summary>Each tag's manifest digest.</summary>
    public IReadOnlyDictionary<string, string> Digests { get; init; } = new Dictionary<string, string>();

    /// <summary>How it was built, in words.</summary>
    public string Built { get; init; } = "";

    /// <summary>When it was built.</summary>
    public DateTimeOffset BuiltAt { get; init; }

    /// <summary>How long its build took, in seconds.</summary>
    public int BuildSeconds { get; init; }

    /// <summary><c>tag@digest</c>: how a Dockerfile pins it (<c>FROM python:3.11-slim@sha256:…</c>).</summary>
    public string Pinned(string tag) => $"{tag}@{(Digests.TryGetValue(tag, out var d) ? d : Digest)}";
}
