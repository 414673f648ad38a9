using Noa.Abstractions.Graph;

namespace Noa.Stages.Runner.Planning;

/// <summary>
/// What the Runner needs of the Graph stage's kg.json, read through its contract (<see cref="KnowledgeGraph"/>): its <c>task</c> nodes (the install,
/// build, test commands the repository documents or runs, with file and line), <c>endpoint</c> nodes (for a service's smoke test)
/// and <c>entrypoint</c> nodes. Every other node, edge and flow is skipped.
/// </summary>
internal sealed record KgFacts(IReadOnlyList<KgTask> Tasks, IReadOnlyList<KgEndpoint> Endpoints, IReadOnlyList<KgEntrypoint> Entrypoints)
{
    public const string BundlePath = KnowledgeGraph.BundlePath;

    public static KgFacts Empty { get; } = new([], [], []);

    private static readonly KgFilter Wanted = KgFilter.Nodes("task", "endpoint", "entrypoint");

    /// <exception cref="InvalidDataException">kg.json is not the version this build reads, or not JSON.</exception>
    public static async Task<KgFacts> ReadAsync(Stream kg, CancellationToken cancellationToken)
    {
        var tasks = new List<KgTask>();
        var endpoints = new List<KgEndpoint>();
        var entrypoints = new List<KgEntrypoint>();
        foreach (var node in (await KnowledgeGraph.ReadAsync(kg, Wanted, cancellationToken).ConfigureAwait(false)).Nodes)
        {
            IReadOnlyDictionary<string, string> p = node.Properties ?? NoProperties;
            var line = node.Range?.StartLine ?? 1;
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

    private static readonly SortedDictionary<string, string> NoProperties = new(StringComparer.Ordinal);

    // kg.json writes the root folder as "."; the Runner keeps folders as relative paths with "" for the root.
    private static string Folder(string? cwd) => cwd is null or "." ? "" : cwd.Trim('/');
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
