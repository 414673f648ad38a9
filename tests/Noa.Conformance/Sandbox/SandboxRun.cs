using System.Text;
using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>A finished sandbox run: its result, its output as text, and its id.</summary>
public sealed record SandboxRun(SandboxResult Result, string Stdout, string Stderr, string Id)
{
    /// <summary>Runs <paramref name="spec"/> to its end, collecting the output.</summary>
    public static async Task<SandboxRun> Of(ISandbox sandbox, SandboxSpec spec, Func<ISandboxProcess, Task>? during = null)
    {
        await using var process = await sandbox.StartAsync(spec);
        var collect = Collect(process);
        if (during is not null)
            await during(process);
        var result = await process.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        var (stdout, stderr) = await collect;
        return new SandboxRun(result, stdout, stderr, process.Id);
    }

    /// <summary>Reads the output of <paramref name="process"/> to its end, as text.</summary>
    public static async Task<(string Stdout, string Stderr)> Collect(ISandboxProcess process)
    {
        var (stdout, stderr) = (new MemoryStream(), new MemoryStream());
        await foreach (var chunk in process.Output.ReadAllAsync())
            (chunk.Stream == SandboxStream.Stdout ? stdout : stderr).Write(chunk.Data.Span);
        return (Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// <summary>A spec running <c>/bin/sh -c <paramref name="script"/></c> on the host root, with PATH set.</summary>
    public static SandboxSpec Shell(string script, SandboxLimits? limits = null) => new()
    {
        Command = ["/bin/sh", "-c", script],
        Environment = new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" },
        Limits = limits ?? new SandboxLimits { WallTime = TimeSpan.FromMinutes(1) },
    };

    /// <inheritdoc />
    public override string ToString() => $"{Result.Termination} exit={Result.ExitCode} detail={Result.Detail}\nstdout: {Stdout}\nstderr: {Stderr}";
}
