namespace Noa.Stages.Env.Planning;

/// <summary>
/// A language's toolchain: its default version (the one <c>scripts/images.sh</c> builds locally, so a Dockerfile using it builds
/// here) and its build and run images for a version.
/// </summary>
internal sealed record Toolchain(string Name, string DefaultVersion, Func<string, string> BuildImage, Func<string, string> RunImage)
{
    public static readonly Toolchain Python = new("python", "3.11", v => $"python:{v}-slim", v => $"python:{v}-slim");
    public static readonly Toolchain Node = new("node", "18", v => $"node:{v}-slim", v => $"node:{v}-slim");
    public static readonly Toolchain Go = new("go", "1.19", v => $"golang:{v}", _ => "debian:bookworm-slim");
    public static readonly Toolchain Rust = new("rust", "1.63", v => $"rust:{v}-slim", _ => "debian:bookworm-slim");
    public static readonly Toolchain Java = new("java", "17", v => $"maven:3.8.7-eclipse-temurin-{v}", v => $"eclipse-temurin:{v}-jdk");
    public static readonly Toolchain Dotnet = new("dotnet", "8.0", v => $"mcr.microsoft.com/dotnet/sdk:{v}", v => $"mcr.microsoft.com/dotnet/aspnet:{v}");

    /// <summary>The toolchain of an app's language (linguist name) or build system; null when none is supported.</summary>
    public static Toolchain? For(string? language, string? buildSystem) => (language, buildSystem) switch
    {
        ("Python", _) or (_, "pip" or "poetry" or "uv" or "setuptools" or "pipenv" or "hatch" or "pdm") => Python,
        ("JavaScript" or "TypeScript", _) or (_, "npm" or "pnpm" or "yarn" or "bun") => Node,
        ("Go", _) or (_, "go-modules") => Go,
        ("Rust", _) or (_, "cargo") => Rust,
        ("Java" or "Kotlin" or "Scala", _) or (_, "maven" or "gradle") => Java,
        ("C#" or "F#" or "Visual Basic .NET", _) or (_, "dotnet") => Dotnet,
        _ => null,
    };
}
