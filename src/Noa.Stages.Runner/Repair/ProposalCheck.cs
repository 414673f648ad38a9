using System.Text.RegularExpressions;

namespace Noa.Stages.Runner.Repair;

/// <summary>
/// What a proposed command must be before it runs: one line of bounded length, new, not hiding the step's failure, and not an
/// attempt to change the sandbox. It runs in the step's capsule either way, never on the host; this only spares a capsule
/// for what cannot help.
/// </summary>
internal static partial class ProposalCheck
{
    /// <summary>Why the command is refused, or null when it may run.</summary>
    public static string? Refusal(string command, string failed, IEnumerable<string> earlier, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(command))
            return "the answer holds no command";
        if (command.Contains('\n', StringComparison.Ordinal) || command.Contains('\r', StringComparison.Ordinal))
            return "the command is more than one line";
        if (command.Length > maxLength)
            return $"the command is {command.Length} characters long, over {maxLength} (Noa:Runner:Repair:MaxCommandLength)";
        if (command.Any(char.IsControl))
            return "the command holds control characters";
        var trimmed = command.Trim();
        if (trimmed == failed.Trim() || earlier.Contains(trimmed, StringComparer.Ordinal))
            return "the same command as one already run for this step";
        if (Masking().IsMatch(trimmed))
            return "the command would hide the step's failure (its exit status forced to 0)";
        if (Sandbox().Match(trimmed) is { Success: true } m)
            return $"the command tries to change the sandbox ({m.Groups[1].Value.Trim()}); it runs in the step's capsule with the same limits and network";
        return null;
    }

    [GeneratedRegex(@"^(true|:|exit\s+0)$|\|\|\s*(true|:|exit\s+0)\b|;\s*(true|:|exit\s+0)\s*$")]
    private static partial Regex Masking();

    [GeneratedRegex(@"(?:^|[\s;&|(`])((?:sudo|su|doas|unshare|nsenter|chroot|mount|umount|bwrap|docker|podman|ulimit|setpriv|capsh|iptables|nft|sysctl|cgexec)(?=$|[\s;&|)`])|/sys/fs/cgroup|/proc/sys)")]
    private static partial Regex Sandbox();
}
