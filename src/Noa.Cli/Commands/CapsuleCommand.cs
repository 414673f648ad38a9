using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Noa.Abstractions;

namespace Noa.Cli.Commands;

/// <summary>
/// <c>noa capsule run IMAGE -- CMD</c> (in this process: start, stream the output, end, remove), and
/// <c>noa capsule ls|logs|rm</c> against a gateway serving the capsule endpoints (<c>--url</c>, <c>--key-file</c>).
/// </summary>
internal static class CapsuleCommand
{
    private static readonly Argument<string?> Image = new("image") { Description = "The image (python:3.11-slim); leave out with --host", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Argument<string[]> Cmd = new("command") { Description = "The command (after --)", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<bool> Host = new("--host") { Description = "Run on the host's read-only /usr instead of an image" };
    private static readonly Option<string?> Policy = new("--policy") { Description = "The egress policy (Noa:Capsule:Policies; default none: no network)" };
    private static readonly Option<double?> Cpus = new("--cpus") { Description = "CPU cores" };
    private static readonly Option<long?> Memory = new("--memory") { Description = "Memory in MiB" };
    private static readonly Option<int?> Pids = new("--pids") { Description = "Processes and threads" };
    private static readonly Option<double?> Timeout = new("--timeout") { Description = "Wall time in seconds" };
    private static readonly Option<string[]> Env = new("--env", "-e") { Description = "NAME=value (repeatable)", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> Docker = new("--docker") { Description = "Serve `docker build` inside (the build proxy)" };
    private static readonly Argument<string> Id = new("id") { Description = "The capsule id" };
    private static readonly Option<string> Url = new("--url") { Description = "The gateway ($NOA_URL; default http://127.0.0.1:8080)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NOA_URL") ?? "http://127.0.0.1:8080" };
    private static readonly Option<string?> KeyFile = new("--key-file") { Description = "A file holding the API key ($NOA_API_KEY_FILE)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NOA_API_KEY_FILE") };

    public static Command Create()
    {
        var run = new Command("run", "Run a command in a capsule here and stream its output; the exit code is the command's (125 when a limit or the sandbox ended it).\n" +
            "Example: noa capsule run python:3.11-slim -- python3 -c 'print(1)'")
        {
            Image, Cmd, Host, Policy, Cpus, Memory, Pids, Timeout, Env, Docker,
        };
        run.SetAction(RunAsync);
        var ls = new Command("ls", "List the capsules of a gateway") { Url, KeyFile };
        ls.SetAction((p, ct) => ApiAsync(p, HttpMethod.Get, "/capsules", ct));
        var logs = new Command("logs", "Follow a capsule's output (from a gateway)") { Id, Url, KeyFile };
        logs.SetAction(LogsAsync);
        var rm = new Command("rm", "Stop and remove a capsule (on a gateway)") { Id, Url, KeyFile };
        rm.SetAction((p, ct) => ApiAsync(p, HttpMethod.Delete, $"/capsules/{Uri.EscapeDataString(p.GetValue(Id)!)}", ct));
        return new Command("capsule", "Sandboxed runs: bubblewrap + cgroups, egress by policy, limits that end a run by name") { run, ls, logs, rm };
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var image = parse.GetValue(Image);
        var command = parse.GetValue(Cmd) ?? [];
        if (parse.GetValue(Host) && image is not null)
            (image, command) = (null, [image!, .. command]); // with --host, everything after -- is the command
        if (!parse.GetValue(Host) && image is null)
        {
            await System.Console.Error.WriteLineAsync("noa: give an image, or --host to run on the host's read-only /usr.");
            return ExitCodes.BadInput;
        }
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(Env) ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                await System.Console.Error.WriteLineAsync($"noa: --env '{pair}' is not NAME=value.");
                return ExitCodes.BadInput;
            }
            environment[pair[..eq]] = pair[(eq + 1)..];
        }
        using var host = NoaHostFactory.Build("capsules", GlobalOptions.From(parse));
        await host.StartAsync(cancellationToken);
        var capsules = host.Services.GetRequiredService<ICapsules>();
        var defaults = new SandboxLimits();
        var memory = parse.GetValue(Memory) is { } mib ? mib << 20 : defaults.MemoryBytes;
        var limits = new SandboxLimits
        {
            Cpus = parse.GetValue(Cpus) ?? defaults.Cpus,
            MemoryBytes = memory,
            TmpfsBytes = Math.Max(SandboxLimits.Range.MinTmpfsBytes, Math.Min(defaults.TmpfsBytes, memory / 4)),
            Pids = parse.GetValue(Pids) ?? defaults.Pids,
            WallTime = parse.GetValue(Timeout) is { } s ? TimeSpan.FromSeconds(s) : defaults.WallTime,
        };
        CapsuleInfo capsule;
        try
        {
            capsule = await capsules.SpawnAsync(new CapsuleRequest
            {
                Image = image, Command = command, Environment = environment, Policy = parse.GetValue(Policy), Limits = limits,
                BuildProxy = parse.GetValue(Docker), Actor = "cli", Tenant = "cli",
            }, cancellationToken);
        }
        catch (CapsuleRequestException e)
        {
            foreach (var (field, reason) in e.Errors)
                await System.Console.Error.WriteLineAsync($"noa: {field}: {reason}");
            return ExitCodes.BadInput;
        }
        catch (SandboxUnavailableException e)
        {
            await System.Console.Error.WriteLineAsync($"noa: {e.Message} (scripts/capsule.sh installs what capsules need)");
            return ExitCodes.Failure;
        }
        using var stdout = System.Console.OpenStandardOutput();
        using var stderr = System.Console.OpenStandardError();
        try
        {
            await foreach (var output in capsules.FollowAsync(capsule.Id, cancellationToken))
            {
                var target = output.Stream == SandboxStream.Stdout ? stdout : stderr;
                await target.WriteAsync(System.Text.Encoding.UTF8.GetBytes(output.Text), cancellationToken);
                await target.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            await capsules.RemoveAsync(capsule.Id, CancellationToken.None);
            return ExitCodes.Failure;
        }
        var ended = await capsules.WaitAsync(capsule.Id, CancellationToken.None);
        await capsules.RemoveAsync(capsule.Id, CancellationToken.None);
        await host.StopAsync(CancellationToken.None);
        var result = ended.Result!;
        if (result.Termination == SandboxTermination.Exited)
            return result.ExitCode ?? ExitCodes.Failure;
        await System.Console.Error.WriteLineAsync($"noa: capsule {capsule.Id} ended: {result.Termination.ToString().ToLowerInvariant()}" +
            (result.Detail is { } d ? $" ({d})" : "") + (result.Signal is { } sig ? $", signal {sig.ToString(CultureInfo.InvariantCulture)}" : ""));
        return 125;
    }

    private static async Task<int> ApiAsync(ParseResult parse, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var client = Client(parse, out var problem);
        if (client is null)
        {
            await System.Console.Error.WriteLineAsync($"noa: {problem}");
            return ExitCodes.BadInput;
        }
        using var response = await client.SendAsync(new HttpRequestMessage(method, path), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await System.Console.Error.WriteLineAsync($"noa: {(int)response.StatusCode} {body}");
            return ExitCodes.Failure;
        }
        if (body.Length > 0)
            System.Console.WriteLine(JsonSerializer.Serialize(JsonDocument.Parse(body).RootElement, new JsonSerializerOptions { WriteIndented = true }));
        return ExitCodes.Success;
    }

    private static async Task<int> LogsAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = Client(parse, out var problem);
        if (client is null)
        {
            await System.Console.Error.WriteLineAsync($"noa: {problem}");
            return ExitCodes.BadInput;
        }
        using var response = await client.GetAsync($"/capsules/{Uri.EscapeDataString(parse.GetValue(Id)!)}/logs", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await System.Console.Error.WriteLineAsync($"noa: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return ExitCodes.Failure;
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            using var data = JsonDocument.Parse(item.Data);
            if (item.EventType is "stdout" or "stderr")
                (item.EventType == "stdout" ? System.Console.Out : System.Console.Error).Write(data.RootElement.GetProperty("text").GetString());
            else if (item.EventType == "end")
                await System.Console.Error.WriteLineAsync($"noa: ended: {item.Data}");
        }
        return ExitCodes.Success;
    }

    private static HttpClient? Client(ParseResult parse, out string? problem)
    {
        problem = null;
        var file = parse.GetValue(KeyFile);
        if (file is null || !File.Exists(file))
        {
            problem = "--key-file (or NOA_API_KEY_FILE) must name a file holding an API key with the capsules scopes";
            return null;
        }
        var client = new HttpClient { BaseAddress = new Uri(parse.GetValue(Url)!) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(file).Trim());
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
