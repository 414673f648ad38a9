using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>
/// An image Env Synthesis verified and kept in the run (<see cref="EnvImages"/>): the manifest its layout's <c>index.json</c> names,
/// the manifest's bytes, and the run artifacts holding its config and layers. Everything is checked before anything is pushed: the
/// index names one OCI image manifest, and the manifest and each blob it names are artifacts of the run under the app's folder
/// whose hash and size are the descriptor's.
/// </summary>
internal sealed record RunImage(string App, OciDescriptor Manifest, byte[] Content, IReadOnlyList<RunArtifact> Blobs)
{
    /// <summary>Every file of the image, manifest included (the provenance's byproducts).</summary>
    public IEnumerable<RunArtifact> Files(IReadOnlyList<RunArtifact> runFiles) =>
        runFiles.Where(f => EnvImages.AppOf(f.Path) == App);

    /// <summary>The images among <paramref name="files"/>, by app.</summary>
    /// <exception cref="InvalidDataException">A layout is incomplete, or a blob is not what its descriptor says.</exception>
    public static async Task<IReadOnlyList<RunImage>> ReadAllAsync(IReadOnlyList<RunArtifact> files, Func<RunArtifact, CancellationToken, Task<byte[]>> read,
        CancellationToken cancellationToken)
    {
        var images = new List<RunImage>();
        foreach (var group in files.Where(f => EnvImages.Holds(f.Path)).GroupBy(f => EnvImages.AppOf(f.Path) ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var app = group.Key;
            if (OciNames.Component(app) != app)
                throw new InvalidDataException($"'{EnvImages.Prefix}{app}' is not an image folder: the app name must be a lower-case name component");
            var byPath = group.ToDictionary(f => f.Path, StringComparer.Ordinal);
            var index = byPath.GetValueOrDefault(EnvImages.IndexPath(app))
                ?? throw new InvalidDataException($"the run's image '{app}' has no {EnvImages.IndexPath(app)}: its export did not finish");
            var manifests = OciJson.Parse<OciIndex>(await read(index, cancellationToken)).Manifests;
            if (manifests is not [{ MediaType: OciMediaTypes.ImageManifest } manifest])
                throw new InvalidDataException($"{EnvImages.IndexPath(app)} must name exactly one OCI image manifest (it names {manifests.Count})");
            var content = await read(Blob(byPath, app, manifest), cancellationToken);
            var parsed = OciJson.Parse<OciManifest>(content);
            var blobs = new[] { parsed.Config }.Concat(parsed.Layers).Select(d => Blob(byPath, app, d)).DistinctBy(b => b.Sha256).ToArray();
            images.Add(new RunImage(app, new OciDescriptor { MediaType = manifest.MediaType, Digest = manifest.Digest, Size = manifest.Size }, content, blobs));
        }
        return images;
    }

    private static RunArtifact Blob(Dictionary<string, RunArtifact> byPath, string app, OciDescriptor descriptor)
    {
        if (!OciDigest.IsValid(descriptor.Digest))
            throw new InvalidDataException($"the run's image '{app}' names '{descriptor.Digest}', which is not a sha256 digest");
        var path = EnvImages.BlobPath(app, descriptor.Digest);
        var blob = byPath.GetValueOrDefault(path) ?? throw new InvalidDataException($"the run's image '{app}' names {descriptor.Digest}, but {path} is not in the run");
        if (OciDigest.Prefix + blob.Sha256 != descriptor.Digest || blob.Size != descriptor.Size)
            throw new InvalidDataException($"{path} is sha256:{blob.Sha256} ({blob.Size} bytes), but the image names {descriptor.Digest} ({descriptor.Size} bytes)");
        return blob;
    }
}
