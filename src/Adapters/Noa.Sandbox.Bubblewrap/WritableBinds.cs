using System.Diagnostics;
using System.Globalization;
using Noa.Abstractions;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// Writable binds belong to the sandbox's host user while it runs (it is not root outside, so it could not write them
/// otherwise) and go back to their owner after. <c>chown -R -h</c> changes links themselves and never follows one, so a
/// link planted inside never hands a host file to anyone.
/// </summary>
internal static class WritableBinds
{
    public static async Task<IReadOnlyList<(string Path, string Owner)>> HandOverAsync(IEnumerable<SandboxBind> binds, int uid, CancellationToken cancellationToken)
    {
        var handed = new List<(string, string)>();
        var to = string.Create(CultureInfo.InvariantCulture, $"{uid}:{uid}");
        foreach (var bind in binds.Where(b => b.Writable).DistinctBy(b => b.Source))
        {
            var owner = (await RunAsync("stat -c %u:%g \"$1\" && chown -R -h \"$2\" \"$1\"", [bind.Source, to], cancellationToken).ConfigureAwait(false)).Trim();
            handed.Add((bind.Source, owner));
        }
        return handed;
    }

    public static async Task ReturnAsync(IEnumerable<(string Path, string Owner)> handed)
    {
        foreach (var (path, owner) in handed)
            await RunAsync("chown -R -h \"$2\" \"$1\"", [path, owner], CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<string> RunAsync(string script, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("sh");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new IOException($"Could not change the owner of {args[0]}: {(await error.ConfigureAwait(false)).Trim()}");
        return await output.ConfigureAwait(false);
    }
}
