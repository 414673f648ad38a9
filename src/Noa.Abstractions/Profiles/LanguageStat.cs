namespace Noa.Abstractions.Profiles;

/// <summary>One language of the breakdown (linguist's group name: TSX counts as TypeScript).</summary>
/// <param name="Name">Language name.</param>
/// <param name="Type">programming or markup.</param>
/// <param name="Files">Number of files.</param>
/// <param name="Bytes">Sum of file sizes.</param>
/// <param name="Share">Bytes over all listed languages' bytes, 4 decimals.</param>
public sealed record LanguageStat(string Name, string Type, int Files, long Bytes, double Share);
