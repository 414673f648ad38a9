using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>A fresh delay queue and its clock: an in-process queue advances a fake clock, a server-backed one waits.</summary>
/// <param name="Queue">The queue.</param>
/// <param name="Now">The queue's current time.</param>
/// <param name="Step">A delay the suite uses for due times and leases: long on a fake clock, short in real time.</param>
/// <param name="Elapse">Lets this much of the queue's time pass.</param>
public sealed record DelayQueueUnderTest(IDelayQueue Queue, Func<DateTimeOffset> Now, TimeSpan Step, Func<TimeSpan, Task> Elapse);
