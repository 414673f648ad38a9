using Noa.Abstractions.Graph;

namespace Noa.Stages.Integrator.Derived;

/// <summary>
/// Reads the endpoints of the Graph stage's kg.json through its contract (<see cref="KnowledgeGraph"/>): every <c>endpoint</c>
/// node with its <c>endpoint</c> facts, except those registered in files the graph scopes as tests, fixtures, benchmarks or
/// documentation (a test's throwaway <c>app.get</c> is not part of the API), and the type nodes the Graph gave fields (the
/// models the endpoints' bodies and responses name). Everything else in the graph is skipped.
/// </summary>
internal static class KgEndpoints
{
    public const string BundlePath = KnowledgeGraph.BundlePath;
    private static readonly KgFilter Wanted = KgFilter.Nodes("file", "endpoint", "class", "interface", "struct", "record", "type");
    private static readonly HashSet<string> NotApi = new(StringComparer.Ordinal) { "test", "fixture", "benchmark", "documentation" };

    /// <exception cref="InvalidDataException">kg.json is not JSON, not the version this build reads, or breaks its contract.</exception>
    /// <param name="Types">The type nodes with fields (those the endpoints' bodies and responses name), by id.</param>
    public sealed record Read(IReadOnlyList<KgEndpoint> Endpoints, int LeftOut, IReadOnlyDictionary<string, KgNode>? Types = null);

    /// <summary>The endpoints, and how many were left out for their file's scope.</summary>
    public static async Task<Read> ReadAsync(Stream kg, CancellationToken cancellationToken)
    {
        var nodes = (await KnowledgeGraph.ReadAsync(kg, Wanted, cancellationToken).ConfigureAwait(false)).Nodes;
        var skippedFiles = nodes
            .Where(n => n.Kind == "file" && n.File is not null && n.Properties?.GetValueOrDefault("scope") is { } scope && NotApi.Contains(scope))
            .Select(n => n.File!)
            .ToHashSet(StringComparer.Ordinal);
        var endpoints = new List<KgEndpoint>();
        var leftOut = 0;
        foreach (var node in nodes)
        {
            if (node.Kind != "endpoint" || node.Endpoint is not { } e || string.IsNullOrEmpty(e.Path))
                continue;
            if (skippedFiles.Contains(node.File ?? ""))
            {
                leftOut++;
                continue;
            }
            var parameters = (e.Parameters ?? []).Where(p => !string.IsNullOrEmpty(p.Name) && !string.IsNullOrEmpty(p.In))
                .Select(p => new KgParameter(p.Name, p.In, p.Type, p.Required)).ToList();
            endpoints.Add(new KgEndpoint(e.Method ?? "ANY", e.Path, e.Route ?? e.Path, parameters, node.File ?? "",
                node.Range?.StartLine ?? 1, node.Properties?.GetValueOrDefault("handler"), e.Body, e.Response, e.Security));
        }
        var types = nodes.Where(n => n.Fields is not null).GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return new Read(endpoints, leftOut, types);
    }
}
