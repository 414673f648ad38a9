using System.Globalization;
using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;

namespace Noa.Manifests.Toml;

/// <summary>
/// The one way the project reads TOML (TOML 1.0 through Tomlyn: dotted keys, inline tables, multi-line and literal strings), with
/// typed reads that answer null or nothing for a value of another shape instead of throwing: manifests are untrusted input.
/// </summary>
public static partial class TomlDocument
{
    /// <summary>Parses a document.</summary>
    /// <exception cref="TomlException">It is not valid TOML; the message names the line.</exception>
    public static TomlTable Parse(string text) => TomlSerializer.Deserialize<TomlTable>(text) ?? [];

    /// <summary>Parses a document, or gives the first line of the parser's error.</summary>
    public static bool TryParse(string text, out TomlTable table, out string? error)
    {
        try
        {
            table = Parse(text);
            error = null;
            return true;
        }
        catch (Exception e) when (e is TomlException or InvalidCastException or InvalidOperationException)
        {
            table = [];
            error = Describe(e);
            return false;
        }
    }

    /// <summary>Why a document did not parse, in one line that starts with where (<c>line 3, column 9: …</c>) when the parser knows
    /// it, for the skip lists and problems that name the file beside it.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message.Split('\n')[0].Trim();
        if (error is not TomlException toml)
        {
            return message;
        }
        // Tomlyn writes "(4,1) : error : Expected …"; the position is said once, in words.
        var position = Position().Match(message);
        var line = toml.Line ?? (position.Success ? int.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture) : null);
        var column = toml.Column ?? (position.Success ? int.Parse(position.Groups[2].Value, CultureInfo.InvariantCulture) : null);
        var rest = position.Success ? message[position.Length..] : message;
        return line is null ? rest : $"line {line}{(column is null ? "" : $", column {column}")}: {rest}";
    }

    [GeneratedRegex(@"^\((\d+),(\d+)\)\s*:\s*(?:error\s*:\s*)?")]
    private static partial Regex Position();

    /// <summary>The sub-table under <paramref name="key"/>, or null.</summary>
    public static TomlTable? Table(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) ? value as TomlTable : null;

    /// <summary>The tables of an array of tables (<c>[[key]]</c>) or of an inline array of tables.</summary>
    public static IEnumerable<TomlTable> Tables(this TomlTable? table, string key) =>
        table is null || !table.TryGetValue(key, out var value) ? []
        : value is TomlTableArray array ? array
        : value is TomlArray inline ? inline.OfType<TomlTable>() : [];

    /// <summary>The string under <paramref name="key"/>, or null.</summary>
    public static string? String(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>Whether <paramref name="key"/> holds <c>true</c>.</summary>
    public static bool Bool(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) && value is true;

    /// <summary>The strings of the array under <paramref name="key"/> (other items left out).</summary>
    public static IEnumerable<string> Strings(this TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var value) && value is TomlArray array ? array.OfType<string>() : [];

    /// <summary>The entries of the table under <paramref name="key"/>, in document order.</summary>
    public static IEnumerable<KeyValuePair<string, object>> Entries(this TomlTable? table, string key) =>
        table.Table(key) is { } t ? t : [];
}
