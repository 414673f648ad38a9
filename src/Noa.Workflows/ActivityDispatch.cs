namespace Noa.Workflows;

/// <summary>Where the engine executes activities (configuration <c>Noa:Workflows:Dispatch</c>).</summary>
public enum ActivityDispatch
{
    /// <summary>In the engine's process, on its activity slots (the default; what <c>noa digest</c> does).</summary>
    InProcess,

    /// <summary>On the task queue <c>tasks.{stage}</c>, executed by the stage workers of any process (split topology).</summary>
    Bus,
}
