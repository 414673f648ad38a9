using System.Text;
using Noa.Stages.Graph.Extraction;
using Noa.Stages.Graph.Model;

namespace Noa.Stages.Graph.Tests;

public sealed class ExtractionTests
{
    private static FileFacts Extract(string grammar, string code)
    {
        using var extractor = new FileExtractor(TimeSpan.FromSeconds(10));
        var (facts, reason) = extractor.Extract(Encoding.UTF8.GetBytes(code), grammar);
        Assert.True(facts is not null, reason);
        return facts;
    }

    [Fact]
    public void Rust_DocsAndTestAttributes_AreReadFromPrecedingSiblings()
    {
        var facts = Extract("rust", """
            /// A point.
            /// In the plane.
            #[derive(Debug)]
            pub struct Point { pub x: i32 }

            // not a doc
            fn plain() {}

            #[cfg(test)]
            mod tests {
                /// Checks one.
                #[test]
                fn one() {}
                #[tokio::test]
                async fn two() {}

                /// Far away.

                fn helper() {}
            }
            """);
        var byName = facts.Definitions.ToDictionary(d => d.Name);
        Assert.Equal("A point. In the plane.", byName["Point"].Doc);
        Assert.Null(byName["plain"].Doc);
        Assert.True(byName["one"].Test);
        Assert.Equal("Checks one.", byName["one"].Doc);
        Assert.True(byName["two"].Test);
        Assert.False(byName["helper"].Test);
        Assert.Null(byName["helper"].Doc); // a blank line separates it from the comment
        Assert.Equal(byName["tests"], facts.Definitions[byName["one"].Parent]);
    }

    [Fact]
    public void Definitions_NestByRange_WithSignaturesAndRanges()
    {
        var facts = Extract("python", "class Box:\n    \"\"\"Holds things.\"\"\"\n    def put(self, x):\n        return x\n\ndef free():\n    pass\n");
        var box = facts.Definitions.Single(d => d.Name == "Box");
        var put = facts.Definitions.Single(d => d.Name == "put");
        Assert.Equal("class", box.Kind);
        Assert.Equal("Holds things.", box.Doc);
        Assert.Equal("method", put.Kind);
        Assert.Equal(box, facts.Definitions[put.Parent]);
        Assert.Equal("def put(self, x)", put.Signature);
        Assert.Equal(new TextRange(3, 5, 4, 17), put.Range);
        Assert.Equal(-1, facts.Definitions.Single(d => d.Name == "free").Parent);
    }

    [Fact]
    public void BrokenCode_YieldsWhatItCan_FlaggedPartial()
    {
        var facts = Extract("java", "class A { void ok() {} void broken( { } class B {}");
        Assert.Equal("partial", facts.Status);
        Assert.Contains(facts.Definitions, d => d.Name == "ok");
    }

    [Theory]
    [InlineData("\"x\"", "x")]
    [InlineData("'x'", "x")]
    [InlineData("r\"\\d+\"", "\\d+")]
    [InlineData("b'raw'", "raw")]
    [InlineData("\"\"\"doc\"\"\"", "doc")]
    [InlineData("`tpl`", "tpl")]
    [InlineData("@\"C:\\x\"", "C:\\x")]
    [InlineData("RunEndpoints", "RunEndpoints")]
    [InlineData("Base64", "Base64")]
    [InlineData("f\"{x}\"", null)]
    [InlineData("$\"{x}\"", null)]
    [InlineData("`a${b}`", null)]
    [InlineData("\"open", null)]
    public void Unquote_LiteralsAndIdentifiers(string text, string? value) => Assert.Equal(value, Literals.Unquote(text));

    [Fact]
    public void Endpoints_VerbsFromMethodNamesAnnotationsAndGoPatterns()
    {
        var go = Extract("go", """
            package main
            import "net/http"
            func main() {
                http.HandleFunc("GET /items/{id}", item)
                http.HandleFunc("/any", other)
            }
            """);
        Assert.Contains(go.Surface, s => s is { Kind: "endpoint", Value: "/items/{id}", Method: "GET", Handler: "item" });
        Assert.Contains(go.Surface, s => s is { Kind: "endpoint", Value: "/any", Method: "ANY" });

        var java = Extract("java", """
            @RestController
            @RequestMapping("/api")
            class Users {
                @GetMapping("/users/{id}") User get(long id) { return null; }
                @RequestMapping(value = "/users", method = RequestMethod.POST) void add() {}
            }
            """);
        Assert.Contains(java.Surface, s => s.Kind == "route-prefix" && s.Value == "/api");
        var get = java.Surface.Single(s => s.Kind == "endpoint" && s.Value == "/users/{id}");
        Assert.Equal("GET", get.Method);
        Assert.Equal("get", java.Definitions[get.Owner].Name);
        Assert.Contains(java.Surface, s => s is { Kind: "endpoint", Value: "/users", Method: "POST" });
    }

    [Fact]
    public void JavaScript_DocsBeforeExportsAndDeclarations_AreRead()
    {
        var facts = Extract("javascript", """
            /** Adds numbers. */
            export function add(a, b) { return a + b; }

            /** The API. */
            export const API_URL = "https://x";

            // a line comment is not documentation
            function plain() {}
            """);
        var byName = facts.Definitions.ToDictionary(d => d.Name);
        Assert.Equal("Adds numbers.", byName["add"].Doc);
        Assert.Equal("The API.", byName["API_URL"].Doc);
        Assert.Null(byName["plain"].Doc);
    }
}
