namespace Noa.Cli;

/// <summary>Process exit codes, documented in <c>noa --help</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int Blocked = 3;

    public const string Help = "Exit codes: 0 success, 1 failure, 2 bad input or usage, 3 blocked by a gate.";
}
