using System.Globalization;
using System.Text.Json;
using Noa.Abstractions.Env;
using Noa.Stages.Runner.Planning;

namespace Noa.Stages.Runner.Smoke;

/// <summary>
/// The smoke test of a service (an app <c>env/plan.json</c> plans as a server): a stdlib Python script that starts it with the
/// plan's start command on the plan's port, waits for the port, calls the GET endpoints the graph found — the health path first,
/// then paths without parameters, then paths whose parameters the code types (filled with <c>1</c> or <c>x</c>) — and stops it.
/// The start command, port and health path are the Env stage's decisions, never guessed here; an app the plan cannot start
/// here gets a note and no smoke test.
/// </summary>
internal static class ServiceSmoke
{
    public const string Marker = "noa-service: ";
    private const string Template = "smoke_service.py";
    private const int MaxCalls = 30;

    /// <summary>The smoke file for <paramref name="app"/>, or null and why not; notes on what it leaves out either way.</summary>
    public static (SmokeFile? File, List<string> Notes) For(AppPlan app, IReadOnlyList<KgEndpoint> endpoints, double waitSeconds)
    {
        var name = $"service {app.Name} ({app.Root})";
        if (app.Start.Value is not { } start)
            return (null, [$"{name}: no start command known ({app.Start.Rule}): not started"]);
        if (app.Start.Rule.EndsWith("-artefact", StringComparison.Ordinal))
            return (null, [$"{name}: the start command `{start}` runs the artefact the env image builds ({app.Start.Rule}); this run uses the host's toolchains and builds no image: not started"]);
        if (app.Port.Value is not { } portText || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return (null, [$"{name}: no port known ({app.Port.Rule}): not started"]);

        var notes = new List<string>();
        var folder = app.Root is "." or "" ? "" : app.Root.Trim('/');
        var prefix = folder.Length == 0 ? "" : folder + "/";
        var mine = endpoints.Where(e => e.File.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var gets = mine.Where(e => e.Method is "GET" or "ANY").DistinctBy(e => e.Path).ToList();
        var calls = new List<Call>();
        if (app.Health.Value is { } health && health.StartsWith('/'))
            calls.Add(new Call("GET", health, $"GET {health}", string.Join(", ", app.Health.Evidence)));
        foreach (var e in gets.Where(e => !e.Path.Contains('{', StringComparison.Ordinal)).OrderBy(e => e.Path, StringComparer.Ordinal))
            calls.Add(new Call("GET", e.Path, $"GET {e.Path}", $"{e.File}:{e.Line}"));
        var untyped = new List<string>();
        foreach (var e in gets.Where(e => e.Path.Contains('{', StringComparison.Ordinal)).OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            if (Fill(e) is { } filled)
                calls.Add(new Call("GET", filled, $"GET {e.Path} as {filled}", $"{e.File}:{e.Line}"));
            else
                untyped.Add(e.Path);
        }
        calls = [.. calls.DistinctBy(c => c.Path).Take(MaxCalls)];
        if (untyped.Count > 0)
            notes.Add($"{name}: {untyped.Count} GET endpoint(s) not called, a path parameter has no type to fill it from: {string.Join(", ", untyped.Take(5))}");
        if (mine.Count(e => e.Method is not ("GET" or "ANY")) is > 0 and var other)
            notes.Add($"{name}: {other} endpoint(s) with other methods not called (a smoke test changes nothing)");
        if (app.Stores.Count > 0)
            notes.Add($"{name}: its backing stores ({string.Join(", ", app.Stores.Select(s => s.Kind).Distinct())}) are not started; endpoints that need them may fail, and their 5xx count as failures");

        var (file, command) = SmokeWriter.Named("python3", "smoke_service", folder, ".py");
        var config = JsonSerializer.Serialize(new { start, port, wait = waitSeconds, calls, log = Path.ChangeExtension(file, ".log") }, Json);
        // Valid JSON never holds three quotes in a row, so a raw triple-quoted string keeps it as it is, readable.
        var script = Text().Replace("__CONFIG__", $"r\"\"\"\n{config}\n\"\"\"", StringComparison.Ordinal);
        return (new SmokeFile(file, script, command,
            $"starts the service with env/plan.json's start command `{start}` ({app.Start.Rule}), waits for port {port}, calls {calls.Count} GET endpoint(s) the graph found: no 5xx, no refused connection"), notes);
    }

    // A path whose every parameter the code types: integers get 1, strings x. An untyped parameter could be anything.
    private static string? Fill(KgEndpoint e)
    {
        var path = e.Path;
        foreach (var segment in path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')))
        {
            var name = segment[1..^1];
            var type = e.Parameters.FirstOrDefault(p => p.Name == name)?.Type?.Trim().ToLowerInvariant();
            var value = type switch
            {
                "int" or "integer" or "long" or "int32" or "int64" or "number" or "uint" or "u32" or "u64" or "i32" or "i64" or "usize" => "1",
                "str" or "string" or "slug" => "x",
                _ => null,
            };
            if (value is null)
                return null;
            path = path.Replace(segment, value, StringComparison.Ordinal);
        }
        return path.Contains('{', StringComparison.Ordinal) ? null : path;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Text()
    {
        using var stream = typeof(ServiceSmoke).Assembly.GetManifestResourceStream(Template)
            ?? throw new InvalidOperationException($"{Template} is not embedded in the Runner's assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Call(string Method, string Path, string Name, string Where);
}
