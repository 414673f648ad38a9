using System.Text.RegularExpressions;
using static Noa.TreeSitter.Tests.Queries.QueryFiles;

namespace Noa.TreeSitter.Tests.Queries;

public sealed class JavaScriptQueryTests
{
    private static List<Hit> Js(string code) => Run("javascript", "javascript.scm", code);

    [Fact]
    public void Definitions_FunctionsClassesMembersAndAssignments()
    {
        var hits = Js("""
            /**
             * Adds numbers.
             */
            function add(a, b) { return a + b; }
            // a line comment is not documentation
            function* gen() {}
            const arrow = async (x) => x * 2;
            let fexpr = function () {};
            /** The API. */
            export const API_URL = "https://x";
            const express = require("express");
            var legacy = 1;
            exports.helper = function () {};
            module.exports.other = () => {};
            Widget.prototype.render = function () {};
            Widget.prototype.draw = function draw() {};
            module.exports = function named() {};
            var Legacy = (function (_super) { function Legacy() {} return Legacy; }(Base));

            class Animal extends Base {
              static count = 0;
              /** Speaks. */
              speak() { return 1; }
              get legs() { return 4; }
              set legs(v) {}
              static create() { return new Animal(); }
              handler = () => {};
              constructor() { super(); }
            }
            const obj = { m() {}, k: function () {}, v: 1 };
            function outer() { function inner() {} return inner; }
            """);
        Assert.Equal(
            ["function add", "function gen", "function arrow", "function fexpr", "constant API_URL", "constant express",
             "function helper", "function other", "method render", "method draw", "function named", "function Legacy", "class Legacy",
             "class Animal", "field count", "method speak", "method legs", "method legs", "method create", "method handler",
             "constructor constructor", "constant obj", "method m", "method k", "function outer", "function inner"],
            Definitions(hits));
        AssertNoDuplicateDefinitions(hits, "snippet");
    }

    [Fact]
    public void Tests_DescribeIsASuite_ItAndTestAreTests_NamedByTheirTitle()
    {
        var hits = Js("""
            describe("Animal", () => {
              beforeEach(() => {});
              it("speaks", () => {});
              test.only("walks", async function () {});
              it.each([1, 2])("skips tables %d", (n) => {});
            });
            """);
        Assert.Equal(["class \"Animal\"", "function \"speaks\"", "function \"walks\""], Definitions(hits));
        Assert.Equal(["\"speaks\"", "\"walks\""], hits.Where(h => h.Has("test")).Select(h => h["name"]));
    }

    [Fact]
    public void Imports_EsmRequireReexportsAndDynamic()
    {
        var hits = Js("""
            import def, { named as alias, other } from "./mod";
            import * as ns from "ns-lib";
            import "side-effect";
            export { a as b } from "./re";
            export * from "./star";
            export * as nsx from "./nsx";
            const express = require("express");
            const { Router, json: parseJson } = require("express");
            const compile = require("./utils").compile;
            require("dotenv");
            const lazy = () => import("./lazy");
            """).Where(h => h.Has("import")).ToList();
        Assert.Equal(
            ["\"./mod\"|def|", "\"./mod\"|named|alias", "\"./mod\"|other|", "\"ns-lib\"||ns", "\"side-effect\"||", "\"./re\"|a|b",
             "\"./star\"||", "\"./nsx\"||nsx", "\"express\"||express", "\"express\"|Router|", "\"express\"|json|parseJson",
             "\"./utils\"|compile|compile", "\"dotenv\"||", "\"./lazy\"||"],
            hits.Select(h => $"{h["import.module"]}|{h["import.name"]}|{h["import.alias"]}"));
    }

    [Fact]
    public void References_CallsNewAndExtends()
    {
        var hits = Js("""
            class A extends lib.Base {
              m() { this.helper(); run(); const x = new Thing(); return new ns.Other(); }
            }
            """);
        Assert.Equal(["this.helper", "run", "Thing", "ns.Other"],
            hits.Where(h => h.Has("reference.call")).Select(h => h["receiver"] is { } r ? $"{r}.{h["name"]}" : h["name"]));
        Assert.Equal(["Base", "Thing", "Other"], hits.Where(h => h.Has("reference.type")).Select(h => h["name"]));
        Assert.Equal("lib.Base", hits.Single(h => h.Has("inherits"))["base"]);
    }

    [Fact]
    public void Endpoints_ExpressKoaRouterFastify_NotClientsOrSettings()
    {
        var hits = Js("""
            app.get("/users/:id", auth, getUser);
            router.post("/users", (req, res) => res.send("ok"));
            app.delete(`/users/:id`, users.remove);
            app.route("/book").get(listBooks).post(createBook);
            fastify.route({ method: "GET", url: "/health", handler: health });
            app.get("title");
            axios.get("/api/relative");
            app.use("/static", serveStatic);
            """).Where(h => h.Has("endpoint")).ToList();
        Assert.Equal(
            ["get \"/users/:id\" getUser", "post \"/users\" ", "delete `/users/:id` users.remove", "get  listBooks",
             "post  createBook", "\"GET\" \"/health\" "], // a verb on .route("/book"): the extractor reads the path down the chain
            hits.Select(h => $"{h["endpoint.method"]} {h["endpoint.route"]} {h["endpoint.handler"]}"));
    }

    [Fact]
    public void ConfigCliHttpAndStores()
    {
        var hits = Js("""
            const a = process.env.API_URL;
            const b = process.env["PORT"] || 3000;
            const { DB_HOST, DB_PORT = 5432 } = process.env;
            config.get("db.host");
            this.configService.get("JWT_SECRET");
            cache.get("k");
            program.option("-p, --port <n>", "port").requiredOption("--token <t>").command("serve [dir]");
            program.addOption(new Option("-d, --debug"));
            const cmd = new Command("build");
            yargs.option("verbose", { alias: "v" });
            fetch("https://api.example.com/data");
            axios.post(`https://api.example.com/items`, body);
            http.get("http://example.org");
            this.client.get("https://abs.example.com/x");
            map.get("key");
            users.find({ age: 3 });
            [1, 2].find((x) => x > 1);
            User.findOne({ where: { id } });
            redis.set("k", "v");
            pool.query("SELECT 1");
            db.collection("users").insertOne(doc);
            """);
        Assert.Equal(["API_URL", "\"PORT\"", "DB_HOST", "DB_PORT"], hits.SelectMany(h => h.All("config.env")));
        Assert.Equal(["\"db.host\"", "\"JWT_SECRET\""], hits.SelectMany(h => h.All("config.key")));
        Assert.Equal(["\"-p, --port <n>\"", "\"--token <t>\"", "\"-d, --debug\"", "\"verbose\""], hits.SelectMany(h => h.All("cli.flag")));
        Assert.Equal(["\"serve [dir]\"", "\"build\""], hits.SelectMany(h => h.All("cli.command")));
        Assert.Equal(["\"https://api.example.com/data\"", "`https://api.example.com/items`", "\"http://example.org\"", "\"https://abs.example.com/x\""],
            hits.SelectMany(h => h.All("http.url")));
        Assert.Equal(["cache.get", "users.find", "User.findOne", "redis.set", "pool.query", "db.collection(\"users\").insertOne"],
            hits.Where(h => h.Has("store.call")).Select(h => $"{h["receiver"]}.{h["name"]}"));
    }

    [Fact]
    public void Corpus_CommanderAndExpress_ClassesMethodsPrototypeMethodsAndNoFalseEndpoints()
    {
        var root = Corpus("npm");
        if (root is null)
        {
            return;
        }
        var modules = Path.Combine(root, "node_modules");
        var command = Run("javascript", "javascript.scm", File.ReadAllBytes(Path.Combine(modules, "commander", "lib", "command.js")));
        AssertNoDuplicateDefinitions(command, "command.js");
        Assert.Contains(command, h => h.Definition == "class" && h["name"] == "Command" && h.DefinitionNode.Line == 13);
        Assert.Contains(command, h => h.Has("inherits") && h["name"] == "Command" && h["base"] == "EventEmitter");
        foreach (var method in new[] { "command", "option", "parse", "action", "opts" })
        {
            Assert.Single(command, h => h.Definition == "method" && h["name"] == method);
        }
        Assert.Contains(command, h => h.Definition == "constructor");
        Assert.Contains("'node:events'", command.Where(h => h.Has("import")).Select(h => h["import.module"]));

        var route = Run("javascript", "javascript.scm", File.ReadAllBytes(Path.Combine(modules, "express", "lib", "router", "route.js")));
        Assert.Contains(route, h => h.Definition == "method" && h["name"] == "dispatch");
        Assert.Contains(route, h => h.Definition == "function" && h["name"] == "Route");
        var response = Run("javascript", "javascript.scm", File.ReadAllBytes(Path.Combine(modules, "express", "lib", "response.js")));
        Assert.Contains(response, h => h.Definition == "function" && h["name"] == "sendFile");
        Assert.DoesNotContain(response, h => h.Has("endpoint")); // app.get('etag fn') reads a setting
    }

    [Fact]
    public void Corpus_RecallAgainstCtags_AtLeast95PercentPerKind()
    {
        var root = Corpus("npm");
        if (root is null)
        {
            return;
        }
        var files = SourceFiles(Path.Combine(root, "node_modules"), ".js", ".mjs", ".cjs").ToList();
        // Counted: the kinds we define, on lines that define the name (ctags also tags `_super.prototype.x.call(…)`,
        // object literals assigned to `this.x` as classes, and every object key as a property); constants at
        // module level (ctags also tags function-local consts); classes declared with `class`.
        var recall = RecallAgainstCtags("javascript", "javascript.scm", "JavaScript", files, t => t.Kind switch
        {
            "function" => !t.Name.StartsWith("AnonymousFunction", StringComparison.Ordinal) && DefinesOnLine(t.Name, t.Line),
            "method" or "getter" or "setter" or "generator" => DefinesOnLine(t.Name, t.Line),
            "class" => Regex.IsMatch(t.Line, $@"\bclass\s+{Regex.Escape(t.Name)}\b"),
            "constant" => Regex.IsMatch(t.Line, @"^(export\s+)?const\b"),
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
        Assert.True(recall["function"].Total > 1000 && recall["method"].Total > 500, string.Join(", ", recall.Select(r => $"{r.Key} {r.Value.Total}")));
    }
}
