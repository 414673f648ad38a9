using System.Text.Json;

namespace Noa.Abstractions.Env;

/// <summary>
/// An app's Dockerfile <c>build</c> stage as Env Synthesis kept it for the Runner (<c>env/verify.json</c>, each app's <c>root</c> and
/// <c>buildStage</c>): the image with the toolchain and the dependency layer the Dockerfile installs, dev tools included, which the
/// production run stage may leave out. It lives in the image storage of the host that built it until the Runner removes it.
/// </summary>
/// <param name="App">The app's name as verify.json writes it (its <c>env/apps/</c> folder).</param>
/// <param name="Root">The app's folder, relative to the source's root (<c>.</c> for the root).</param>
/// <param name="Reference">The local tag (<c>localhost/noa-env/RUN-APP-build:1</c>); null when none was kept.</param>
/// <param name="Id">The image id (<c>sha256:</c> and its configuration's digest), as built.</param>
/// <param name="Reason">Why no build stage was kept (the image was not built, the tag failed, keeping is off).</param>
public sealed record EnvBuildStage(string App, string Root, string? Reference, string? Id, string? Reason)
{
    /// <summary>Bundle path of the report it is read from.</summary>
    public const string BundlePath = "env/verify.json";

    /// <summary>
    /// Every app of verify.json with its build stage, or the reason there is none; empty when nothing was verified (no builder, verify
    /// off), whose reason is <paramref name="json"/>'s <c>notVerified</c>. <see cref="InvalidDataException"/> names what is malformed.
    /// </summary>
    public static async Task<(IReadOnlyList<EnvBuildStage> Apps, string? NotVerified)> ReadAsync(Stream json, CancellationToken cancellationToken = default)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(json, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            var notVerified = root.TryGetProperty("notVerified", out var nv) ? nv.GetString() : null;
            var apps = new List<EnvBuildStage>();
            if (root.TryGetProperty("apps", out var list))
                foreach (var app in list.EnumerateArray())
                {
                    var name = app.GetProperty("name").GetString() ?? throw new InvalidDataException($"{BundlePath}: an app has no name.");
                    var folder = app.TryGetProperty("root", out var r) ? r.GetString() ?? "." : ".";
                    if (!app.GetProperty("built").GetBoolean())
                    {
                        apps.Add(new(name, folder, null, null, "Env Synthesis did not build its image: " + (app.TryGetProperty("reason", out var why) ? why.GetString() : "no reason given")));
                        continue;
                    }
                    if (!app.TryGetProperty("buildStage", out var stage))
                    {
                        apps.Add(new(name, folder, null, null, "Env Synthesis kept no build stage (Noa:Env:KeepBuildStage is off, or an older verify.json)"));
                        continue;
                    }
                    apps.Add(new(name, folder, stage.TryGetProperty("reference", out var re) ? re.GetString() : null, stage.TryGetProperty("id", out var id) ? id.GetString() : null,
                        stage.TryGetProperty("reason", out var sr) ? sr.GetString() : null));
                }
            return (apps, notVerified);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{BundlePath} is not Env Synthesis's verify report: {e.Message}", e);
        }
    }
}
