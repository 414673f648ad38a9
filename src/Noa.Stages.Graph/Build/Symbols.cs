using System.Text;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Build;

/// <summary>SCIP-style symbol strings: <c>noa &lt;manager&gt; . . &lt;descriptors&gt;</c>, where a file's path segments are
/// namespaces (<c>a/</c>), types end in <c>#</c>, callables in <c>().</c> and other terms in <c>.</c>.</summary>
internal static class Symbols
{
    /// <summary>The symbol prefix of a directory (language-neutral).</summary>
    public static string Directory(string dir) => "noa . . . " + Path(dir);

    /// <summary>The symbol of a file.</summary>
    public static string File(string manager, string path) => $"noa {manager} . . " + Path(path);

    /// <summary>The descriptor of a definition.</summary>
    public static string Descriptor(DefinitionFact d) => d.Kind switch
    {
        "namespace" or "module" => Escape(d.Name) + "/",
        "class" or "interface" or "struct" or "record" or "enum" or "trait" or "type" => Escape(d.Name) + "#",
        "function" or "method" or "constructor" => Escape(d.Name) + "().",
        _ => Escape(d.Name) + ".",
    };

    /// <summary>A descriptor with a disambiguator for the n-th definition of the same name in one scope.</summary>
    public static string Disambiguate(string descriptor, int n)
    {
        var end = descriptor.EndsWith("().", StringComparison.Ordinal) ? descriptor.Length - 3 : descriptor.Length - 1;
        return descriptor[..end] + $"(+{n})" + descriptor[end..].Replace("()", "", StringComparison.Ordinal);
    }

    private static string Path(string path)
    {
        var sb = new StringBuilder();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(Escape(segment)).Append('/');
        }
        return sb.ToString();
    }

    /// <summary>An identifier as is when simple, else in backticks (backticks doubled).</summary>
    public static string Escape(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '-' or '$'))
            {
                return "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
            }
        }
        return name.Length == 0 ? "``" : name;
    }
}
