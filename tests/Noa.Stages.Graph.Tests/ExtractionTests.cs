using System.Text;
using Noa.Abstractions.Graph;
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
        Assert.Contains(go.Routes, r => r is { Kind: "endpoint", Path: "/items/{id}", Method: "GET", Handler: "item", Router: "http" });
        Assert.Contains(go.Routes, r => r is { Kind: "endpoint", Path: "/any", Method: "ANY" });

        var java = Extract("java", """
            @RestController
            @RequestMapping("/api")
            class Users {
                @GetMapping("/users/{id}") User get(long id) { return null; }
                @RequestMapping(value = "/users", method = RequestMethod.POST) void add() {}
            }
            """);
        var prefix = Assert.Single(java.Routes, r => r.Kind == "class");
        Assert.Equal(("/api", "Users"), (prefix.Path, java.Definitions[prefix.Owner].Name));
        var get = java.Routes.Single(r => r.Kind == "handler" && r.Path == "/users/{id}");
        Assert.Equal("GET", get.Method);
        Assert.Equal("get", java.Definitions[get.Owner].Name);
        Assert.Contains(java.Routes, r => r is { Kind: "handler", Path: "/users", Method: "POST" });
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

    [Fact]
    public void JavaScript_JsDocOfFunctionsConstantsAndMembers_IsReadWithoutDocCaptures()
    {
        var facts = Extract("javascript", """
            /**
             * Adds numbers.
             */

            function add(a, b) { return a + b; }
            // a line comment is not documentation
            function* gen() {}
            /** Doubles. */
            const twice = (x) => x * 2;
            /** Legacy class. */
            var Legacy = (function (_super) { function Legacy() {} return Legacy; }(Base));
            class Animal {
              /** Speaks. */
              speak() { return 1; }
              /* a block comment is not documentation */
              get legs() { return 4; }
              /** On click. */
              handler = () => {};
            }
            const obj = {
              /** Runs. */
              run() {},
            };
            """);
        var byName = facts.Definitions.ToLookup(d => d.Name);
        Assert.Equal("Adds numbers.", byName["add"].Single().Doc);
        Assert.Null(byName["gen"].Single().Doc);
        Assert.Equal("Doubles.", byName["twice"].Single().Doc);
        Assert.Equal("Legacy class.", byName["Legacy"].Single(d => d.Kind == "class").Doc);
        Assert.Null(byName["Legacy"].Single(d => d.Kind == "function").Doc);
        Assert.Equal("Speaks.", byName["speak"].Single().Doc);
        Assert.Null(byName["legs"].Single().Doc);
        Assert.Equal("On click.", byName["handler"].Single().Doc);
        Assert.Equal("Runs.", byName["run"].Single().Doc);
    }

    [Theory]
    [InlineData("typescript")]
    [InlineData("tsx")]
    public void TypeScript_JsDocOfDeclarationsAndMembers_IsReadWithoutDocCaptures(string grammar)
    {
        var facts = Extract(grammar, """
            /** A shape. */
            export interface Shape {
              /** The area. */
              area(): number;
              readonly name: string;
            }
            /** An id. */
            export type Id = string | number;
            // not a doc
            export enum Color { Red }
            /** Geometry helpers. */
            export namespace Geometry {
              /** Distance. */
              export function dist(a: number, b: number): number { return 0; }
            }
            /** Overload. */
            export function over(a: string): string;
            export function over(a: any): any { return a; }
            export abstract class Repo {
              /** Loads. */
              protected abstract load(id: string): Promise<string>;
            }
            /** The limit. */
            export const LIMIT: number = 10;
            """);
        var byName = facts.Definitions.ToLookup(d => d.Name);
        Assert.Equal("A shape.", byName["Shape"].Single().Doc);
        Assert.Equal("The area.", byName["area"].Single().Doc);
        Assert.Null(byName["name"].Single().Doc);
        Assert.Equal("An id.", byName["Id"].Single().Doc);
        Assert.Null(byName["Color"].Single().Doc);
        Assert.Equal("Geometry helpers.", byName["Geometry"].Single().Doc);
        Assert.Equal("Distance.", byName["dist"].Single().Doc);
        Assert.Equal(["Overload.", null], byName["over"].OrderBy(d => d.Range.StartLine).Select(d => d.Doc));
        Assert.Equal("Loads.", byName["load"].Single().Doc);
        Assert.Equal("The limit.", byName["LIMIT"].Single().Doc);
    }

    [Fact]
    public void Java_JavadocOfDeclarations_IsReadPastAnnotations()
    {
        var facts = Extract("java", """
            /** The class. */
            @RequestMapping("/api")
            public class C extends Base {
                /** The field. */
                private int a;
                /* not a doc */
                private int b;
                /** Makes one. */
                public C() {}
                /** Gets it. */
                @GetMapping("/items/{id}")
                public Item get(long id) { return null; }
                /** A test. */
                @Test
                void testIt() {}
            }
            /** Letters. */
            enum E { /** The first. */ A, B }
            """);
        var byName = facts.Definitions.ToLookup(d => d.Name);
        Assert.Equal("The class.", byName["C"].Single(d => d.Kind == "class").Doc);
        Assert.Equal("The field.", byName["a"].Single().Doc);
        Assert.Null(byName["b"].Single().Doc);
        Assert.Equal("Makes one.", byName["C"].Single(d => d.Kind == "constructor").Doc);
        Assert.Equal("Gets it.", byName["get"].Single().Doc);
        var test = byName["testIt"].Single();
        Assert.Equal("A test.", test.Doc);
        Assert.True(test.Test);
        Assert.Equal("Letters.", byName["E"].Single().Doc);
        Assert.Equal("The first.", byName["A"].Single().Doc);
        Assert.Null(byName["B"].Single().Doc);
    }

    [Fact]
    public void CSharp_TripleSlashDocs_AreReadPastAttributes()
    {
        var facts = Extract("csharp", """
            namespace N.M;
            /// <summary>Doc.</summary>
            [Route("api/[controller]")]
            public sealed class C
            {
                /// The constant.
                private const int K = 1;
                // not a doc
                public int P { get; set; }
                /// <summary>Gets it.</summary>
                [HttpGet("{id}")]
                public int Get(int id) => id;
                /// A test.
                [Fact]
                public void Test1() { }
            }
            /// Colors.
            public enum En { A, B = 2 }
            """);
        var byName = facts.Definitions.ToLookup(d => d.Name);
        Assert.Equal("Doc.", byName["C"].Single().Doc);
        Assert.Equal("The constant.", byName["K"].Single().Doc);
        Assert.Null(byName["P"].Single().Doc);
        Assert.Equal("Gets it.", byName["Get"].Single().Doc);
        var test = byName["Test1"].Single();
        Assert.Equal("A test.", test.Doc);
        Assert.True(test.Test);
        Assert.Equal("Colors.", byName["En"].Single().Doc);
    }

    [Fact]
    public void Corpus_JsDocAndJavadoc_OfRealFilesAreRead()
    {
        var root = CorpusTests.CorporaRoot();
        if (root is null)
        {
            Requirement.Unmet(".cache/corpora is missing: run scripts/corpora.sh before the tests (CI=true needs the real corpora).");
            return;
        }
        var modules = Path.Combine(root, "npm", "node_modules");
        var command = ExtractFile("javascript", Path.Combine(modules, "commander", "lib", "command.js"));
        foreach (var method in new[] { "command", "option", "parse", "action", "opts" })
        {
            Assert.NotNull(command.Definitions.Single(d => d.Kind == "method" && d.Name == method).Doc);
        }
        var route = ExtractFile("javascript", Path.Combine(modules, "express", "lib", "router", "route.js"));
        Assert.Contains("dispatch req, res into this route", route.Definitions.Single(d => d.Kind == "method" && d.Name == "dispatch").Doc);
        var observable = ExtractFile("typescript", Path.Combine(modules, "rxjs", "src", "internal", "Observable.ts"));
        Assert.NotNull(observable.Definitions.Single(d => d.Kind == "class" && d.Name == "Observable").Doc);
        var arrayList = ExtractFile("java", Path.Combine(root, "java", "java.base", "java", "util", "ArrayList.java"));
        Assert.NotNull(arrayList.Definitions.Single(d => d.Kind == "class" && d.Name == "ArrayList").Doc);
        Assert.All(arrayList.Definitions.Where(d => d.Kind == "constructor" && d.Name == "ArrayList"), d => Assert.NotNull(d.Doc));
        Assert.NotNull(arrayList.Definitions.Single(d => d.Kind == "method" && d.Name == "trimToSize").Doc);
    }

    private static FileFacts ExtractFile(string grammar, string path)
    {
        using var extractor = new FileExtractor(TimeSpan.FromSeconds(10));
        var (facts, reason) = extractor.Extract(File.ReadAllBytes(path), grammar);
        Assert.True(facts is not null, reason);
        return facts;
    }

    [Theory]
    [InlineData("csharp", "struct P { public uint A, B, C; }")]
    [InlineData("java", "class P { int A, B, C; }")]
    public void OneDeclaration_SeveralNames_EachIsADefinition(string grammar, string code)
    {
        var fields = Extract(grammar, code).Definitions.Where(d => d.Kind == "field").ToList();
        Assert.Equal(["A", "B", "C"], fields.Select(f => f.Name));
        Assert.All(fields, f => Assert.Equal("P", Extract(grammar, code).Definitions[f.Parent].Name));
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("typescript")]
    public void NamedFunctionExpression_ReturnedByAnArrow_IsADefinition(string grammar)
    {
        // rxjs: export const AjaxError = createErrorClass((_super) => function AjaxErrorImpl(message) { … });
        var facts = Extract(grammar, "export const AjaxError = createErrorClass((_super) => function AjaxErrorImpl(message) { this.message = message; });\n");
        Assert.Contains(facts.Definitions, d => d is { Name: "AjaxErrorImpl", Kind: "function" });
    }

    [Fact]
    public void Go_VerbAsFirstArgument_EchoAddAndGinHandle()
    {
        var facts = Extract("go", "package main\nfunc routes() {\n\te.Add(http.MethodPost, \"/users\", createUser)\n\tr.Handle(\"DELETE\", \"/users/:id\", func(c *gin.Context) {})\n\treq.Header.Add(\"Accept\", \"x\")\n}\n");
        Assert.Contains(facts.Routes, r => r is { Kind: "endpoint", Path: "/users", Method: "POST", Handler: "createUser" });
        Assert.Contains(facts.Routes, r => r is { Kind: "endpoint", Path: "/users/:id", Method: "DELETE" });
        Assert.Equal(2, facts.Routes.Count(r => r.Kind == "endpoint"));
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("typescript")]
    public void Endpoints_PathsFromALoopOverALiteralTable_OneEndpointPerPath(string grammar)
    {
        // hackathon-starter's app.js: a Map of browser library files, each served by a GET and a HEAD in a for…of loop.
        var facts = Extract(grammar, """
            const libFiles = new Map([
              // files needed in the web browser
              ['/js/lib/jquery.min.js', 'node_modules/jquery/dist/jquery.min.js'],
              ['/webfonts/fa-solid-900.woff2', 'node_modules/@fortawesome/fontawesome-free/webfonts/fa-solid-900.woff2'],
            ]);
            for (const [fileUrl, filePath] of libFiles) {
              const libFileHandler = (req, res) => res.sendFile(filePath);
              app.head(fileUrl, libFileHandler);
              app.get(fileUrl, libFileHandler);
            }
            for (const page of ['/about', '/contact']) router.get(page, render);
            for (const url of someList) app.get(url, other);
            const base = computeBase();
            app.get(base, handler);
            """);
        var endpoints = facts.Routes.Where(r => r.Kind == "endpoint").Select(r => $"{r.Method} {r.Path} {r.Handler}").Order().ToList();
        Assert.Equal(["GET /about render", "GET /contact render", "GET /js/lib/jquery.min.js libFileHandler", "GET /webfonts/fa-solid-900.woff2 libFileHandler",
            "HEAD /js/lib/jquery.min.js libFileHandler", "HEAD /webfonts/fa-solid-900.woff2 libFileHandler"], endpoints);
    }
}
