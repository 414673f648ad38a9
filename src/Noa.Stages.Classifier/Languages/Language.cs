namespace Noa.Stages.Classifier.Languages;

/// <summary>One language of linguist's languages.yml.</summary>
/// <param name="Name">Display name, e.g. <c>C++</c>.</param>
/// <param name="Type">programming, markup, data or prose.</param>
/// <param name="Group">The language whose name the breakdown uses (TSX counts as TypeScript), itself when ungrouped.</param>
/// <param name="PrimaryExtension">First extension listed, used to break ties the way linguist's primary extension does.</param>
internal sealed record Language(string Name, string Type, string Group, string? PrimaryExtension)
{
    /// <summary>Linguist counts only these types in a repository's language breakdown.</summary>
    public bool IsDetectable => Type is "programming" or "markup";

    public override string ToString() => Name;
}
