namespace Noa.Manifests.Rust;

/// <summary>A <c>[[bin]]</c> target.</summary>
/// <param name="Name">Its name; null means the package's.</param>
/// <param name="Path">Its source file relative to the manifest; null means Cargo's default (<c>src/bin/NAME.rs</c> or <c>src/main.rs</c>).</param>
public sealed record CargoBin(string? Name, string? Path);
