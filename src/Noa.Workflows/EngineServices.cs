using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>What every run of the engine shares: the stores, the bus, the clock, the options and the activity slots.</summary>
internal sealed record EngineServices(
    IRunStore Runs,
    IAuditLog Audit,
    IArtifactStore Artifacts,
    IMessageBus Bus,
    TimeProvider Time,
    WorkflowOptions Options,
    SemaphoreSlim ActivitySlots,
    ILogger Logger);
