using Microsoft.AspNetCore.Builder;

namespace Noa.Hosting;

/// <summary>
/// How an active module adds to the HTTP pipeline of <c>noa serve</c>: its middleware and endpoints.
/// Registered by the module (<see cref="ModuleEndpointExtensions.AddModuleEndpoints"/>) and run, in
/// registration order, by <see cref="ModuleEndpointExtensions.MapModules"/>.
/// </summary>
/// <param name="Map">Adds the module's middleware and endpoints to the application.</param>
public sealed record ModuleEndpoints(Action<WebApplication> Map);
