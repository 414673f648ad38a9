using System.Diagnostics;
using System.Text;

namespace Noa.Images.Buildah;

/// <summary>Runs buildah and skopeo: arguments as a list (never a shell), output collected, each line optionally streamed.</summary>
internal sealed class Cli(BuildahSettings settings)
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public bool Ok => ExitCode == 0;

        public string Error => (Stderr.Length > 0 ? Stderr : Stdout).Trim();
    }

    public Task<Result> BuildahAsync(IEnumerable<string> args, Action<string>? line = null, CancellationToken cancellationToken = default) =>
        RunAsync(settings.Buildah, args, line, cancellationToken);

    public Task<Result> SkopeoAsync(IEnumerable<string> args, CancellationToken cancellationToken = default) =>
        RunAsync(settings.Skopeo, args, null, cancellationToken);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, Action<string>? line, CancellationToken cancellationToken, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        if (environment is not null)
            foreach (var (k, v) in environment)
                start.Environment[k] = v;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} could not be started ({e.Message}); scripts/capsule.sh installs it.", e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = ReadAsync(process.StandardOutput, line);
            var stderr = ReadAsync(process.StandardError, line);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    private static async Task<string> ReadAsync(StreamReader reader, Action<string>? line)
    {
        if (line is null)
            return await reader.ReadToEndAsync().ConfigureAwait(false); // exact bytes: manifests are hashed
        var all = new StringBuilder();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } text)
        {
            all.Append(text).Append('\n');
            line?.Invoke(text);
        }
        return all.ToString();
    }
}
