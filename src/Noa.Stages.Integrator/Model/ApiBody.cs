namespace Noa.Stages.Integrator.Model;

/// <summary>A request or response body: the media type chosen among those the spec lists, its encoding and type.</summary>
internal sealed record ApiBody(BodyKind Kind, string MediaType, TypeRef Type, bool Required = true, string? Description = null)
{
    public static readonly ApiBody None = new(BodyKind.None, "", TypeRef.Any, false);
}
