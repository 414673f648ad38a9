namespace Noa.Stages.Classifier.Scanning;

/// <summary>What became of a file; exclusive, decided in linguist's order of checks.</summary>
internal enum FileCategory
{
    /// <summary>Has a programming or markup language and counts in the breakdown.</summary>
    Classified,

    /// <summary>No language, a data or prose language, or empty.</summary>
    Other,

    /// <summary>Third-party code (vendor.yml).</summary>
    Vendored,

    /// <summary>Documentation (documentation.yml).</summary>
    Documentation,

    /// <summary>Written by a tool (generated.rb).</summary>
    Generated,

    /// <summary>NUL bytes in the first 8,000 bytes.</summary>
    Binary,
}
