using Noa.Abstractions.Profiles;

namespace Noa.Abstractions.Graph;

/// <summary>
/// The Graph Extract stage's knowledge graph, <c>kg.json</c> (schema: <c>schemas/kg.schema.json</c>): written and read only
/// through this contract, by the Graph stage and by every stage after it.
/// </summary>
public sealed class KnowledgeGraph
{
    /// <summary>Bundle path of the artifact.</summary>
    public const string BundlePath = "kg.json";

    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    // Settable, not init: System.Text.Json's generated code sets every init property, to null when the JSON lacks it, and a
    // kg.json without a list must read as an empty one.

    /// <summary>Counts.</summary>
    public KgStats Stats { get; set; } = new();

    /// <summary>Nodes, sorted by id.</summary>
    public List<KgNode> Nodes { get; set; } = [];

    /// <summary>Edges, sorted.</summary>
    public List<KgEdge> Edges { get; set; } = [];

    /// <summary>Data flow from each endpoint along calls.</summary>
    public List<KgFlow> Flows { get; set; } = [];

    /// <summary>Files not in the graph that a reader would expect there (too large, minified, binary, timed out).</summary>
    public List<KgSkipped> Skipped { get; set; } = [];

    /// <summary>Writes the graph as UTF-8 JSON, one node or edge per line; the same graph always gives the same bytes.</summary>
    public void WriteTo(Stream output) => KgJson.Write(this, output);

    /// <summary>Reads the whole graph.</summary>
    /// <exception cref="InvalidDataException">It is not JSON, not this version, or breaks the contract; the message names kg.json.</exception>
    public static KnowledgeGraph Read(Stream json) =>
        ArtifactReader.Read(json, BundlePath, KgJson.Readable.KnowledgeGraph, g => g.Version, CurrentVersion);

    /// <summary>The run's graph, whole; null when the run has none (the Graph stage did not run).</summary>
    /// <exception cref="InvalidDataException">It is not JSON, not this version, or breaks the contract; the message names kg.json.</exception>
    public static Task<KnowledgeGraph?> ReadAsync(IRunArtifacts artifacts, CancellationToken cancellationToken) =>
        ReadAsync(artifacts, KgFilter.All, cancellationToken);

    /// <summary>What the filter keeps of the run's graph; null when the run has none (the Graph stage did not run).</summary>
    /// <exception cref="InvalidDataException">It is not JSON, not this version, or breaks the contract; the message names kg.json.</exception>
    public static async Task<KnowledgeGraph?> ReadAsync(IRunArtifacts artifacts, KgFilter filter, CancellationToken cancellationToken)
    {
        var stream = await artifacts.OpenReadAsync(BundlePath, cancellationToken).ConfigureAwait(false);
        if (stream is null)
            return null;
        await using (stream.ConfigureAwait(false))
            return await ReadAsync(stream, filter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads what the filter keeps as the JSON streams in: a node or edge of a kind left out is passed over without being built,
    /// and a list left out is never held (most of a large source's graph, hundreds of MB, is CALLS, DEFINES and REFERENCES edges).
    /// Lists keep their order in the file.
    /// </summary>
    /// <exception cref="InvalidDataException">It is not JSON, not this version, or breaks the contract; the message names kg.json.</exception>
    public static Task<KnowledgeGraph> ReadAsync(Stream json, KgFilter filter, CancellationToken cancellationToken = default) =>
        KgStreamReader.ReadAsync(json, filter, cancellationToken);
}
