namespace Noa.Abstractions;

/// <summary>A message on a stream: a type name and a JSON body, plus string headers.</summary>
/// <param name="Type">Past-tense event name or task type, e.g. <c>StageCompleted</c>, <c>RunStage</c>.</param>
/// <param name="Body">JSON payload.</param>
/// <param name="Headers">Optional headers (run id, trace context).</param>
public sealed record BusMessage(string Type, string Body, IReadOnlyDictionary<string, string>? Headers = null);
