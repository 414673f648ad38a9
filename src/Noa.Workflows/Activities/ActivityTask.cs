using Noa.Abstractions;

namespace Noa.Workflows;

/// <summary>The body of a <see cref="TaskQueues.RunStage"/> task: one attempt of one stage of a run, as the engine started it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Stage">The stage to execute.</param>
/// <param name="Attempt">The attempt number; a redelivered task executes the same attempt again.</param>
/// <param name="StartedAt">When the engine started the attempt (kept on the attempt record).</param>
/// <param name="StartToCloseTimeout">The limit of one execution.</param>
/// <param name="Request">The run's request.</param>
/// <param name="ReplyTo">The stream the engine waits for the result on.</param>
internal sealed record ActivityTask(string RunId, string Stage, int Attempt, DateTimeOffset StartedAt, TimeSpan StartToCloseTimeout,
    DigestRequest Request, string ReplyTo);
