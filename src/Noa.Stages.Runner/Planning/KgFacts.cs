using System.Text.Json;

namespace Noa.Stages.Runner.Planning;

/// <summary>
/// What the Runner needs of the Graph stage's kg.json (schema <c>schemas/kg.schema.json</c>): its <c>task</c> nodes (the install,
/// build, test commands the repository documents or runs, with file and line), <c>endpoint</c> nodes (for a service's smoke test)
/// and <c>entrypoint</c> nodes. Every other node, edge and flow is skipped.
/// </summary>
internal sealed record KgFacts(IReadOnlyList<KgTask> Tasks, IReadOnlyList<KgEndpoint> Endpoints, IReadOnlyList<KgEntrypoint> Entrypoints)
{
    public const string BundlePath = "kg.json";
    private const int SupportedVersion = 1;

    public static KgFacts Empty { get; } = new([], [], []);

    /// <exception cref="InvalidDataException">kg.json is not the version this build reads, or not JSON.</exception>
    public static async Task<KgFacts> ReadAsync(Stream kg, CancellationToken cancellationToken)
    {
        Graph? graph;
        try
        {
            graph = await JsonSerializer.DeserializeAsync<Graph>(kg, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"kg.json does not follow its contract (schemas/kg.schema.json): {e.Message}", e);
        }
        if (graph is null)
            throw new InvalidDataException("kg.json is null.");
        if (graph.Version != SupportedVersion)
            throw new InvalidDataException($"kg.json is version {graph.Version}; this build reads version {SupportedVersion}: digest the source again.");
        var tasks = new List<KgTask>();
        var endpoints = new List<KgEndpoint>();
        var entrypoints = new List<KgEntrypoint>();
        foreach (var node in graph.Nodes ?? [])
        {
            var p = node.Properties ?? new Dictionary<string, string>();
            var line = node.Range is { Length: > 0 } r ? r[0] : 1;
            switch (node.Kind)
            {
                case "task" when p.TryGetValue("phase", out var phase) && p.TryGetValue("command", out var command):
                    tasks.Add(new KgTask(phase, command, Folder(p.GetValueOrDefault("cwd")), p.GetValueOrDefault("source") ?? "unknown",
                        node.File ?? "", line, p.GetValueOrDefault("missing"), p.TryGetValue("app", out var app) ? Folder(app) : null));
                    break;
                case "endpoint" when p.TryGetValue("method", out var method):
                    endpoints.Add(new KgEndpoint(method, node.Endpoint?.Path ?? p.GetValueOrDefault("route") ?? node.Name, node.File ?? "", line,
                        [.. (node.Endpoint?.Parameters ?? []).Where(q => q.In == "path").Select(q => new KgParameter(q.Name, q.Type))]));
                    break;
                case "entrypoint":
                    entrypoints.Add(new KgEntrypoint(p.GetValueOrDefault("kind") ?? "", node.File ?? "", p.GetValueOrDefault("role"),
                        p.GetValueOrDefault("command"), p.TryGetValue("cwd", out var cwd) ? Folder(cwd) : "", p.GetValueOrDefault("scope")));
                    break;
            }
        }
        return new KgFacts(tasks, endpoints, entrypoints);
    }

    // kg.json writes the root folder as "."; the Runner keeps folders as relative paths with "" for the root.
    private static string Folder(string? cwd) => cwd is null or "." ? "" : cwd.Trim('/');

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Graph(int Version, List<Node>? Nodes);

    private sealed record Node(string Id, string Kind, string Name, string? File, int[]? Range, Dictionary<string, string>? Properties, EndpointFacts? Endpoint);

    private sealed record EndpointFacts(string? Path, List<ParameterFacts>? Parameters);

    private sealed record ParameterFacts(string Name, string In, string? Type);
}

/// <summary>A <c>task</c> node of kg.json: a command the repository documents or runs.</summary>
/// <param name="Phase">install, build, test, run, lint or setup.</param>
/// <param name="Command">The command as written (Makefile targets as <c>make x</c>, npm scripts as <c>npm run x</c>).</param>
/// <param name="Cwd">The folder it runs in, relative to the root ("" for the root).</param>
/// <param name="Source">Where it was read: ci, makefile, justfile, package.json, readme, procfile, convention, ….</param>
/// <param name="File">The file that documents it.</param>
/// <param name="Line">The line there.</param>
/// <param name="Missing">A path it names that the source lacks (never run it), or null.</param>
/// <param name="App">The app folder it belongs to, or null.</param>
internal sealed record KgTask(string Phase, string Command, string Cwd, string Source, string File, int Line, string? Missing, string? App);

/// <summary>An <c>endpoint</c> node: method, full path (an OpenAPI template, <c>{name}</c> per parameter), where it is registered,
/// and its path parameters with the type the code declares (null when it declares none).</summary>
internal sealed record KgEndpoint(string Method, string Path, string File, int Line, IReadOnlyList<KgParameter> Parameters);

/// <summary>A path parameter of an endpoint and its declared type as written (<c>int</c>, <c>string</c>), or null.</summary>
internal sealed record KgParameter(string Name, string? Type);

/// <summary>An <c>entrypoint</c> node: what starts a program, and the command that does when known.</summary>
internal sealed record KgEntrypoint(string Kind, string File, string? Role, string? Command, string Cwd, string? Scope);
