namespace Noa.Stages.Registrar;

/// <summary>What <c>noa verify</c> found: every check made and every problem (none means verified).</summary>
/// <param name="Digest">The bundle manifest's digest.</param>
/// <param name="Checked">What was checked and held, one line each.</param>
/// <param name="Problems">What failed, one line each.</param>
public sealed record VerifyReport(string Digest, IReadOnlyList<string> Checked, IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing failed.</summary>
    public bool Verified => Problems.Count == 0;
}
