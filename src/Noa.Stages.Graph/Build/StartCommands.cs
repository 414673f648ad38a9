using Noa.Stages.Graph.Repository;

namespace Noa.Stages.Graph.Build;

/// <summary>
/// The conventional command that starts an entry point when the repository documents none: each ecosystem's own
/// launcher, run from the project's folder, naming only files and wrappers that exist (<c>./mvnw</c> only when it is
/// committed). Null when there is no safe convention (a Java main without a build tool that runs it).
/// </summary>
internal static class StartCommands
{
    public static (string Text, string Cwd, string Source)? For(EntryPoint e, Project? project, RepoFacts repo, Func<string, string> packageManager)
    {
        var root = project?.Root ?? "";
        var relative = Relative(e.File, root);
        var files = repo.Files.Paths;
        string? text = e.Kind switch
        {
            "asgi" => $"uvicorn {Module(relative)}:{e.Name ?? "app"}",
            "wsgi" => $"gunicorn {Module(relative)}:{e.Name ?? "app"}",
            "django-manage" => $"python {relative} runserver",
            "package-main" => $"python -m {Module(RepoFiles.Dir(relative))}",
            "python-main" => IsPackage(e.File, files) ? $"python -m {Module(relative)}" : $"python {relative}",
            "console-script" => e.Name,
            "go-main" => RepoFiles.Dir(relative) is { Length: > 0 } dir ? $"go run ./{dir}" : "go run .",
            "rust-bin" => CargoRun(e, project, repo),
            "top-level" or "csharp-main" when project is { Ecosystem: "nuget" } => root.Length == 0 ? "dotnet run" : $"dotnet run --project {root}",
            "spring-boot" or "java-main" or "kotlin-main" => Jvm(e, root, files),
            "node-bin" => $"node {relative}",
            "node-main" or "node-server" => relative.EndsWith(".js", StringComparison.Ordinal) || relative.EndsWith(".mjs", StringComparison.Ordinal) || relative.EndsWith(".cjs", StringComparison.Ordinal)
                ? $"node {relative}" : null,
            "npm-script" when e.File.EndsWith("package.json", StringComparison.Ordinal) && e.Name is { } script =>
                script is "start" ? $"{packageManager(RepoFiles.Dir(e.File))} start" : $"{packageManager(RepoFiles.Dir(e.File))} run {script}",
            _ => null,
        };
        if (e.Kind is "top-level" or "csharp-main" && project is { Ecosystem: "nuget" } && root.Length > 0)
        {
            // `dotnet run --project` names the project folder, from the repository root.
            return (text!, "", "convention");
        }
        return text is null ? null : (text, e.Kind == "console-script" ? "" : root, "convention");
    }

    private static string Relative(string path, string root) => root.Length == 0 ? path : path[(root.Length + 1)..];

    private static string Module(string relative)
    {
        var stem = relative.EndsWith(".py", StringComparison.Ordinal) ? relative[..^3] : relative;
        if (stem.EndsWith("/__init__", StringComparison.Ordinal))
        {
            stem = stem[..^9];
        }
        if (stem.StartsWith("src/", StringComparison.Ordinal))
        {
            stem = stem[4..];
        }
        return stem.Replace('/', '.');
    }

    private static bool IsPackage(string file, HashSet<string> files)
    {
        var dir = RepoFiles.Dir(file);
        return dir.Length > 0 && files.Contains(dir + "/__init__.py");
    }

    private static string? CargoRun(EntryPoint e, Project? project, RepoFacts repo)
    {
        var bins = repo.Entries.Count(m => m.Kind == "bin" && m.Manifest == project?.Manifest);
        return bins > 1 && e.Name is { } name ? $"cargo run --bin {name}" : "cargo run";
    }

    private static string? Jvm(EntryPoint e, string root, HashSet<string> files)
    {
        string P(string name) => root.Length == 0 ? name : root + "/" + name;
        var spring = e.Kind == "spring-boot";
        if (files.Contains(P("mvnw")))
        {
            return spring ? "./mvnw spring-boot:run" : null;
        }
        if (files.Contains(P("gradlew")))
        {
            return spring ? "./gradlew bootRun" : "./gradlew run";
        }
        if (files.Contains(P("pom.xml")))
        {
            return spring ? "mvn spring-boot:run" : null;
        }
        if (files.Contains(P("build.gradle")) || files.Contains(P("build.gradle.kts")))
        {
            return spring ? "gradle bootRun" : "gradle run";
        }
        return null;
    }
}
