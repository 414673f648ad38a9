namespace Noa.Stages.Graph.Build;

/// <summary>An entry point while the graph collects it: from the code (a <c>main</c>, an app object, a server that
/// listens), a manifest (a console script, an npm bin) or a command that launches it; merged per file.</summary>
internal sealed class EntryPoint(string kind, string file, int line, string? name)
{
    /// <summary>How kinds rank when two sources describe one file: the more telling wins.</summary>
    private static readonly string[] Precedence =
    [
        "spring-boot", "asgi", "wsgi", "django-manage", "node-server", "top-level", "csharp-main", "console-script", "node-bin", "rust-bin",
        "go-main", "java-main", "kotlin-main", "package-main", "node-main", "npm-script", "rust-main", "python-main", "app-candidate",
    ];

    public string Kind { get; set; } = kind;
    public string File { get; } = file;
    public int Line { get; set; } = line;
    public string? Name { get; set; } = name;

    /// <summary>The definition or file node it starts.</summary>
    public string? Target { get; set; }

    /// <summary>What declares it, in words: "@SpringBootApplication", "pyproject.toml [project.scripts]".</summary>
    public SortedSet<string> Evidence { get; } = new(StringComparer.Ordinal);

    /// <summary>Where a command that starts it is written (README, Procfile, Dockerfile, Makefile, CI), "file:line".</summary>
    public SortedSet<string> Documented { get; } = new(StringComparer.Ordinal);

    /// <summary>The documented command that starts it, the first by source preference, and its folder.</summary>
    public (string Text, string Cwd, int Rank, string Where)? Command { get; set; }

    /// <summary>What the program hosts, when the code says (.NET: web, worker, aspire-apphost …).</summary>
    public string? Host { get; set; }

    /// <summary>Declared by a manifest (pyproject scripts, package.json bin/main/scripts, Cargo bins).</summary>
    public bool Declared { get; set; }

    /// <summary>For an <c>app = factory()</c> candidate: asgi or wsgi when the factory builds such an application.</summary>
    public string? Candidate { get; set; }

    /// <summary>Seen in the code (not only named by a manifest or a command).</summary>
    public bool FromCode { get; set; }

    public static int Rank(string kind)
    {
        var i = Array.IndexOf(Precedence, kind);
        return i < 0 ? Precedence.Length : i;
    }

    /// <summary>Takes another description of the same entry point.</summary>
    public void Merge(EntryPoint other)
    {
        if (Rank(other.Kind) < Rank(Kind))
        {
            Kind = other.Kind;
            Line = other.Line;
            Target = other.Target ?? Target;
            Name = other.Name ?? Name;
        }
        else
        {
            Target ??= other.Target;
            Name ??= other.Name;
        }
        Host ??= other.Host;
        Candidate ??= other.Candidate;
        Declared |= other.Declared;
        FromCode |= other.FromCode;
        Evidence.UnionWith(other.Evidence);
        Documented.UnionWith(other.Documented);
        if (other.Command is { } c && (Command is null || c.Rank < Command.Value.Rank))
        {
            Command = c;
        }
    }
}
