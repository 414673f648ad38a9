using System.Text.Encodings.Web;
using System.Text.Json;

namespace Noa.Abstractions;

/// <summary>The one way manifests and indexes are written and read: compact, fields in declaration order, so the bytes pushed are the bytes hashed.</summary>
public static class OciJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        // Media types keep their '+' ("…manifest.v1+json"), as every other OCI client writes them; never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises a manifest or index to the bytes that will be stored and hashed.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Parses stored bytes.</summary>
    /// <exception cref="InvalidDataException">They are not a valid document of that type.</exception>
    public static T Parse<T>(ReadOnlySpan<byte> content) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(content, Options) ?? throw new InvalidDataException($"an OCI {typeof(T).Name} was null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a valid OCI {typeof(T).Name}: {e.Message}", e);
        }
    }
}
