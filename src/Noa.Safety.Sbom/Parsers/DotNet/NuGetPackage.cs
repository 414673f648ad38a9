using Noa.Safety.Sbom.Parsing;

namespace Noa.Safety.Sbom.Parsers.DotNet;

/// <summary>NuGet components, and whether a project is a test project (whose packages are dev).</summary>
internal static class NuGetPackage
{
    public static ComponentDraft Draft(string id, string? version, ComponentScope scope, string? requirement = null) => new()
    {
        Ecosystem = "nuget", Name = id, Version = version, Requirement = version is null ? requirement ?? "" : null, Scope = scope,
    };

    public static bool IsTestProject(string projectText) =>
        projectText.Contains("Microsoft.NET.Test.Sdk", StringComparison.Ordinal)
        || projectText.Contains("<IsTestProject>true</IsTestProject>", StringComparison.OrdinalIgnoreCase);

    /// <summary>The project file beside a packages.lock.json, if any.</summary>
    public static string? SiblingProject(ParseContext context)
    {
        var dir = FileSet.Directory(context.Path);
        var project = context.Files.Paths.FirstOrDefault(p => FileSet.Directory(p) == dir
            && (p.EndsWith(".csproj", StringComparison.Ordinal) || p.EndsWith(".fsproj", StringComparison.Ordinal) || p.EndsWith(".vbproj", StringComparison.Ordinal)));
        return project is null ? null : ParseContext.Decode(context.Files[project]);
    }
}
