using System.Text.RegularExpressions;
using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

// Doc comments and attributes that sit before a definition: read from the tree, not matched by queries.
internal sealed partial class FileExtractor
{
    /// <summary>The doc comments right above a definition (no blank line between), read from its preceding siblings
    /// (past Rust attributes, which may sit between); true when one of those attributes marks a Rust test.</summary>
    private static bool LeadingTrivia(Node node, string grammar, List<string> docs)
    {
        // The comment sits before the statement that holds the definition: `export const x = …` for the declarator x,
        // a decorated definition, a field declaration; climb to it (wrappers start on the definition's line).
        var start = node;
        for (var parent = node.Parent; !parent.IsNull && !IsContainer(parent.Kind)
             && (parent.Start.Row == start.Start.Row || parent.Kind is "export_statement" or "decorated_definition"); parent = parent.Parent)
        {
            start = parent;
        }
        var row = start.Start.Row;
        var test = false;
        var found = new List<string>();
        for (var prev = start.PreviousSibling; !prev.IsNull; prev = prev.PreviousSibling)
        {
            var kind = prev.Kind;
            // A line comment's node may end at column 0 of the next line (it holds the newline).
            var end = prev.End.Column == 0 && prev.End.Row > prev.Start.Row ? prev.End.Row - 1 : prev.End.Row;
            if (end + 1 < row && !(found.Count == 0 && IsBlockDoc(prev, grammar)))
            {
                break; // a blank line: not this definition's (except a Javadoc/JSDoc block, which says it is a doc)
            }
            if (kind is "comment" or "line_comment" or "block_comment")
            {
                var text = prev.Text;
                if (!IsDoc(text, grammar) || (grammar == "rust" && !RustDoc().IsMatch(text)))
                {
                    break;
                }
                found.Add(text);
            }
            else if (kind == "attribute_item")
            {
                test |= RustTest().IsMatch(prev.Text);
            }
            else
            {
                break;
            }
            row = prev.Start.Row;
        }
        found.Reverse();
        docs.AddRange(found);
        return test;
    }

    // `/** … */` right before a definition is its doc in Java, JS and TS even across blank lines (commander, express).
    private static bool IsBlockDoc(Node node, string grammar) =>
        grammar is "java" or "javascript" or "typescript" or "tsx" && node.Kind is "comment" or "block_comment"
        && node.Text.StartsWith("/**", StringComparison.Ordinal);

    private static bool IsContainer(string kind) => kind is "program" or "source_file" or "module" or "compilation_unit"
        or "class_body" or "statement_block" or "object" or "declaration_list" or "block" or "field_declaration_list"
        or "enum_body" or "interface_body" or "enum_variant_list" or "body_statement" or "namespace_body";

    [GeneratedRegex(@"^(///([^/]|$)|/\*\*[^*])")]
    private static partial Regex RustDoc();

    [GeneratedRegex(@"^#\[(\w+::)*(test|rstest|test_case|quickcheck)\b")]
    private static partial Regex RustTest();

    // Comments above a definition are its doc in Go, Python and Rust (the grammar tells doc comments apart); in the
    // C-family languages only the doc forms count: /** */ (Java, JS, TS) and /// (C#).
    private static bool IsDoc(string text, string grammar) => grammar switch
    {
        "java" or "javascript" or "typescript" or "tsx" => !text.StartsWith("/*", StringComparison.Ordinal) && !text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("/**", StringComparison.Ordinal),
        "csharp" => !text.StartsWith("/*", StringComparison.Ordinal) && !text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("///", StringComparison.Ordinal) || text.StartsWith("/**", StringComparison.Ordinal),
        _ => true,
    };
}
