using System.Text.Json.Serialization;

namespace Noa.Stages.Registrar;

/// <summary>One signature of a <see cref="Dsse"/> envelope.</summary>
internal sealed record DsseSignature
{
    [JsonPropertyName("keyid")]
    public string KeyId { get; init; } = "";

    [JsonPropertyName("sig")]
    public required string Sig { get; init; }
}
