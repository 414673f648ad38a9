using System.Text.RegularExpressions;
using static Noa.TreeSitter.Tests.Queries.QueryFiles;

namespace Noa.TreeSitter.Tests.Queries;

/// <summary>typescript.scm serves both the typescript and the tsx grammar: every test runs on both.</summary>
public sealed class TypeScriptQueryTests
{
    public static TheoryData<string> Grammars => new() { "typescript", "tsx" };

    private const string Declarations = """
        /** A shape. */
        export interface Shape extends Base, Other<T> {
          area(): number;
          readonly name: string;
        }
        export type Id = string | number;
        export enum Color { Red, Green = "g" }
        export namespace Geometry {
          export function dist(a: Point, b: Point): number { return 0; }
        }
        declare module "express-serve-static-core" {
          interface Request { user?: User }
        }
        declare function greet(name: string): void;
        export function over(a: string): string;
        export function over(a: any): any { return a; }
        export abstract class Repo<T> extends BaseRepo<T> implements IRepo<T>, Disposable {
          private items: Map<string, T> = new Map();
          protected abstract load(id: string): Promise<T>;
          constructor(private readonly db: Db, public label: string) { super(); }
          handle = (x: Item): Result => this.items.get(x.id);
          get size(): number { return this.items.size; }
        }
        export const LIMIT: number = 10;
        const f = <T,>(x: T): T => x;
        """;

    [Theory]
    [MemberData(nameof(Grammars))]
    public void Definitions_InterfacesTypesEnumsNamespacesOverloadsAbstractClasses(string grammar)
    {
        var hits = Run(grammar, "typescript.scm", Declarations);
        Assert.Equal(
            ["interface Shape", "method area", "property name", "type Id", "enum Color", "constant Red", "constant Green",
             "namespace Geometry", "function dist", "module \"express-serve-static-core\"", "interface Request", "property user",
             "function greet", "function over", "function over", "class Repo", "field items", "method load",
             "constructor constructor", "field db", "field label", "method handle", "method size", "constant LIMIT", "function f"],
            Definitions(hits));
        AssertNoDuplicateDefinitions(hits, grammar);
    }

    [Theory]
    [MemberData(nameof(Grammars))]
    public void Inheritance_ExtendsAsBase_ImplementsAsImplements(string grammar)
    {
        var hits = Run(grammar, "typescript.scm", Declarations).Where(h => h.Has("inherits")).ToList();
        Assert.Equal(
            ["Shape base Base", "Shape base Other<T>", "Repo base BaseRepo", "Repo implements IRepo<T>", "Repo implements Disposable"],
            hits.Select(h => h.Has("base") ? $"{h["name"]} base {h["base"]}" : $"{h["name"]} implements {h["implements"]}"));
    }

    [Theory]
    [MemberData(nameof(Grammars))]
    public void References_TypeAnnotationsGenericsNewAndCalls(string grammar)
    {
        var hits = Run(grammar, "typescript.scm", """
            function load(repo: Repo<User>, ids: Id[]): Promise<Map<string, User>> {
              const svc = new Service(repo);
              return svc.fetch(ids) as Promise<Map<string, User>>;
            }
            """);
        var types = hits.Where(h => h.Has("reference.type")).Select(h => h["name"]!).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["Id", "Map", "Promise", "Repo", "Service", "User"], types);
        Assert.Equal(["Service", "svc.fetch"],
            hits.Where(h => h.Has("reference.call")).Select(h => h["receiver"] is { } r ? $"{r}.{h["name"]}" : h["name"]));
    }

    [Theory]
    [MemberData(nameof(Grammars))]
    public void Surface_ImportsEndpointsConfigCliHttpStoresAndTests(string grammar)
    {
        var hits = Run(grammar, "typescript.scm", """
            import type { Foo } from "./foo";
            import fs = require("fs");
            import express, { Request } from "express";
            router.get("/items", listItems);
            class UsersController {
              @Get("/users")
              list(): User[] { return []; }
              @Post()
              @UseGuards(AuthGuard)
              create(@Body() dto: Dto) {}
            }
            const env = process.env.NODE_ENV as string;
            const port = this.config.get<number>("PORT");
            program.option("--dry-run").command("deploy <env>");
            await fetch(`https://api.example.com/users`);
            await prisma.query("SELECT 1");
            describe("users", () => { it("lists", () => {}); });
            """);
        Assert.Equal(["\"./foo\"|Foo|", "\"fs\"||fs", "\"express\"|express|", "\"express\"|Request|"],
            hits.Where(h => h.Has("import")).Select(h => $"{h["import.module"]}|{h["import.name"]}|{h["import.alias"]}"));
        // NestJS: the decorator is the registration (any decorators between it and the method); the method is its handler.
        Assert.Equal(["get \"/items\" listItems", "Get \"/users\" ", "Post  "],
            hits.Where(h => h.Has("endpoint")).Select(h => $"{h["endpoint.method"]} {h["endpoint.route"]} {h["endpoint.handler"]}"));
        Assert.Equal(["NODE_ENV"], hits.SelectMany(h => h.All("config.env")));
        Assert.Equal(["\"PORT\""], hits.SelectMany(h => h.All("config.key")));
        Assert.Equal(["\"--dry-run\""], hits.SelectMany(h => h.All("cli.flag")));
        Assert.Equal(["\"deploy <env>\""], hits.SelectMany(h => h.All("cli.command")));
        Assert.Equal(["`https://api.example.com/users`"], hits.SelectMany(h => h.All("http.url")));
        Assert.Equal(["prisma.query"], hits.Where(h => h.Has("store.call")).Select(h => $"{h["receiver"]}.{h["name"]}"));
        Assert.Equal(["\"lists\""], hits.Where(h => h.Has("test")).Select(h => h["name"]));
    }

    [Fact]
    public void Tsx_JsxComponentsAreFunctions()
    {
        var hits = Run("tsx", "typescript.scm", """
            export const Button = ({ label }: Props) => <button onClick={() => track("click")}>{label}</button>;
            export function App(): JSX.Element { return <Button label="x" />; }
            """);
        Assert.Equal(["function Button", "function App"], Definitions(hits));
        Assert.Contains(hits, h => h.Has("reference.call") && h["name"] == "track");
    }

    [Fact]
    public void Corpus_RxjsObservable_ClassImplementsAndOverloads()
    {
        var root = Corpus("npm");
        if (root is null)
        {
            return;
        }
        var hits = Run("typescript", "typescript.scm",
            File.ReadAllBytes(Path.Combine(root, "node_modules", "rxjs", "src", "internal", "Observable.ts")));
        AssertNoDuplicateDefinitions(hits, "Observable.ts");
        Assert.Single(hits, h => h.Definition == "class" && h["name"] == "Observable");
        Assert.Contains(hits, h => h.Has("inherits") && h["name"] == "Observable" && h["implements"] == "Subscribable<T>");
        Assert.True(hits.Count(h => h.Definition == "method" && h["name"] == "subscribe") >= 3, "subscribe and its overload signatures");
        Assert.Contains(hits, h => h.Definition == "method" && h["name"] == "pipe");
        Assert.Contains(hits, h => h.Has("reference.type") && h["name"] == "Subscriber");
    }

    [Fact]
    public void Corpus_RecallAgainstCtags_AtLeast95PercentPerKind()
    {
        var root = Corpus("npm");
        if (root is null)
        {
            return;
        }
        var files = SourceFiles(Path.Combine(root, "node_modules"), ".ts", ".mts", ".cts").ToList();
        // Counted: the kinds we define; type aliases declared with `type` (ctags also tags `import { type X }`),
        // module-level constants (ctags also tags consts local to functions and test callbacks), names on lines that
        // define them.
        var recall = RecallAgainstCtags("typescript", "typescript.scm", "TypeScript", files, t => t.Kind switch
        {
            "class" or "interface" or "enum" or "enumerator" or "namespace" or "function" => true,
            "method" or "property" => DefinesOnLine(t.Name, t.Line),
            "alias" => Regex.IsMatch(t.Line, $@"\btype\s+{Regex.Escape(t.Name)}\b\s*[<=]"),
            "constant" => Regex.IsMatch(t.Line, $@"^(export\s+)?(declare\s+)?const\s+{Regex.Escape(t.Name)}\b"),
            _ => false,
        });
        if (recall is null)
        {
            return;
        }
        foreach (var (kind, (found, total, missed)) in recall)
        {
            Assert.True(found >= 0.95 * total, $"{kind}: {found}/{total}; missed e.g. {string.Join(", ", missed.Take(10))}");
        }
        Assert.True(recall["interface"].Total > 500 && recall["alias"].Total > 500, string.Join(", ", recall.Select(r => $"{r.Key} {r.Value.Total}")));
    }
}
