using Tomlyn;
using Tomlyn.Model;

namespace Noa.Safety.Sbom.Parsers;

/// <summary>Typed reads of Tomlyn's model that answer null (or nothing) instead of throwing on an unexpected shape.</summary>
internal static class Toml
{
    public static TomlTable Parse(string text) => TomlSerializer.Deserialize<TomlTable>(text) ?? [];

    public static TomlTable? Table(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) ? value as TomlTable : null;

    public static IEnumerable<TomlTable> Tables(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) && value is TomlTableArray array ? array
        : table is not null && table.TryGetValue(key, out var value2) && value2 is TomlArray inline ? inline.OfType<TomlTable>() : [];

    public static string? String(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) ? value as string : null;

    public static bool Bool(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) && value is true;

    public static IEnumerable<string> Strings(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) && value is TomlArray array ? array.OfType<string>() : [];
}
