namespace Noa.Stages.Runner.Execution;

/// <summary>
/// An Env Synthesis image an app's steps run in: its Dockerfile's <c>build</c> stage (<see cref="Noa.Abstractions.Env.EnvBuildStage"/>),
/// as this host's image storage holds it.
/// </summary>
/// <param name="App">The app (its <c>env/apps/</c> folder).</param>
/// <param name="Root">Its folder, relative to the source's root ("" for the root).</param>
/// <param name="Reference">The local tag.</param>
/// <param name="Id">The image id (<c>sha256:</c> and its configuration's digest).</param>
/// <param name="Path">The image's own <c>PATH</c> (a Python venv's <c>/venv/bin</c> first), which the Runner's additions go around.</param>
internal sealed record StepImage(string App, string Root, string Reference, string Id, string Path)
{
    /// <summary>How a person runs a command in it from the source's root (the tag lives only while the run does, so it is rebuilt first).</summary>
    public string Reproduce(string cwd, string command) =>
        $"buildah build --target build -t noa-{App}-build -f env/apps/{App}/Dockerfile . && "
        + $"podman run --rm --network none -v \"$PWD:/workspace\" -w /workspace{(cwd is "." or "" ? "" : "/" + cwd)} noa-{App}-build sh -c '{command.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
