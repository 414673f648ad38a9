using Noa.Abstractions;
using Noa.Abstractions.Env;

namespace Noa.Stages.Runner.Execution;

/// <summary>
/// Which Env Synthesis image each folder's steps run in: the build stage Env kept for the app whose folder holds it (the deepest
/// one), when this host's image storage still has it under the id Env built; otherwise the host's toolchains, and why.
/// </summary>
internal sealed class StepImages
{
    private readonly List<StepImage> _images;
    private readonly List<(string Root, string Why)> _host;
    private readonly string _otherwise;

    private StepImages(List<StepImage> images, List<(string Root, string Why)> host, string otherwise) => (_images, _host, _otherwise) = (images, host, otherwise);

    /// <summary>No image for any folder, and why (no env/verify.json, Env did not verify, this process has no image builder).</summary>
    public static StepImages None(string why) => new([], [], why);

    public IReadOnlyList<StepImage> All => _images;

    /// <summary>Per app, where its steps run and why (runner.json's notes).</summary>
    public IEnumerable<string> Notes => _images.Select(i => $"{i.App} ({Show(i.Root)}): steps run in {i.Reference} ({i.Id}), the build stage of env/apps/{i.App}/Dockerfile")
        .Concat(_host.Select(h => $"{Show(h.Root)}: steps run on the host's toolchains: {h.Why}"));

    /// <summary>The image the steps of <paramref name="cwd"/> run in, or null for the host's toolchains.</summary>
    public StepImage? For(string cwd) => _images.Where(i => Holds(i.Root, cwd)).MaxBy(i => i.Root.Length);

    /// <summary>Why the steps of <paramref name="cwd"/> run on the host's toolchains.</summary>
    public string HostReason(string cwd) => _host.Where(h => Holds(h.Root, cwd)).OrderByDescending(h => h.Root.Length).Select(h => h.Why).FirstOrDefault() ?? _otherwise;

    public static async Task<StepImages> ResolveAsync(IReadOnlyList<EnvBuildStage> stages, IImageBuilder images, CancellationToken cancellationToken)
    {
        var found = new List<StepImage>();
        var host = new List<(string, string)>();
        foreach (var stage in stages)
        {
            var root = stage.Root is "." ? "" : stage.Root.Trim('/');
            if (stage.Reference is null)
            {
                host.Add((root, stage.Reason ?? "Env Synthesis kept no image"));
                continue;
            }
            var info = await images.InspectAsync(stage.Reference, cancellationToken).ConfigureAwait(false);
            if (info is null || (stage.Id is not null && info.Id != stage.Id))
            {
                host.Add((root, $"its build stage {stage.Reference} is {(info is null ? "not in this host's image storage (Env Synthesis ran on another worker, or it was removed)" : $"another image now ({info.Id}, not {stage.Id})")}"));
                continue;
            }
            var path = info.Config.Env.Select(e => e.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "PATH")?[1]
                ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
            found.Add(new StepImage(stage.App, root, stage.Reference, info.Id, path));
        }
        return new StepImages(found, host, "no app of env/verify.json holds this folder");
    }

    private static bool Holds(string root, string cwd) => root.Length == 0 || cwd == root || cwd.StartsWith(root + "/", StringComparison.Ordinal);

    private static string Show(string root) => root.Length == 0 ? "." : root;
}
