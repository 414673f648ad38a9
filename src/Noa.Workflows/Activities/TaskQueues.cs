namespace Noa.Workflows;

/// <summary>The names of the task queues (bus streams) of bus-dispatched activities.</summary>
public static class TaskQueues
{
    /// <summary>The <c>BusMessage.Type</c> of a task.</summary>
    public const string RunStage = "RunStage";

    /// <summary>The <c>BusMessage.Type</c> of a result.</summary>
    public const string StageResult = "StageResult";

    /// <summary>The consumer group of the stage workers on every task queue.</summary>
    public const string WorkerGroup = "workers";

    /// <summary>The consumer group an engine reads its result stream with.</summary>
    public const string EngineGroup = "engine";

    /// <summary>The task queue of a stage.</summary>
    public static string For(string stage) => $"tasks.{stage}";

    /// <summary>The stream an engine instance receives its results on (<c>tasks.results.{engine}</c>).</summary>
    public static string ResultsFor(string engineId) => $"tasks.results.{engineId}";
}
