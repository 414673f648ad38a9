namespace Noa.Stages.Env.Tests;

/// <summary>
/// The test classes that build images with buildah and start them in capsules run one at a time: they share one buildah store,
/// where each proof builds (with cached layers) and removes its image while the others build. In parallel, two of four full runs
/// of this assembly had one build fail at random (StartBudgetTests after 3 s, VerifyTests' Go service after 57 s), each passing
/// alone and in the other runs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ImageBuilds
{
    public const string Name = "image builds";
}
