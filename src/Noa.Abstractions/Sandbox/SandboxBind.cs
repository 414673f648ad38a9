namespace Noa.Abstractions;

/// <summary>A host path made visible inside a sandbox.</summary>
/// <param name="Source">The host path (absolute; must exist).</param>
/// <param name="Target">The path inside (absolute).</param>
/// <param name="Writable">
/// Whether the sandbox may write there. Writes happen as the sandbox's unprivileged host user, so a writable bind must
/// be writable by it: the adapter hands the folder to that user for the sandbox's life and back to its owner after.
/// </param>
public sealed record SandboxBind(string Source, string Target, bool Writable = false);
