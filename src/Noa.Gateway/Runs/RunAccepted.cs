using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>The answer to <c>POST /digest</c> and <c>POST /runs/{id}/cancel</c>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="State">Its state now.</param>
/// <param name="Location">Where to follow it.</param>
/// <param name="Events">Its server-sent events.</param>
internal sealed record RunAccepted(string RunId, RunState State, string Location, string Events);
