using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>An image Env Synthesis verified, published beside its bundle.</summary>
/// <param name="App">The app it was built for (its folder under <c>env/images/</c>).</param>
/// <param name="Reference">Repository and tag, e.g. <c>noa/left-pad:tree-…-web</c>.</param>
/// <param name="Digest">The image manifest's digest.</param>
/// <param name="Referrers">The SBOMs and signed provenance attached to it.</param>
public sealed record PublishedImage(string App, string Reference, string Digest, IReadOnlyList<OciDescriptor> Referrers);
