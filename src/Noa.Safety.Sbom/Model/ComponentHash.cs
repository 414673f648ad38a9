namespace Noa.Safety.Sbom;

/// <summary>A digest of the component's distributed archive, hex encoded.</summary>
/// <param name="Algorithm">CycloneDX's name: <c>SHA-1</c>, <c>SHA-256</c> or <c>SHA-512</c>.</param>
/// <param name="Value">Lower-case hex.</param>
public sealed record ComponentHash(string Algorithm, string Value);
