namespace Noa.Stages.Classifier.Manifests;

/// <summary>One <c>key = value</c> of a TOML file with its table and 1-based line.</summary>
internal sealed record TomlEntry(string Table, string Key, string Value, int Line);
