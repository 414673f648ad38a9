using Noa.Stages.Classifier.Languages;

namespace Noa.Stages.Classifier.Paths;

/// <summary>The <c>linguist-*</c> attributes <c>.gitattributes</c> gives a path; null leaves linguist's own rule in force.</summary>
internal sealed record LinguistOverrides(bool? Vendored, bool? Generated, bool? Documentation, bool? Detectable, Language? Language)
{
    public static LinguistOverrides None { get; } = new(null, null, null, null, null);
}
