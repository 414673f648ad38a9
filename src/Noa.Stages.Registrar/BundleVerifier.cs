using System.Security.Cryptography;
using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>
/// Checks a published bundle: the manifest's digest (when asked for by digest, the store's answer is checked against it),
/// every layer's content against its digest and size, every referrer likewise, and the provenance: a DSSE envelope whose
/// signature verifies under the given key, holding an in-toto statement with a SLSA v1 predicate whose subject is this very
/// manifest. Each image the bundle names (<see cref="BundlePublisher.ImagesAnnotation"/>) is checked the same way: its config and layers,
/// its referrers, and a provenance signed for that image. One failure does not stop the others: the report lists them all.
/// </summary>
public sealed class BundleVerifier(IBundleRegistry registry)
{
    /// <summary>Verifies <paramref name="repository"/>:<paramref name="reference"/> with the public half of the key in <paramref name="keyFile"/>.</summary>
    /// <exception cref="InvalidDataException">There is no such bundle.</exception>
    /// <exception cref="SigningKeyException">The key file is missing or not a P-256 key.</exception>
    public async Task<VerifyReport> VerifyAsync(string repository, string reference, string keyFile, CancellationToken cancellationToken = default)
    {
        using var key = SigningKey.Read(keyFile, "--key");
        var stored = await registry.GetManifestAsync(repository, reference, cancellationToken)
            ?? throw new InvalidDataException($"{registry.Location}: there is no {repository} {reference}");
        var digest = stored.Descriptor.Digest;
        var ok = new List<string> { $"manifest {digest} ({stored.Content.Length} bytes)" };
        var problems = new List<string>();
        OciManifest manifest;
        try
        {
            manifest = stored.Manifest();
        }
        catch (InvalidDataException e)
        {
            return new VerifyReport(digest, ok, [e.Message]);
        }
        if (manifest.ArtifactType != OciMediaTypes.Bundle)
            problems.Add($"artifact type is {manifest.ArtifactType ?? "(none)"}, not {OciMediaTypes.Bundle}");
        await CheckLayersAsync(repository, manifest.Layers, "", ok, problems, cancellationToken);
        await CheckReferrersAsync(repository, digest, "", key, ok, problems, cancellationToken);
        foreach (var named in (manifest.Annotations?.GetValueOrDefault(BundlePublisher.ImagesAnnotation) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            await CheckImageAsync(repository, named, key, ok, problems, cancellationToken);
        return new VerifyReport(digest, ok, problems);
    }

    private async Task CheckImageAsync(string repository, string named, SigningKey key, List<string> ok, List<string> problems, CancellationToken cancellationToken)
    {
        var at = named.LastIndexOf('@');
        var (app, digest) = at > 0 ? (named[..at], named[(at + 1)..]) : (named, "");
        if (!OciDigest.IsValid(digest))
        {
            problems.Add($"the bundle names image '{named}', which is not app@sha256:…");
            return;
        }
        var stored = await registry.GetManifestAsync(repository, digest, cancellationToken);
        if (stored is null || stored.Descriptor.Digest != digest || OciDigest.Of(stored.Content.Span) != digest)
        {
            problems.Add($"image {app}: manifest {digest} is {(stored is null ? "missing" : "not what its digest says")}");
            return;
        }
        ok.Add($"image {app} {digest}");
        var image = stored.Manifest();
        await CheckLayersAsync(repository, [image.Config, .. image.Layers], $"image {app}: ", ok, problems, cancellationToken);
        await CheckReferrersAsync(repository, digest, $"image {app}: ", key, ok, problems, cancellationToken);
    }

    /// <summary>Every referrer of <paramref name="digest"/> and its layers; a provenance signed by <paramref name="key"/> for it must be among them.</summary>
    private async Task CheckReferrersAsync(string repository, string digest, string label, SigningKey key, List<string> ok, List<string> problems,
        CancellationToken cancellationToken)
    {
        var provenance = 0;
        foreach (var referrer in await registry.GetReferrersAsync(repository, digest, cancellationToken: cancellationToken))
        {
            var content = await registry.GetManifestAsync(repository, referrer.Digest, cancellationToken);
            if (content is null)
            {
                problems.Add($"{label}referrer {referrer.Digest} is listed but not stored");
                continue;
            }
            var referring = content.Manifest();
            if (referring.Subject?.Digest != digest)
            {
                problems.Add($"{label}referrer {referrer.Digest} names subject {referring.Subject?.Digest ?? "(none)"}");
                continue;
            }
            ok.Add($"{label}referrer {referring.ArtifactType} {referrer.Digest}");
            await CheckLayersAsync(repository, referring.Layers, $"{label}{referring.ArtifactType}: ", ok, problems, cancellationToken);
            if (referring.ArtifactType == OciMediaTypes.InToto)
                provenance += await CheckProvenanceAsync(repository, referring, digest, key, ok, problems, cancellationToken) ? 1 : 0;
        }
        if (provenance == 0)
            problems.Add($"{label}no provenance signed by key {key.KeyId} is attached to {digest}");
    }

    private async Task CheckLayersAsync(string repository, IReadOnlyList<OciDescriptor> layers, string label, List<string> ok, List<string> problems,
        CancellationToken cancellationToken)
    {
        foreach (var layer in layers)
        {
            var title = layer.Annotations?.GetValueOrDefault(OciMediaTypes.TitleAnnotation) ?? layer.Digest;
            await using var stream = await registry.OpenBlobAsync(repository, layer.Digest, cancellationToken);
            if (stream is null)
            {
                problems.Add($"{label}{title}: blob {layer.Digest} is missing");
                continue;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            long size = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }
            var actual = OciDigest.Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual == layer.Digest && size == layer.Size)
                ok.Add($"{label}{title} {layer.Digest}");
            else
                problems.Add($"{label}{title}: content is {actual} ({size} bytes), the manifest says {layer.Digest} ({layer.Size} bytes)");
        }
    }

    private async Task<bool> CheckProvenanceAsync(string repository, OciManifest referrer, string subject, SigningKey key, List<string> ok,
        List<string> problems, CancellationToken cancellationToken)
    {
        foreach (var layer in referrer.Layers.Where(l => l.MediaType == OciMediaTypes.DsseEnvelope))
        {
            await using var stream = await registry.OpenBlobAsync(repository, layer.Digest, cancellationToken);
            if (stream is null)
                continue;
            Dsse? envelope;
            try
            {
                envelope = await JsonSerializer.DeserializeAsync<Dsse>(stream, cancellationToken: cancellationToken);
            }
            catch (JsonException e)
            {
                problems.Add($"provenance {layer.Digest} is not a DSSE envelope: {e.Message}");
                continue;
            }
            if (envelope is null || envelope.PayloadType != OciMediaTypes.InToto)
            {
                problems.Add($"provenance {layer.Digest} is not an in-toto DSSE envelope");
                continue;
            }
            if (!envelope.VerifiedBy(key))
            {
                problems.Add($"provenance {layer.Digest}: no signature verifies under key {key.KeyId}");
                continue;
            }
            using var statement = JsonDocument.Parse(Convert.FromBase64String(envelope.Payload));
            var root = statement.RootElement;
            var subjects = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToArray() : [];
            var names = subjects.Any(e => e.TryGetProperty("digest", out var d) && d.TryGetProperty("sha256", out var h) && OciDigest.Prefix + h.GetString() == subject);
            if (root.GetProperty("_type").GetString() != ProvenanceStatement.StatementType || root.GetProperty("predicateType").GetString() != ProvenanceStatement.PredicateType)
                problems.Add($"provenance {layer.Digest} is not an in-toto v1 statement with a SLSA v1 predicate");
            else if (!names)
                problems.Add($"provenance {layer.Digest} is signed but its subject is not {subject}");
            else
            {
                ok.Add($"provenance signed by key {key.KeyId}, subject {subject}");
                return true;
            }
        }
        return false;
    }
}
