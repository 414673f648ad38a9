namespace Noa.Abstractions.Graph;

/// <summary>A node of <c>kg.json</c>.</summary>
public sealed class KgNode
{
    /// <summary>SCIP-style symbol for code (<c>noa pypi . . requests/`api.py`/get().</c>); <c>kind:value</c> for surface nodes.</summary>
    public required string Id { get; init; }

    /// <summary>directory, file, a definition kind, endpoint, env, config, flag, command, store, service, external, script.</summary>
    public required string Kind { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Language id, for code.</summary>
    public string? Language { get; init; }

    /// <summary>Path of the file it is in (or is).</summary>
    public string? File { get; init; }

    /// <summary>Where in the file.</summary>
    public TextRange? Range { get; init; }

    /// <summary>Doc comment summary.</summary>
    public string? Doc { get; init; }

    /// <summary>Declaration header.</summary>
    public string? Signature { get; init; }

    /// <summary>test, entry, partial (parsed with errors), exported.</summary>
    public List<string>? Flags { get; set; }

    /// <summary>Kind-specific facts (an endpoint's method and route, a script's command).</summary>
    public SortedDictionary<string, string>? Properties { get; set; }

    /// <summary>For endpoints: the full path, parameters and how the path was composed.</summary>
    public KgEndpoint? Endpoint { get; init; }

    /// <summary>For a type an endpoint's body or response names (or one of their fields does): its fields, with its
    /// bases' fields.</summary>
    public List<KgField>? Fields { get; set; }
}
