using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Bundles.OciLayout;

namespace Noa.Conformance;

/// <summary>OCI layout stores, all under one temp folder.</summary>
public sealed class OciLayoutFixture : IBundleRegistryFixture, IDisposable
{
    private readonly TempFolder _folder = new("noa-oci");

    /// <inheritdoc />
    public string? Unavailable => null;

    /// <inheritdoc />
    public ReferrersMode ExpectedReferrersMode => ReferrersMode.LayoutIndex;

    /// <inheritdoc />
    public IBundleRegistry Create(long chunkThreshold = 16L * 1024 * 1024) =>
        new OciLayoutStore(Options.Create(new OciLayoutSettings { Root = _folder.Path }));

    /// <inheritdoc />
    public string[] Skopeo(string repository, string tag) => [$"oci:{Path.Combine(_folder.Path, repository)}:{tag}"];

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
