namespace Noa.Abstractions.Profiles;

/// <summary>What decided a detection: a file and the line, key or dependency in it.</summary>
/// <param name="Path">File path relative to the root; empty when the evidence is an absence.</param>
/// <param name="Detail">The deciding line, key or dependency.</param>
public sealed record Evidence(string Path, string Detail);
