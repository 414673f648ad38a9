using Noa.Abstractions;

namespace Noa.EventBus.InProcess;

/// <summary>One appended message and its position in the stream.</summary>
internal sealed record StreamEntry(long Index, string Id, BusMessage Message);
