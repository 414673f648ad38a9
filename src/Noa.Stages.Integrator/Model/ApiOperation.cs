namespace Noa.Stages.Integrator.Model;

/// <summary>One operation (method + path) of the API.</summary>
internal sealed class ApiOperation
{
    /// <summary>The spec's <c>operationId</c>, or one derived from method and path when it has none or repeats one.</summary>
    public required string Id { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Deprecated { get; init; }

    public List<ApiParameter> Parameters { get; } = [];

    public ApiBody Body { get; set; } = ApiBody.None;

    public List<ApiResponse> Responses { get; } = [];

    /// <summary>Alternatives (any one suffices), each a set of scheme name → scopes (all required). Empty: no auth.</summary>
    public List<IReadOnlyDictionary<string, IReadOnlyList<string>>> Security { get; } = [];

    public PagingHint? Paging { get; set; }

    /// <summary>Where the operation was found when the spec was derived from code (<c>file:line</c>); null for a given spec.</summary>
    public string? Evidence { get; init; }

    /// <summary>The body of the first success response, or none.</summary>
    public ApiBody Success => Responses.FirstOrDefault(r => r.IsSuccess && r.Body.Kind != BodyKind.None)?.Body ?? ApiBody.None;
}
