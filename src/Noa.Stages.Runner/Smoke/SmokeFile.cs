namespace Noa.Stages.Runner.Smoke;

/// <summary>A smoke test written to the bundle (<c>runner/smoke/NAME</c>) and run from the workspace, printing TAP.</summary>
/// <param name="Name">File name.</param>
/// <param name="Content">The script.</param>
/// <param name="Command">How it is run from the folder's root, the file being at <c>.noa-runner/smoke/NAME</c> in the workspace.</param>
/// <param name="Why">What it checks.</param>
internal sealed record SmokeFile(string Name, string Content, string Command, string Why);
