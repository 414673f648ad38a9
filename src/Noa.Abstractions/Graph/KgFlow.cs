namespace Noa.Abstractions.Graph;

/// <summary>What an endpoint reaches along calls.</summary>
/// <param name="Endpoint">Endpoint node id.</param>
/// <param name="Handler">Handler node id.</param>
/// <param name="Config">Env/config nodes read on the way.</param>
/// <param name="Stores">Store nodes read or written on the way.</param>
/// <param name="Services">External services called on the way.</param>
public sealed record KgFlow(string Endpoint, string Handler, IReadOnlyList<string> Config, IReadOnlyList<string> Stores, IReadOnlyList<string> Services);
