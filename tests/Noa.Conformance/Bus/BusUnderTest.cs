using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>
/// A fresh bus and the means to let its leases run out: an in-process bus advances a fake clock, a
/// server-backed one uses a short real <see cref="Lease"/> and waits.
/// </summary>
/// <param name="Bus">The bus.</param>
/// <param name="Lease">The lease the suite uses in its reads.</param>
/// <param name="Elapse">Lets this much of the bus's time pass.</param>
public sealed record BusUnderTest(IMessageBus Bus, TimeSpan Lease, Func<TimeSpan, Task> Elapse);
