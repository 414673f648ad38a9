using System.Globalization;
using Noa.Abstractions.Graph;
using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Build;

// Tasks: how to install, build, test, run, lint and set up, from what the repository documents or runs — README code
// blocks, Makefile and justfile targets, package.json scripts, Procfiles, CI workflow steps — and, for a phase none of
// them covers in a project, its build tool's convention. A `task` node each (phase, command, folder, source, project),
// at the file and line that documents it. A command that names a file the source does not have is kept with
// `missing` set, so readers can say so and never run it.
internal sealed partial class GraphBuilder
{
    private static readonly string[] OutputFolders = ["dist", "build", "out", "target", "bin", "obj", "node_modules", ".venv", "venv", ".next", "coverage", "artifacts", "publish"];

    private void AddTasks()
    {
        var tasks = new Dictionary<(string Phase, string Cwd, string Command), (CommandLine Line, SortedSet<string> Where)>();
        foreach (var line in _repo.Commands)
        {
            var (command, phase) = TaskOf(line);
            if (command is null || phase is CommandPhase.Other)
            {
                continue;
            }
            var key = (phase, line.Cwd, command);
            if (tasks.TryGetValue(key, out var existing))
            {
                existing.Where.Add(line.Where);
                if (SourceRank(line.Source) < SourceRank(existing.Line.Source))
                {
                    tasks[key] = (line, existing.Where);
                }
                continue;
            }
            tasks[key] = (line, new SortedSet<string>(StringComparer.Ordinal) { line.Where });
        }
        foreach (var ((phase, cwd, command), (line, where)) in tasks)
        {
            WriteTask(phase, cwd, command, line.File, line.Line, line.Source, line.Name, where, Missing(command, cwd));
        }
        foreach (var (phase, cwd, file, command) in Conventions(tasks.Keys.ToList()))
        {
            WriteTask(phase, cwd, command, file, 1, "convention", null, [], null);
        }
    }

    // The command a line stands for as a task: Makefile/justfile targets as `make x`, npm scripts as `npm run x`, the
    // others as written. Recipe lines and container commands are how targets and images work, not tasks of their own.
    private (string? Command, string Phase) TaskOf(CommandLine line)
    {
        switch (line.Source)
        {
            case "makefile" or "justfile":
                return line.Name is { } target && line.Text == $"{(line.Source == "makefile" ? "make" : "just")} {target}"
                    ? (line.Text, CommandPhase.Of(line.Words)) : (null, CommandPhase.Other);
            case "package.json":
                var phase = CommandPhase.Script(line.Name ?? "");
                if (phase == CommandPhase.Other)
                {
                    phase = CommandPhase.Of(line.Words);
                }
                return line.Name is null || line.Name.StartsWith("pre", StringComparison.Ordinal) || line.Name.StartsWith("post", StringComparison.Ordinal)
                    ? (null, CommandPhase.Other) : (NpmRun(line.Cwd, line.Name), phase);
            case "dockerfile" or "compose" or "flaskenv" or "uwsgi":
                return (null, CommandPhase.Other);
            default:
                return line.Text.StartsWith("git ", StringComparison.Ordinal) || line.Text.StartsWith("export ", StringComparison.Ordinal)
                    ? (null, CommandPhase.Other) : (line.Text, CommandPhase.Of(line.Words));
        }
    }

    /// <summary>The first path a command names that the source does not have, or null. Build outputs, globs,
    /// variables, placeholders and URLs are not checked.</summary>
    internal string? Missing(string command, string cwd)
    {
        var words = new CommandLine("", 1, cwd, command, "").Words;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (i > 0 && words[i - 1] is ">" or ">>" or "2>" or "-o" or "--output" or "--out" or "--outDir" or "-t" or "--tag")
            {
                continue;
            }
            var value = word.Contains('=', StringComparison.Ordinal) && word.StartsWith('-') ? word[(word.IndexOf('=', StringComparison.Ordinal) + 1)..] : word;
            if (value.StartsWith('-') || value.IndexOfAny(['$', '*', '<', '>', '{', '[', '%', '~', '|', '`', '@', '(']) >= 0 || value.Contains("://", StringComparison.Ordinal)
                || value.StartsWith('/') || value.Contains(':', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal))
            {
                continue;
            }
            var pathLike = value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("../", StringComparison.Ordinal)
                || (value.Contains('/', StringComparison.Ordinal) && i > 0)
                || (i > 0 && HasSourceExtension(value));
            if (!pathLike)
            {
                continue;
            }
            var trimmed = value.EndsWith("/...", StringComparison.Ordinal) ? value[..^4] : value.TrimEnd('/');
            if (RepoFiles.Join(cwd, trimmed) is not { } path)
            {
                continue;
            }
            var first = path.Split('/')[0];
            var relativeFirst = trimmed.TrimStart('.', '/').Split('/')[0];
            if (OutputFolders.Contains(first) || OutputFolders.Contains(relativeFirst) || path.Length == 0)
            {
                continue;
            }
            if (!_repo.Files.Paths.Contains(path) && !_repo.Files.Directories.Contains(path))
            {
                return trimmed;
            }
        }
        return null;
    }

    private static bool HasSourceExtension(string word)
    {
        var ext = System.IO.Path.GetExtension(word).ToLowerInvariant();
        return ext is ".py" or ".js" or ".mjs" or ".cjs" or ".ts" or ".go" or ".rs" or ".sh" or ".ps1" or ".csproj" or ".sln" or ".slnx" or ".json" or ".yml" or ".yaml"
            or ".toml" or ".txt" or ".cfg" or ".ini" or ".env" or ".java" or ".kt" or ".rb" or ".jar" && !word.StartsWith("-", StringComparison.Ordinal);
    }

    private void WriteTask(string phase, string cwd, string command, string file, int line, string source, string? name, IEnumerable<string> where, string? missing)
    {
        var project = _repo.ProjectOf(cwd.Length == 0 ? "" : cwd + "/") ?? _repo.Projects.FirstOrDefault(p => p.Root == cwd);
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["phase"] = phase,
            ["command"] = command,
            ["cwd"] = cwd.Length == 0 ? "." : cwd,
            ["source"] = source,
            ["rank"] = SourceRank(source == "convention" ? "~" : source).ToString(CultureInfo.InvariantCulture),
        };
        if (project is not null)
        {
            properties["project"] = project.Manifest;
            properties["app"] = project.Root.Length == 0 ? "." : project.Root;
        }
        if (name is not null)
        {
            properties["name"] = name;
        }
        if (where.Skip(1).Any())
        {
            properties["documented"] = string.Join(", ", where.Take(10));
        }
        if (missing is not null)
        {
            properties["missing"] = missing;
        }
        var id = $"task:{phase}:{(cwd.Length == 0 ? "." : cwd)}:{command}";
        Node(new KgNode { Id = id, Kind = "task", Name = command, File = file, Range = new TextRange(line, 1, line, 1), Properties = properties });
    }

    // For each product project that is not inside another of its ecosystem (.NET: each solution, else each project):
    // the build tool's own commands for the phases the repository documents nowhere in that folder.
    private IEnumerable<(string Phase, string Cwd, string File, string Command)> Conventions(List<(string Phase, string Cwd, string Command)> documented)
    {
        var files = _repo.Files.Paths;
        bool Has(string phase, string cwd) => documented.Any(d => d.Phase == phase && d.Cwd == cwd);
        var solutions = files.Where(x => (x.EndsWith(".sln", StringComparison.Ordinal) || x.EndsWith(".slnx", StringComparison.Ordinal)) && _scoping.Of(x) == Scopes.Product)
            .GroupBy(RepoFiles.Dir).Select(g => g.Order(StringComparer.Ordinal).Last()).Order(StringComparer.Ordinal).ToList();
        var topSolutions = solutions.Where(s => !solutions.Any(o => o != s && RepoFiles.Dir(o).Length < RepoFiles.Dir(s).Length && Under(s, RepoFiles.Dir(o)))).ToList();
        foreach (var sln in topSolutions)
        {
            var dir = RepoFiles.Dir(sln);
            if (!Has(CommandPhase.Build, dir))
            {
                yield return (CommandPhase.Build, dir, sln, $"dotnet build {System.IO.Path.GetFileName(sln)}");
            }
            if (!Has(CommandPhase.Test, dir) && _repo.Projects.Any(t => t.IsTest && Under(t.Manifest, dir)))
            {
                yield return (CommandPhase.Test, dir, sln, $"dotnet test {System.IO.Path.GetFileName(sln)}");
            }
        }
        foreach (var p in _repo.Projects.Where(p => !p.IsTest && _scoping.Of(p.Manifest) == Scopes.Product))
        {
            if (_repo.Projects.Any(o => o != p && o.Ecosystem == p.Ecosystem && o.Root.Length < p.Root.Length && Under(p.Manifest, o.Root)
                    && (o.IsWorkspace || p.Ecosystem is "go" or "cargo" or "maven" or "gradle"))
                || (p.Ecosystem == "nuget" && topSolutions.Any(s => Under(p.Manifest, RepoFiles.Dir(s)))))
            {
                continue;
            }
            string P(string n) => p.Root.Length == 0 ? n : p.Root + "/" + n;
            var hasTests = _files.Any(f => Under(f.Path, p.Root) && _scoping.IsTest(f.Path));
            var (install, build, test) = p.Ecosystem switch
            {
                "nuget" => ((string?)null, $"dotnet build {System.IO.Path.GetFileName(p.Manifest)}", (string?)null),
                "npm" => ($"{PackageManager(p.Root)} install", null, null),
                "pypi" => (files.Contains(P("uv.lock")) ? "uv sync" : files.Contains(P("poetry.lock")) ? "poetry install"
                    : files.Contains(P("requirements.txt")) ? "pip install -r requirements.txt" : "pip install -e .", null, hasTests ? "pytest" : null),
                "go" => ("go mod download", "go build ./...", hasTests ? "go test ./..." : null),
                "cargo" => (null, "cargo build", "cargo test"),
                "maven" => (null, files.Contains(P("mvnw")) ? "./mvnw package" : "mvn package", files.Contains(P("mvnw")) ? "./mvnw test" : "mvn test"),
                "gradle" => (null, files.Contains(P("gradlew")) ? "./gradlew build" : "gradle build", files.Contains(P("gradlew")) ? "./gradlew test" : "gradle test"),
                _ => (null, null, null),
            };
            foreach (var (phase, command) in new[] { (CommandPhase.Install, install), (CommandPhase.Build, build), (CommandPhase.Test, test) })
            {
                if (command is not null && !Has(phase, p.Root))
                {
                    yield return (phase, p.Root, p.Manifest, command);
                }
            }
        }
    }
}
