using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Noa.Abstractions.Profiles;

/// <summary>Reads and writes an artifact through its contract; one place for the version check and the error a bad artifact gives.</summary>
internal static class ArtifactReader
{
    public static async Task<T?> ReadAsync<T>(IRunArtifacts artifacts, string path, JsonTypeInfo<T> type, Func<T, int> version, int current,
        CancellationToken cancellationToken) where T : class
    {
        var stream = await artifacts.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
            return null;
        await using (stream.ConfigureAwait(false))
            return await ReadAsync(stream, path, type, version, current, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<T> ReadAsync<T>(Stream stream, string path, JsonTypeInfo<T> type, Func<T, int> version, int current,
        CancellationToken cancellationToken) where T : class
    {
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw Broken(path, current, e);
        }
        return Checked(value, path, version, current);
    }

    public static T Read<T>(Stream stream, string path, JsonTypeInfo<T> type, Func<T, int> version, int current) where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(stream, type);
        }
        catch (JsonException e)
        {
            throw Broken(path, current, e);
        }
        return Checked(value, path, version, current);
    }

    public static InvalidDataException Broken(string path, int current, JsonException e) =>
        new($"{path} does not follow its contract (version {current}, schemas/): {e.Message}", e);

    private static T Checked<T>(T? value, string path, Func<T, int> version, int current) where T : class
    {
        if (value is null)
            throw new InvalidDataException($"{path} is null.");
        CheckVersion(path, version(value), current);
        return value;
    }

    public static void CheckVersion(string path, int version, int current)
    {
        if (version != current)
            throw new InvalidDataException($"{path} is version {version}; this build reads version {current}: digest the source again.");
    }
}
