using Noa.Abstractions;

namespace Noa.Stages.Env.Verify;

/// <summary>
/// Tags a built Dockerfile's <c>build</c> stage for the Runner: its toolchain and dependency layer, dev tools included (a production
/// run stage may leave them out: <c>npm ci --omit=dev</c>, no pytest). Every layer of it is in buildah's cache after the image's own
/// build, so this build only names it. The tag stays in this host's storage; the Runner removes it when its steps are done.
/// </summary>
internal static class BuildStage
{
    /// <summary>The stage every generated Dockerfile names (<see cref="Files.DockerfileWriter"/>).</summary>
    public const string Target = "build";

    /// <summary>In verify.json: the tag and image id kept, or why none was.</summary>
    public sealed record Kept(string? Reference, string? Id, string? Reason);

    public static async Task<Kept> TagAsync(IImageBuilder builder, string context, string dockerfile, string imageTag, CancellationToken cancellationToken)
    {
        var tag = imageTag[..imageTag.LastIndexOf(':')] + "-build:1";
        var built = await builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context, Dockerfile = dockerfile, Target = Target, Tags = [tag], Network = true },
            null, cancellationToken).ConfigureAwait(false);
        return built.Succeeded ? new Kept(tag, built.ImageId, null) : new Kept(null, null, $"the build stage could not be tagged: {built.Error}");
    }
}
