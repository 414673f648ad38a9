using System.Text;

namespace Noa.TreeSitter.Tests;

public sealed class BindingTests
{
    [Theory]
    [InlineData("python", "def f(x):\n    return x\n", "module")]
    [InlineData("javascript", "function f(x) { return x; }", "program")]
    [InlineData("typescript", "type T = { a: number };", "program")]
    [InlineData("tsx", "const a = <div>{x}</div>;", "program")]
    [InlineData("go", "package main\nfunc main() {}\n", "source_file")]
    [InlineData("rust", "fn main() {}", "source_file")]
    [InlineData("java", "class A { void f() {} }", "program")]
    [InlineData("csharp", "record R(int A);", "compilation_unit")]
    public void Parse_EachGrammar_GivesAnErrorFreeTree(string language, string code, string root)
    {
        using var parser = new Parser();
        using var tree = parser.Parse(Encoding.UTF8.GetBytes(code), Language.Get(language))!;
        Assert.Equal(root, tree.Root.Kind);
        Assert.False(tree.Root.HasError, tree.Root.ToString());
        Assert.InRange(Language.Get(language).AbiVersion, 13u, 15u);
    }

    [Fact]
    public void Parse_BrokenCode_StillGivesATreeFlaggedWithErrors()
    {
        using var parser = new Parser();
        using var tree = parser.Parse("def f(:\n  pass\ndef g(): return 1\n"u8.ToArray(), Language.Get("python"))!;
        Assert.True(tree.Root.HasError);
        using var query = new Query(Language.Get("python"), "(function_definition name: (identifier) @name)");
        using var cursor = new QueryCursor();
        Assert.Contains("g", cursor.Matches(query, tree.Root).Select(m => m["name"].Text));
    }

    [Fact]
    public void Node_Navigation_FieldsChildrenRangesAndText()
    {
        using var parser = new Parser();
        var source = "package p\n\n// F doubles.\nfunc F(x int) int { return 2 * x }\n"u8.ToArray();
        using var tree = parser.Parse(source, Language.Get("go"))!;
        var function = tree.Root.NamedChildren().Single(n => n.Kind == "function_declaration");
        Assert.Equal("F", function.Field("name").Text);
        Assert.Equal(new Point(3, 0), function.Start);
        Assert.Equal("comment", function.PreviousNamedSibling.Kind);
        Assert.True(function.Field("nope").IsNull);
        Assert.Equal(function, function.Field("name").Parent);
        Assert.Equal(tree.Root.NamedChildCount, tree.Root.NamedChildren().Count());
    }

    [Fact]
    public void Query_TextPredicates_AreEvaluated()
    {
        using var parser = new Parser();
        var source = "import os\nos.getenv('HOME')\nos.environ.get('USER')\nprint('x')\nlen('y')\n"u8.ToArray();
        using var tree = parser.Parse(source, Language.Get("python"))!;
        using var query = new Query(Language.Get("python"), """
            (call function: (attribute object: (identifier) @obj attribute: (identifier) @fn)
                  arguments: (argument_list (string) @key)
              (#eq? @obj "os") (#match? @fn "^get") (#set! kind "env"))
            (call function: (identifier) @fn arguments: (argument_list (string) @arg)
              (#not-any-of? @fn "len" "str"))
            """);
        using var cursor = new QueryCursor();
        var matches = cursor.Matches(query, tree.Root);
        Assert.Equal(["'HOME'", "'x'"], matches.Select(m => m.Pattern == 0 ? m["key"].Text : m["arg"].Text));
        Assert.Equal("env", query.Properties(0)["kind"]);
        Assert.Empty(query.Properties(1));
    }

    [Fact]
    public void Query_Errors_NameTheLineAndKind()
    {
        var error = Assert.Throws<QueryException>(() => new Query(Language.Get("java"), "(class_declaration)\n(no_such_node) @x"));
        Assert.Contains("node type error at line 2", error.Message);
        var predicate = Assert.Throws<QueryException>(() => new Query(Language.Get("java"), "((identifier) @x (#is? @x local))"));
        Assert.Contains("#is?", predicate.Message);
        Assert.Throws<ArgumentException>(() => Language.Get("cobol"));
    }

    [Fact]
    public void Parse_Timeout_GivesNullAndTheParserStaysUsable()
    {
        using var parser = new Parser();
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("function f(a) { return [a, {b: a}]; }\n", 200_000)));
        Assert.Null(parser.Parse(big, Language.Get("javascript"), TimeSpan.FromMilliseconds(1)));
        using var tree = parser.Parse("let a = 1;"u8.ToArray(), Language.Get("javascript"))!;
        Assert.False(tree.Root.HasError);
    }

    [Fact]
    public void Parsers_OnePerThread_ShareLanguagesAndQueries()
    {
        var language = Language.Get("rust");
        using var query = new Query(language, "(function_item name: (identifier) @name)");
        var counts = new int[8];
        Parallel.For(0, counts.Length, i =>
        {
            using var parser = new Parser();
            using var cursor = new QueryCursor();
            var code = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50 + i).Select(n => $"fn f{n}() {{}}\n")));
            using var tree = parser.Parse(code, language)!;
            counts[i] = cursor.Matches(query, tree.Root).Count;
        });
        Assert.Equal(Enumerable.Range(50, 8), counts);
    }
}
