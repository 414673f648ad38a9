using System.Text;

namespace Noa.IntegrationTests;

/// <summary>What a noa process printed and returned.</summary>
internal sealed record NoaResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => new StringBuilder()
        .AppendLine($"exit {ExitCode}").AppendLine("--- stdout").AppendLine(Stdout).AppendLine("--- stderr").AppendLine(Stderr).ToString();
}
