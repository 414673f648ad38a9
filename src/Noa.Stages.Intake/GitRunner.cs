using System.Diagnostics;

namespace Noa.Stages.Intake;

/// <summary>
/// Runs the git CLI for one intake with a hardened configuration: hooks off, no prompts, no system or global
/// config (they could rewrite URLs or add helpers), only the transports the source needs (<c>file</c> only for
/// local sources, <c>ext</c> never), no redirects, no automatic submodule recursion, and one deadline for all
/// commands (<see cref="IntakeOptions.GitTimeout"/>) after which the process tree is killed.
/// </summary>
internal sealed class GitRunner(IntakeOptions options, bool allowFileProtocol, IReadOnlyList<string> extraConfig, CancellationToken deadline,
    IReadOnlyList<KeyValuePair<string, string>>? secretConfig = null)
{
    public async Task<GitResult> RunAsync(string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(options.GitExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(key);
        }
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes";
        start.Environment["GIT_PROTOCOL_FROM_USER"] = "0";
        // Settings holding credentials go through the environment (readable only by this user), never through -c.
        var secrets = secretConfig ?? [];
        if (secrets.Count > 0)
        {
            start.Environment["GIT_CONFIG_COUNT"] = secrets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < secrets.Count; i++)
            {
                start.Environment[$"GIT_CONFIG_KEY_{i}"] = secrets[i].Key;
                start.Environment[$"GIT_CONFIG_VALUE_{i}"] = secrets[i].Value;
            }
        }
        string[] config =
        [
            "core.hooksPath=/dev/null",
            "protocol.allow=never",
            "protocol.http.allow=always",
            "protocol.https.allow=always",
            "protocol.git.allow=always",
            "protocol.ssh.allow=always",
            $"protocol.file.allow={(allowFileProtocol ? "always" : "never")}",
            "protocol.ext.allow=never",
            "http.followRedirects=false",
            "submodule.recurse=false",
            "core.fsmonitor=false",
            "core.autocrlf=false",
            "advice.detachedHead=false",
            .. extraConfig,
        ];
        foreach (var setting in config)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(setting);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(deadline);
        var stderr = process.StandardError.ReadToEndAsync(deadline);
        try
        {
            await process.WaitForExitAsync(deadline).ConfigureAwait(false);
            return new GitResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
