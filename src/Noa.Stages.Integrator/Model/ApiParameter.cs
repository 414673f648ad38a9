namespace Noa.Stages.Integrator.Model;

/// <summary>A path, query, header or cookie parameter of an operation, under its wire name.</summary>
internal sealed record ApiParameter(string WireName, ParameterLocation In, TypeRef Type, bool Required, string? Description);
