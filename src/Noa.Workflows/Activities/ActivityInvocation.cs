using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>One attempt to dispatch: the stage, its run, the attempt as recorded when it started, and its time limit.</summary>
internal sealed record ActivityInvocation(IStageDefinition Stage, RunExecution Run, EngineServices Services, StageAttempt Attempt, TimeSpan Timeout);
