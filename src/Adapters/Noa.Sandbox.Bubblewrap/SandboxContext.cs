using Microsoft.Extensions.Logging;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>What every sandbox of one <see cref="BubblewrapSandbox"/> shares.</summary>
internal sealed record SandboxContext(BubblewrapSettings Settings, TimeProvider Time, ILogger Logger);
