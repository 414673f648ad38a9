using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Workflows;

public sealed partial class WorkflowEngine
{
    private static partial class Log
    {
        [LoggerMessage(LogEvents.RunStarted, LogLevel.Information, "Run {RunId} of {Workflow} started for {Source}")]
        public static partial void RunStarted(ILogger logger, string runId, string workflow, string source);

        [LoggerMessage(LogEvents.RunCompleted, LogLevel.Information, "Run {RunId} ended {State}: {Reason}")]
        public static partial void RunCompleted(ILogger logger, string runId, RunState state, string? reason);

        [LoggerMessage(LogEvents.RunResumed, LogLevel.Information, "Run {RunId} resumed")]
        public static partial void RunResumed(ILogger logger, string runId);

        [LoggerMessage(LogEvents.AttemptAbandoned, LogLevel.Warning, "Run {RunId}: attempt {Attempt} of stage {Stage} was abandoned by a stopped process")]
        public static partial void AttemptAbandoned(ILogger logger, string runId, string stage, int attempt);

        [LoggerMessage(LogEvents.WorkspaceNotDeleted, LogLevel.Warning, "Could not delete workspace {Folder}")]
        public static partial void WorkspaceNotDeleted(ILogger logger, Exception exception, string folder);

        [LoggerMessage(LogEvents.RunCrashed, LogLevel.Error, "Run {RunId} stopped on an unexpected error")]
        public static partial void RunCrashed(ILogger logger, Exception exception, string runId);

        [LoggerMessage(LogEvents.RunEndedOrphaned, LogLevel.Warning, "Run {RunId}, which no live process executed, ended {State}: {Reason}")]
        public static partial void RunEndedOrphaned(ILogger logger, string runId, RunState state, string reason);

        [LoggerMessage(LogEvents.RunInterrupted, LogLevel.Information, "Run {RunId} interrupted: this process is stopping; a run scheduler resumes it")]
        public static partial void RunInterrupted(ILogger logger, string runId);

        [LoggerMessage(LogEvents.RunLeaseNotReleased, LogLevel.Warning, "Run {RunId}: could not give up its lease; it runs out by itself")]
        public static partial void RunLeaseNotReleased(ILogger logger, Exception exception, string runId);

        [LoggerMessage(LogEvents.RunNotRecorded, LogLevel.Error, "Run {RunId}: could not record its failure; its lease runs out and a run scheduler fails it")]
        public static partial void RunNotRecorded(ILogger logger, Exception exception, string runId);
    }
}
