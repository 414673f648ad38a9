namespace Noa.Gateway;

/// <summary>The scopes an API key may hold. <see cref="Admin"/> implies every other scope.</summary>
internal static class ApiScopes
{
    public const string DigestWrite = "digest:write";
    public const string RunsRead = "runs:read";
    public const string Admin = "admin";
    public const string CapsulesRun = "capsules:run";
    public const string CapsulesRead = "capsules:read";

    public static readonly IReadOnlyList<string> All = [DigestWrite, RunsRead, CapsulesRun, CapsulesRead, Admin];
}
