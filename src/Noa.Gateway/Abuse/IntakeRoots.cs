namespace Noa.Gateway;

/// <summary>What the gateway reads of Intake's settings (<c>Noa:Intake</c>): only whether local sources are fenced in.</summary>
internal sealed record IntakeRoots
{
    public const string Section = "Noa:Intake";

    /// <summary>The folders Intake may read local sources from.</summary>
    public IReadOnlyList<string>? AllowedFileRoots { get; init; }
}
