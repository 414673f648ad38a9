namespace Noa.Stages.Integrator.Model;

/// <summary>One declared response: a status code (<c>200</c>, <c>2XX</c>, <c>default</c>) and its body.</summary>
internal sealed record ApiResponse(string Status, ApiBody Body, string? Description)
{
    public bool IsSuccess => Status.StartsWith('2');
}
