namespace Noa.Stages.Env.Planning;

/// <summary>What the Dockerfile needs beyond the plan's decisions: the files of the dependency layer (copied before the source) and
/// what the build stage hands to the run stage.</summary>
/// <param name="DependencyFiles">Paths relative to the repository root, copied (to the same place under <c>/src</c>) before the install.</param>
/// <param name="Artifact">What the run stage copies from the build stage: null for the whole working folder (interpreted
/// languages), else a file under <c>/out</c> (a binary, a jar) or <c>/out/</c> (a publish folder).</param>
/// <param name="RunFiles">Source files (relative to the repository root) the run stage copies into <c>/app/</c> beside the artefact:
/// a configuration file the start command passes (<see cref="ConfigFlagRule"/>).</param>
/// <param name="Written">A file the start passes that the docs give the content of (<see cref="RequiredFileRule"/>): rendered beside the
/// Dockerfile and copied into the app's working folder.</param>
internal sealed record Recipe(IReadOnlyList<string> DependencyFiles, string? Artifact, IReadOnlyList<string>? RunFiles = null, RequiredFileRule.Written? Written = null);
