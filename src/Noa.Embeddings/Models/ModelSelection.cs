namespace Noa.Embeddings.Models;

/// <summary>The model chosen for a kind of content and why, for the audit trail.</summary>
/// <param name="Kind">Content kind.</param>
/// <param name="Spec">The chosen model.</param>
/// <param name="ModelId">Stable id of the model; vectors are keyed by (chunk content hash, model id).</param>
/// <param name="Reason">Which setting decided, in words.</param>
public sealed record ModelSelection(ContentKind Kind, EmbeddingModelSpec Spec, string ModelId, string Reason);
