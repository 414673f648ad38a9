namespace Noa.Abstractions;

/// <summary>The kinds of source Intake accepts.</summary>
public enum SourceKind
{
    /// <summary>A local folder (respects <c>.gitignore</c>).</summary>
    Folder,

    /// <summary>A local or remote git repository.</summary>
    Git,

    /// <summary>A <c>.tar</c>, <c>.tar.gz</c>/<c>.tgz</c> or <c>.zip</c> archive.</summary>
    Archive,

    /// <summary>An OpenAPI document (2.0 or 3.x, JSON or YAML), by file or URL.</summary>
    OpenApi,

    /// <summary>A list of ML models (YAML or JSON: name, source, format, sha256).</summary>
    ModelList,
}
