namespace Noa.Stages.Graph.Repository;

/// <summary>What a repository says about itself outside its code: its files, projects, the entry points its
/// manifests declare, the command lines it documents or runs, and what could not be read.</summary>
internal sealed class RepoFacts
{
    private RepoFacts(RepoFiles files, List<Project> projects, List<ManifestEntry> entries, List<CommandLine> commands, List<ConfigDeclaration> declarations, List<string> problems)
    {
        Declarations = declarations;
        Files = files;
        Projects = projects;
        Entries = entries;
        Commands = commands;
        Problems = problems;
    }

    public RepoFiles Files { get; }

    public List<Project> Projects { get; }

    public List<ManifestEntry> Entries { get; }

    public List<CommandLine> Commands { get; }

    /// <summary>Settings declared in dotenv, Spring, appsettings and Prisma files.</summary>
    public List<ConfigDeclaration> Declarations { get; }

    /// <summary>"path: reason" of each file that could not be read.</summary>
    public List<string> Problems { get; }

    /// <summary>No repository files: what a graph of loose files has.</summary>
    public static RepoFacts Empty { get; } = Read(new RepoFiles([], new Dictionary<string, string>()));

    public static RepoFacts Read(RepoFiles files)
    {
        var (projects, p1) = Repository.Projects.Read(files);
        var (entries, p2) = Manifests.Read(files);
        var (commands, p3) = CommandLines.Read(files);
        var (declarations, p4) = ConfigFiles.Read(files);
        return new RepoFacts(files, projects, entries, commands, declarations, [.. p1, .. p2, .. p3, .. p4]);
    }

    /// <summary>The project a path belongs to (the deepest root holding it), or null.</summary>
    public Project? ProjectOf(string path) => Repository.Projects.Of(Projects, path);
}
