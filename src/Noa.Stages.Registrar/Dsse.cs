using System.Text;
using System.Text.Json.Serialization;

namespace Noa.Stages.Registrar;

/// <summary>
/// A DSSE envelope (secure-systems-lab/dsse v1): the payload is signed through its pre-authentication encoding,
/// <c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>, so the type is signed with the payload.
/// </summary>
internal sealed record Dsse
{
    [JsonPropertyName("payloadType")]
    public required string PayloadType { get; init; }

    [JsonPropertyName("payload")]
    public required string Payload { get; init; }

    [JsonPropertyName("signatures")]
    public required IReadOnlyList<DsseSignature> Signatures { get; init; }

    public static Dsse Sign(string payloadType, byte[] payload, SigningKey key) => new()
    {
        PayloadType = payloadType,
        Payload = Convert.ToBase64String(payload),
        Signatures = [new DsseSignature { KeyId = key.KeyId, Sig = Convert.ToBase64String(key.Sign(Pae(payloadType, payload))) }],
    };

    /// <summary>Whether one signature verifies under <paramref name="key"/>.</summary>
    public bool VerifiedBy(SigningKey key)
    {
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(Payload);
        }
        catch (FormatException)
        {
            return false;
        }
        var pae = Pae(PayloadType, payload);
        foreach (var signature in Signatures)
        {
            try
            {
                if (key.Verify(pae, Convert.FromBase64String(signature.Sig)))
                    return true;
            }
            catch (FormatException)
            {
                // A signature that is not base64 verifies nothing; another may.
            }
        }
        return false;
    }

    public static byte[] Pae(string type, byte[] body)
    {
        var typeBytes = Encoding.UTF8.GetBytes(type);
        var head = Encoding.UTF8.GetBytes($"DSSEv1 {typeBytes.Length} {type} {body.Length} ");
        return [.. head, .. body];
    }
}
