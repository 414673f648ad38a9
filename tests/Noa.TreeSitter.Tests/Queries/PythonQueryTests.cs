using System.Text.RegularExpressions;
using static Noa.TreeSitter.Tests.Queries.QueryFiles;

namespace Noa.TreeSitter.Tests.Queries;

public sealed class PythonQueryTests
{
    private static List<Hit> Py(string code) => Run("python", "python.scm", code);

    [Fact]
    public void Definitions_FunctionsClassesMethodsConstantsFields_WithDocstrings()
    {
        var hits = Py(""""
            MAX_SIZE: int = 10
            _PRIVATE_LIMIT = 3
            name = "not a constant"
            square = lambda x: x * x

            def top(a):
                "Top doc."
                def inner():
                    pass
                return inner

            @decorator
            class Service(Base):
                '''Service doc.'''
                timeout = 30
                retries: int = 3

                def handle(self):
                    """Handle doc."""
                    x = 1

                @property
                def size(self):
                    return 1

                if sys.platform == "win32":
                    def _close(self): pass

            if HAVE_SSL:
                DEFAULT_PORT = 443
                def connect(): pass
            """");
        Assert.Equal(
            ["constant MAX_SIZE", "constant _PRIVATE_LIMIT", "function square", "function top", "function inner",
             "class Service", "field timeout", "field retries", "method handle", "method size", "function _close",
             "constant DEFAULT_PORT", "function connect"],
            Definitions(hits));
        Assert.Equal("\"Top doc.\"", hits.Single(h => h["name"] == "top")["doc"]);
        Assert.Equal("'''Service doc.'''", hits.Single(h => h.Definition == "class")["doc"]);
        Assert.Equal("\"\"\"Handle doc.\"\"\"", hits.Single(h => h["name"] == "handle")["doc"]);
        Assert.Null(hits.Single(h => h["name"] == "size")["doc"]);
        // the definition is the def itself, not the decorated_definition: the range starts at `def`/`class`
        Assert.Equal("class_definition", hits.Single(h => h.Definition == "class").DefinitionNode.Kind);
        Assert.Equal(13, hits.Single(h => h.Definition == "class").DefinitionNode.Line);
        Assert.Equal(23, hits.Single(h => h["name"] == "size").DefinitionNode.Line);
        AssertNoDuplicateDefinitions(hits, "snippet");
    }

    [Fact]
    public void Tests_PytestFunctionsTestClassesAndTestCaseMethods_AreMarked()
    {
        var hits = Py("""
            def test_module_level(): pass
            def helper(): pass

            class TestThing:
                def test_one(self): pass
                def setup_method(self): pass

            class ThingTests(unittest.TestCase):
                @mock.patch("x")
                def test_two(self, m): pass
                def setUp(self): pass

            class NotATest(Base):
                def test_like(self): pass
            """);
        Assert.Equal(["test_module_level", "test_one", "test_two"], hits.Where(h => h.Has("test")).Select(h => h["name"]));
        Assert.All(hits.Where(h => h.Has("test")), h => Assert.Equal(h.DefinitionNode.Text, h["test"]));
        AssertNoDuplicateDefinitions(hits, "snippet");
        Assert.Equal(10, hits.Count(h => h.Definition is not null));
    }

    [Fact]
    public void Imports_OneMatchPerName_WithModuleNameAndAlias()
    {
        var hits = Py("""
            import os, a.b.c as abc
            from .x import y as z, w
            from ..pkg import *
            from __future__ import annotations
            """).Where(h => h.Has("import")).ToList();
        Assert.Equal(
            ["os||", "a.b.c||abc", ".x|y|z", ".x|w|", "..pkg|*|"],
            hits.Select(h => $"{h["import.module"]}|{h["import.name"]}|{h["import.alias"]}"));
    }

    [Fact]
    public void References_CallsWithReceiversTypesAndBases()
    {
        var hits = Py("""
            class Service(Base, mixins.Logged, metaclass=Meta):
                def handle(self, item: Item) -> Optional[Result]:
                    self.helper(item)
                    helper2()
                    os.path.join("a", "b")
            """);
        Assert.Equal(["self.helper", "helper2", "os.path.join"],
            hits.Where(h => h.Has("reference.call")).Select(h => h["receiver"] is { } r ? $"{r}.{h["name"]}" : h["name"]));
        Assert.Equal(["Item", "Optional", "Result"], hits.Where(h => h.Has("reference.type")).Select(h => h["name"]));
        Assert.Equal(["Base", "mixins.Logged"], hits.Where(h => h.Has("inherits")).Select(h => h["base"]));
        Assert.All(hits.Where(h => h.Has("inherits")), h => Assert.Equal("Service", h["name"]));
    }

    [Fact]
    public void Endpoints_FlaskFastApiDjango()
    {
        var hits = Py("""
            @app.route("/users", methods=["GET", "POST"])
            def users(): pass

            @app.route("/health")
            def health(): pass

            @bp.get("/items/<int:id>")
            def item(id): pass

            @router.post("/login")
            async def login(): pass

            @functools.lru_cache()
            def cached(): pass

            @cache.get("key")
            def not_a_route(): pass

            app.add_url_rule("/ping", view_func=ping)

            urlpatterns = [
                path("articles/", views.article_list),
                re_path(r"^archive/$", archive),
                path("about/", AboutView.as_view()),
                path("api/", include("api.urls")),
            ]
            """).Where(h => h.Has("endpoint")).ToList();
        Assert.Equal(
            ["\"GET\" \"/users\" users", "\"POST\" \"/users\" users", " \"/health\" health", "get \"/items/<int:id>\" item",
             "post \"/login\" login", " \"/ping\" ping", "path \"articles/\" views.article_list", "re_path r\"^archive/$\" archive",
             "path \"about/\" "],
            hits.Select(h => $"{h["endpoint.method"]} {h["endpoint.route"]} {h["endpoint.handler"]}"));
    }

    [Fact]
    public void ConfigCliHttpAndStores()
    {
        var hits = Py("""
            a = os.getenv("DB_URL")
            b = os.environ["API_KEY"]
            c = os.environ.get("OTHER", "d")
            d = environ["PATH_INFO"]
            e = app.config["SECRET_KEY"]
            f = current_app.config.get("DEBUG")
            g = settings.TIMEOUT
            parser.add_argument("-v", "--verbose", action="store_true", help="x")
            parser.add_argument("path")
            sub.add_parser("serve")

            @cli.command("run")
            @click.option("--port", "-p", default=8000)
            @click.argument("target")
            def run(port, target): pass

            @click.command()
            def hello(): pass

            @click.group
            def tools(): pass

            requests.get("https://api.example.com/v1/users", timeout=3)
            httpx.post(url="https://x.io/y")
            requests.request("GET", "https://r.io/")
            urllib.request.urlopen("http://example.org/feed")
            self.session.get("https://abs.example.com")
            self.session.get("relative-key")
            cursor.execute("SELECT 1")
            db.session.add(user)
            session.query(User)
            db.users.find({"a": 1})
            collection.insert_one(doc)
            redis.set("k", 1)
            cache.get("k")
            "abc".find("b")
            mapping.get("k")
            self.execute(cmd)
            """);
        Assert.Equal(["\"DB_URL\"", "\"API_KEY\"", "\"OTHER\""], hits.SelectMany(h => h.All("config.env")));
        Assert.Equal(["\"SECRET_KEY\"", "\"DEBUG\""], hits.SelectMany(h => h.All("config.key")));
        Assert.Equal(["\"-v\"", "\"--verbose\"", "\"path\"", "\"--port\"", "\"-p\"", "\"target\""], hits.SelectMany(h => h.All("cli.flag")));
        Assert.Equal(["\"serve\"", "\"run\"", "hello", "tools"], hits.SelectMany(h => h.All("cli.command")));
        Assert.Equal(["\"https://api.example.com/v1/users\"", "\"https://x.io/y\"", "\"https://r.io/\"", "\"http://example.org/feed\"", "\"https://abs.example.com\""],
            hits.SelectMany(h => h.All("http.url")));
        Assert.Equal(["cursor.execute", "db.session.add", "session.query", "db.users.find", "collection.insert_one", "redis.set", "cache.get"],
            hits.Where(h => h.Has("store.call")).Select(h => $"{h["receiver"]}.{h["name"]}"));
    }

    [Fact]
    public void Corpus_Argparse_ClassMethodsAndDocstrings()
    {
        var root = Corpus("python");
        if (root is null)
        {
            return;
        }
        var hits = Run("python", "python.scm", File.ReadAllBytes(Path.Combine(root, "python3.11", "argparse.py")));
        AssertNoDuplicateDefinitions(hits, "argparse.py");
        var parser = hits.Single(h => h.Definition == "class" && h["name"] == "ArgumentParser");
        Assert.Contains("Object for parsing command line strings", parser["doc"]);
        var addArgument = hits.Single(h => h.Definition == "method" && h["name"] == "add_argument" && h["doc"] is not null);
        Assert.Contains("add_argument(dest, ..., name=value, ...)", addArgument["doc"]);
        Assert.Contains(hits, h => h.Definition == "method" && h["name"] == "parse_args" && h.DefinitionNode.Line == 1873);
        Assert.Contains(hits, h => h.Definition == "constant" && h["name"] == "SUPPRESS");
        Assert.Contains(hits, h => h.Has("inherits") && h["name"] == "ArgumentParser" && h["base"] == "_ActionsContainer");
        Assert.DoesNotContain(hits, h => h.Has("test"));
    }

    [Fact]
    public void Corpus_FlaskCliAndRequestsApi_CommandsFlagsAndFunctions()
    {
        var root = Corpus("python");
        if (root is null)
        {
            return;
        }
        var cli = Run("python", "python.scm", File.ReadAllBytes(Path.Combine(root, "dist-packages", "flask", "cli.py")));
        Assert.Contains("\"run\"", cli.SelectMany(h => h.All("cli.command")));
        Assert.Contains("\"routes\"", cli.SelectMany(h => h.All("cli.command")));
        Assert.Contains("\"--host\"", cli.SelectMany(h => h.All("cli.flag")));
        Assert.Equal(["\"FLASK_DEBUG\"", "\"FLASK_RUN_FROM_CLI\"", "\"PYTHONSTARTUP\""], cli.SelectMany(h => h.All("config.env")));
        var api = Run("python", "python.scm", File.ReadAllBytes(Path.Combine(root, "dist-packages", "requests", "api.py")));
        Assert.Contains("Sends a GET request.", api.Single(h => h.Definition == "function" && h["name"] == "get")["doc"]);
        Assert.Equal(["request", "get", "options", "head", "post", "put", "patch", "delete"],
            api.Where(h => h.Definition == "function").Select(h => h["name"]!));
    }

    [Fact]
    public void Corpus_RecallAgainstCtags_AtLeast95PercentPerKind()
    {
        var root = Corpus("python");
        if (root is null)
        {
            return;
        }
        var files = SourceFiles(root, ".py").ToList();
        // ctags' Python `variable` covers every module-level name; ours are the UPPER_CASE constants and class
        // attributes, so only UPPER_CASE variables are counted (imports, ctags' namespace/unknown, are not definitions)
        var recall = RecallAgainstCtags("python", "python.scm", "Python", files,
            t => t.Kind is "class" or "function" or "member" || (t.Kind == "variable" && Regex.IsMatch(t.Name, "^_*[A-Z][A-Z0-9_]*$")));
        if (recall is null)
        {
            return;
        }
        Assert.Equal(["class", "function", "member", "variable"], recall.Keys.Order());
        foreach (var (kind, (found, total, missed)) in recall)
        {
            Assert.True(found >= 0.95 * total, $"{kind}: {found}/{total}; missed e.g. {string.Join(", ", missed.Take(10))}");
        }
    }
}
