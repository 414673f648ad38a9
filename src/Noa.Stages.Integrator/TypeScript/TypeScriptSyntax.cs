using System.Globalization;
using System.Text;
using Noa.Stages.Integrator.Output;

namespace Noa.Stages.Integrator.TypeScript;

/// <summary>TypeScript's reserved words and literal forms: how anything from a spec becomes a safe name, string or doc comment.</summary>
internal static class TypeScriptSyntax
{
    /// <summary>Reserved words, strict-mode reserved words and the type keywords (a type alias may not take them).</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
        "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
        "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "implements", "interface", "let",
        "package", "private", "protected", "public", "static", "yield", "await", "async", "arguments", "eval", "as", "any",
        "unknown", "never", "object", "string", "number", "boolean", "bigint", "symbol", "undefined", "type", "keyof", "infer",
        "is", "asserts", "declare", "module", "namespace", "readonly", "require", "satisfies", "accessor", "abstract", "of",
        "constructor", "get", "set", "unique", "global", "out", "override",
    };

    /// <summary>A double-quoted string literal: quotes, backslashes, control characters and every non-ASCII character
    /// (U+2028 included) escaped, so nothing from a spec can end the literal or the line.</summary>
    public static string String(string value)
    {
        var literal = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                literal.Append('\\').Append(c);
            else if (c is >= ' ' and <= '~')
                literal.Append(c);
            else
                literal.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return literal.Append('"').ToString();
    }

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');

    /// <summary>A property key: bare when it is an identifier, else a string literal (reserved words are legal keys).</summary>
    public static string Key(string wireName) => IsIdentifier(wireName) ? wireName : String(wireName);

    /// <summary>A property access for <see cref="Key"/>.</summary>
    public static string Access(string target, string key) => IsIdentifier(key) ? $"{target}.{key}" : $"{target}[{String(key)}]";

    /// <summary>Lines of a doc comment body: <c>*/</c> is broken apart and control characters dropped, so a description can
    /// neither end the comment nor smuggle code after it.</summary>
    public static IEnumerable<string> DocLines(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            yield break;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
            if (c == '\n' || !(char.IsControl(c) || c is '\u2028' or '\u2029'))
                clean.Append(c);
        foreach (var line in clean.ToString().Replace("*/", "*\\/", StringComparison.Ordinal).Trim().Split('\n'))
            yield return line.TrimEnd();
    }

    /// <summary>Writes a <c>/** … */</c> comment (nothing when there is no text).</summary>
    public static void Doc(CodeWriter writer, params string?[] paragraphs)
    {
        var lines = Output.DocParagraphs.Join(paragraphs, DocLines);
        if (lines.Count == 0)
            return;
        if (lines.Count == 1)
        {
            writer.Line($"/** {lines[0]} */");
            return;
        }
        writer.Line("/**");
        writer.Lines(lines.Select(l => l.Length == 0 ? " *" : " * " + l));
        writer.Line(" */");
    }
}
