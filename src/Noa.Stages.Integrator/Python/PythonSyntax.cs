using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Noa.Stages.Integrator.Python;

/// <summary>Python's reserved words and literal forms: how anything from a spec becomes a safe name, string or docstring.</summary>
internal static class PythonSyntax
{
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type", "_",
    };

    /// <summary>Names a generated module uses itself (typing imports, builtins in annotations): no schema may shadow them.</summary>
    public static readonly IReadOnlySet<string> ModuleNames = new HashSet<string>(Keywords, StringComparer.Ordinal)
    {
        "Any", "IO", "AsyncIterator", "Iterator", "Literal", "Mapping", "NotRequired", "Optional", "Required", "TypeAlias", "TypedDict",
        "Union", "cast", "asyncio", "str", "int", "float", "bool", "bytes", "list", "dict", "object", "Client", "AsyncClient",
        "DEFAULT_BASE_URL", "annotations",
    };

    private static readonly JsonSerializerOptions Literal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A double-quoted Python string literal: JSON's escapes (quotes, backslashes, control characters) are
    /// Python's, so nothing from a spec can end the literal; other characters stay as UTF-8.</summary>
    public static string String(string value) => JsonSerializer.Serialize(value, Literal);

    /// <summary>A docstring body: backslashes and quotes escaped, control characters dropped, so a description can
    /// neither end the docstring nor smuggle code after it.</summary>
    public static IEnumerable<string> DocLines(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            yield break;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (c == '\\')
                clean.Append(@"\\");
            else if (c == '"')
                clean.Append("\\\"");
            else if (c == '\n' || !char.IsControl(c))
                clean.Append(c);
        }
        foreach (var line in clean.ToString().Trim().Split('\n'))
            yield return line.TrimEnd();
    }

    /// <summary>Writes a docstring (nothing when there is no text).</summary>
    public static void Docstring(Output.CodeWriter writer, params string?[] paragraphs)
    {
        var lines = Output.DocParagraphs.Join(paragraphs, DocLines);
        if (lines.Count == 0)
            return;
        if (lines.Count == 1)
        {
            writer.Line($"\"\"\"{lines[0]}\"\"\"");
            return;
        }
        writer.Line($"\"\"\"{lines[0]}");
        writer.Lines(lines.Skip(1));
        writer.Line("\"\"\"");
    }

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
