namespace Noa.Abstractions.Env;

/// <summary>A store or broker an app needs running beside it (the graph's <c>store:KIND</c> facts).</summary>
/// <param name="Kind">postgres, mysql, redis, mongodb, rabbitmq, kafka, nats, elasticsearch, s3, sqlserver; <c>sql</c> when the
/// driver could not be told.</param>
/// <param name="Image">The image compose and Kubernetes start it from, or null when the kind needs none here (sqlite) or is unknown.</param>
/// <param name="Port">Its usual port.</param>
/// <param name="Confidence">0–1.</param>
/// <param name="Evidence">Where the code uses it (<c>file:line</c> or <c>file</c>).</param>
public sealed record BackingStore(string Kind, string? Image, int? Port, double Confidence, IReadOnlyList<string> Evidence);
