namespace Noa.Stages.Integrator.Model;

/// <summary>One property of an object schema, under its name on the wire.</summary>
internal sealed record ApiProperty(string WireName, TypeRef Type, bool Required, string? Description, bool ReadOnly = false, bool WriteOnly = false);
