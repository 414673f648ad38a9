using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>What every run of the engine shares: the stores, the bus, the clock, the options, the activity slots, where activities execute, and the spans and metrics.</summary>
internal sealed record EngineServices(
    IRunStore Runs,
    IAuditLog Audit,
    IArtifactStore Artifacts,
    IMessageBus Bus,
    TimeProvider Time,
    WorkflowOptions Options,
    SemaphoreSlim ActivitySlots,
    ILogger Logger,
    IActivityDispatcher Dispatcher,
    WorkflowTelemetry Telemetry);
