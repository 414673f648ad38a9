namespace Noa.Stages.Graph.Repository;

/// <summary>
/// What a command line is for — <c>install</c> (dependencies), <c>build</c>, <c>test</c>, <c>run</c>, <c>lint</c>,
/// <c>setup</c> (database migrations, code generation) or <c>other</c> — from its tool and the tool's verb, after the
/// wrappers that only run another tool (<c>npx</c>, <c>poetry run</c>, <c>uv run</c>, <c>python -m</c>,
/// <c>docker compose exec SERVICE</c>, leading <c>VAR=value</c>) are taken off.
/// </summary>
internal static class CommandPhase
{
    public const string Install = "install";
    public const string Build = "build";
    public const string Test = "test";
    public const string Run = "run";
    public const string Lint = "lint";
    public const string Setup = "setup";
    public const string Other = "other";

    /// <summary>Phases a system card and the Runner care about, in the order a person runs them.</summary>
    public static readonly string[] Ordered = [Install, Build, Test, Run, Lint, Setup];

    private static readonly HashSet<string> PackageManagers = new(StringComparer.Ordinal) { "npm", "yarn", "pnpm", "bun" };

    /// <summary>The tool and its arguments once wrappers are removed (<c>npx jest</c> → <c>jest</c>).</summary>
    public static IReadOnlyList<string> Unwrap(IReadOnlyList<string> words)
    {
        var w = words.ToList();
        while (w.Count > 0)
        {
            var first = w[0];
            if (first.Contains('=', StringComparison.Ordinal) && !first.StartsWith('-') && char.IsLetter(first[0]) || first is "sudo" or "time" or "exec" or "env" or "command")
            {
                w.RemoveAt(0);
            }
            else if (first is "npx" or "bunx" or "uvx" or "pipx" && w.Count > 1)
            {
                w.RemoveRange(0, first == "pipx" && w[1] == "run" ? 2 : 1);
                w.RemoveAll(x => x is "--yes" or "-y");
            }
            else if (first is "poetry" or "uv" or "pipenv" or "pdm" or "hatch" or "rye" && w.Count > 2 && w[1] == "run")
            {
                w.RemoveRange(0, 2);
            }
            else if (first is "pnpm" or "yarn" && w.Count > 2 && w[1] is "exec" or "dlx")
            {
                w.RemoveRange(0, 2);
            }
            else if (first is "python" or "python3" or "py" && w.Count > 2 && w[1] == "-m")
            {
                w.RemoveRange(0, 2);
            }
            else if ((first == "docker-compose" && w.Count > 2 && w[1] is "exec" or "run") || (first == "docker" && w.Count > 3 && w[1] == "compose" && w[2] is "exec" or "run"))
            {
                var i = first == "docker" ? 3 : 2;
                while (i < w.Count && w[i].StartsWith('-'))
                {
                    i += w[i] is "-e" or "--env" or "-w" or "--workdir" or "-u" or "--user" ? 2 : 1;
                }
                if (i + 1 >= w.Count)
                {
                    break;
                }
                w.RemoveRange(0, i + 1); // the service name too
            }
            else
            {
                break;
            }
        }
        return w;
    }

    public static string Of(IReadOnlyList<string> words)
    {
        var w = Unwrap(words);
        if (w.Count == 0)
        {
            return Other;
        }
        var tool = w[0].Replace(".exe", "", StringComparison.Ordinal);
        var verb = w.Count > 1 ? w[1] : "";
        var rest = string.Join(' ', w.Skip(1));
        if (PackageManagers.Contains(tool))
        {
            return PackageScript(tool, verb, w.Count > 2 ? w[2] : "");
        }
        return tool switch
        {
            "pytest" or "py.test" or "tox" or "nox" or "jest" or "vitest" or "mocha" or "ava" or "karma" or "rspec" or "phpunit" or "unittest" or "nosetests" or "ctest" => Test,
            "playwright" or "cypress" => verb is "test" or "run" ? Test : Other,
            "go" => verb switch { "test" => Test, "build" or "install" or "generate" => verb == "generate" ? Setup : Build, "run" => Run, "vet" => Lint, "mod" => Install, "get" => Install, _ => Other },
            "cargo" => verb switch { "test" or "nextest" => Test, "build" or "install" => Build, "run" => Run, "clippy" or "fmt" => Lint, "fetch" => Install, "bench" => Other, _ => Other },
            "dotnet" => verb switch { "test" => Test, "build" or "publish" or "pack" => Build, "run" or "watch" => Run, "restore" => Install, "format" => Lint, "ef" => Setup, _ => Other },
            "make" or "just" or "task" => Target(verb),
            "mvn" or "./mvnw" or "mvnw" or "mvnw.cmd" => Maven(w),
            "gradle" or "./gradlew" or "gradlew" or "gradlew.bat" => Gradle(w),
            "pip" or "pip3" or "poetry" or "pipenv" or "pdm" or "uv" or "bundle" or "composer" => verb is "install" or "sync" or "add" || (tool == "uv" && verb == "pip") ? Install
                : verb == "build" ? Build : verb is "test" ? Test : Other,
            "hatch" => verb switch { "test" => Test, "build" => Build, "env" => Install, _ => Other },
            "uvicorn" or "gunicorn" or "hypercorn" or "daphne" or "waitress-serve" or "granian" or "uwsgi" or "serve" or "http-server" or "nodemon" or "ts-node" or "tsx" or "deno" => tool == "deno" && verb == "test" ? Test : Run,
            "fastapi" => verb is "run" or "dev" ? Run : Other,
            "flask" => verb switch { "run" => Run, "test" => Test, "db" => Setup, _ => Other },
            "python" or "python3" or "py" or "./manage.py" or "manage.py" or "django-admin" => Python(w),
            "node" => Run,
            "build" => Build, // python -m build
            "java" => verb == "-jar" ? Run : Other,
            "docker" => verb switch { "build" => Build, "run" => Run, "compose" => Compose(w.Skip(2).FirstOrDefault() ?? ""), _ => Other },
            "docker-compose" or "podman-compose" => Compose(verb),
            "next" or "vite" or "nuxt" or "astro" or "remix" or "ng" or "nest" or "react-scripts" or "vue-cli-service" or "webpack" or "tsc" or "rollup" or "esbuild" or "tsup" or "parcel" =>
                verb switch { "build" => Build, "test" => Test, "lint" => Lint, "dev" or "start" or "serve" or "" or "preview" => tool is "tsc" or "webpack" or "rollup" or "esbuild" or "tsup" ? Build : Run, _ => tool is "tsc" or "tsup" or "esbuild" or "rollup" ? Build : Other },
            "ruff" or "flake8" or "pylint" or "mypy" or "black" or "isort" or "eslint" or "prettier" or "biome" or "golangci-lint" or "gofmt" or "rubocop" or "clippy" or "stylelint" or "pre-commit" or "prek" => Lint,
            "alembic" or "prisma" or "sqlx" or "diesel" or "migrate" => Setup,
            "rails" => verb is "s" or "server" ? Run : verb == "test" ? Test : Setup,
            "rake" => verb is "test" or "spec" ? Test : Other,
            "cmake" => rest.Contains("--build", StringComparison.Ordinal) ? Build : Setup,
            "meson" or "ninja" or "bazel" or "sbt" or "swift" or "zig" or "mix" => verb switch { "test" => Test, "build" or "compile" or "" => Build, "run" => Run, _ => Other },
            "aspire" or "azd" => verb is "run" or "up" ? Run : Other,
            _ => Other,
        };
    }

    private static string PackageScript(string tool, string verb, string script) => verb switch
    {
        "install" or "ci" or "i" or "" when !(tool == "bun" && verb == "") => Install,
        "add" => Install,
        "test" or "t" => Test,
        "start" => Run,
        "run" or "run-script" => Script(script),
        _ => tool is "yarn" or "pnpm" or "bun" ? Script(verb) : Other, // `yarn dev`, `pnpm build`
    };

    /// <summary>The phase an npm script, Makefile target or justfile recipe is for, by its name.</summary>
    public static string Script(string name)
    {
        var n = name.ToLowerInvariant();
        var head = n.Split(':', '-', '.', '_')[0];
        return head switch
        {
            "test" or "tests" or "e2e" or "spec" or "coverage" or "cover" or "cov" or "check" when n != "check-format" => Test,
            "build" or "compile" or "bundle" or "dist" or "package" => Build,
            "start" or "dev" or "serve" or "server" or "develop" or "watch" or "preview" or "run" or "up" => Run,
            "lint" or "format" or "fmt" or "prettier" or "eslint" or "typecheck" or "types" or "style" => Lint,
            "install" or "deps" or "bootstrap" or "setup" or "init" => Install,
            "migrate" or "migration" or "seed" or "generate" or "codegen" or "db" or "prisma" => Setup,
            _ => Other,
        };
    }

    private static string Target(string target) => target.Length == 0 ? Build : target.ToLowerInvariant() switch
    {
        "all" or "default" => Build,
        "unit" or "unittest" or "unittests" or "pytest" or "integration" => Test,
        _ => Script(target),
    };

    private static string Maven(IReadOnlyList<string> w)
    {
        var goals = w.Skip(1).Where(a => !a.StartsWith('-')).ToList();
        if (goals.Any(g => g is "spring-boot:run" or "exec:java" or "quarkus:dev" or "jetty:run"))
        {
            return Run;
        }
        if (goals.Any(g => g is "test" or "verify" or "integration-test"))
        {
            return goals.Any(g => g is "package" or "install") && !goals.Contains("test") ? Build : Test;
        }
        return goals.Any(g => g is "package" or "install" or "compile" or "clean") ? Build : Other;
    }

    private static string Gradle(IReadOnlyList<string> w)
    {
        var tasks = w.Skip(1).Where(a => !a.StartsWith('-')).Select(a => a[(a.LastIndexOf(':') + 1)..]).ToList();
        if (tasks.Any(t => t is "bootRun" or "run" or "quarkusDev"))
        {
            return Run;
        }
        if (tasks.Any(t => t is "test" or "check" or "integrationTest"))
        {
            return Test;
        }
        return tasks.Any(t => t is "build" or "assemble" or "bootJar" or "jar" or "shadowJar" or "installDist" or "clean") ? Build : Other;
    }

    private static string Python(IReadOnlyList<string> w)
    {
        var args = w.Skip(w[0] is "./manage.py" or "manage.py" or "django-admin" ? 0 : 1).ToList();
        if (args.Count > 0 && args[0].EndsWith("manage.py", StringComparison.Ordinal) || w[0] == "django-admin")
        {
            var verb = args.Count > 1 ? args[1] : "";
            return verb switch { "runserver" => Run, "test" => Test, "migrate" or "makemigrations" or "collectstatic" or "loaddata" or "createsuperuser" => Setup, _ => Setup };
        }
        if (args.Count > 0 && args[0].EndsWith(".py", StringComparison.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(args[0]);
            return name.StartsWith("test", StringComparison.Ordinal) || name.StartsWith("run_tests", StringComparison.Ordinal) ? Test
                : name is "setup" ? Build : Run;
        }
        return Other;
    }

    private static string Compose(string verb) => verb switch
    {
        "up" or "watch" or "start" => Run,
        "build" => Build,
        _ => Other,
    };
}
