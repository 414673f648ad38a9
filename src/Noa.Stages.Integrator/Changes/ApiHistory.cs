using System.Text;
using System.Text.Json;
using Noa.Abstractions;
using Noa.Stages.Integrator.Model;

namespace Noa.Stages.Integrator.Changes;

/// <summary>
/// Keeps an API's history across digests of the same source: writes this digest's <c>api.json</c> snapshot, and when an
/// earlier run of the source left one, compares the two, writes <c>changes.json</c> and the <c>CHANGELOG.md</c> entry, and
/// sets the SDK version the generators write (the earlier SDK version bumped by the change, see <see cref="SdkVersion"/>).
/// </summary>
internal static class ApiHistory
{
    public sealed record Outcome(string SdkVersion, string? PreviousRun, ChangeLevel? Level, int Changes);

    public static async Task<Outcome> RecordAsync(StageContext context, PreviousDigest previous, string folder, ApiModel model, CancellationToken cancellationToken)
    {
        var snapshot = ApiSnapshot.Of(model);
        var outcome = new Outcome(model.Version, null, null, 0);
        var found = await previous.OpenAsync(context, $"{folder}/{ApiSnapshot.FileName}", cancellationToken).ConfigureAwait(false);
        if (found is { } f)
        {
            ApiSnapshot? before = null;
            await using (f.Content.ConfigureAwait(false))
            {
                try
                {
                    before = await JsonSerializer.DeserializeAsync<ApiSnapshot>(f.Content, ApiSnapshot.Json, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    model.Problems.Add($"{folder}/{ApiSnapshot.FileName} of run {f.RunId} cannot be read, so no changelog: {e.Message}");
                }
            }
            if (before is { SchemaVersion: 1 })
            {
                var changes = ApiDiff.Compare(before, snapshot);
                var level = Changelog.LevelOf(changes);
                var version = SdkVersion.Next(before.SdkVersion, level, model.Version);
                var document = new Changelog.Document(f.RunId, before.SdkVersion, version, level, changes);
                await WriteAsync(context, $"{folder}/{Changelog.JsonName}", JsonSerializer.Serialize(document, Changelog.Json) + "\n", "application/json", cancellationToken).ConfigureAwait(false);
                string? earlier = null;
                if (await previous.OpenAsync(context, $"{folder}/{Changelog.MarkdownName}", cancellationToken).ConfigureAwait(false) is { } old)
                    await using (old.Content.ConfigureAwait(false))
                    using (var reader = new StreamReader(old.Content, Encoding.UTF8))
                        earlier = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                if (changes.Count > 0 || earlier is not null)
                    await WriteAsync(context, $"{folder}/{Changelog.MarkdownName}", Changelog.Markdown(model.Title, document, context.Time.GetUtcNow(), earlier), "text/markdown", cancellationToken).ConfigureAwait(false);
                outcome = new Outcome(version, f.RunId, level, changes.Count);
            }
        }
        model.Version = outcome.SdkVersion;
        await WriteAsync(context, $"{folder}/{ApiSnapshot.FileName}", JsonSerializer.Serialize(snapshot with { SdkVersion = outcome.SdkVersion }, ApiSnapshot.Json) + "\n", "application/json", cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private static async Task WriteAsync(StageContext context, string path, string text, string mediaType, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await context.Artifacts.WriteAsync(path, content, mediaType, cancellationToken).ConfigureAwait(false);
    }
}
