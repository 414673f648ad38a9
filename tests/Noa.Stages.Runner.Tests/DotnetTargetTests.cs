using Noa.Stages.Runner.Planning;

namespace Noa.Stages.Runner.Tests;

/// <summary>
/// MSBuild refuses a bare <c>dotnet restore</c> in a folder with more than one project or solution file (MSB1011): the plan's
/// restore, build and test name the solution the test step uses. The real restore and build of such a folder are in
/// <see cref="RegistryEgressTests"/>.
/// </summary>
public sealed class DotnetTargetTests
{
    private static Toolbox Dotnet()
    {
        var bin = Directory.CreateTempSubdirectory("noa-runner-bin-").FullName;
        File.WriteAllText(Path.Combine(bin, "dotnet"), "");
        return new Toolbox([bin], []);
    }

    private static InstallAccess NuGet() =>
        new(InstallAccess.RegistriesPolicy, [new Noa.Abstractions.PackageRegistry("nuget", new Uri("https://registry.invalid/nuget/"), "test")]);

    private static KgTask Task(string phase, string command, string source = "convention", string cwd = "") =>
        new(phase, command, cwd, source, "x", 1, null, null);

    private static List<string> Commands(Plan plan, string phase) =>
        [.. plan.Steps.Where(s => s.Phase == phase).SelectMany(s => s.Candidates).Select(c => c.Command)];

    [Fact]
    public void SlnNextToItsSlnx_RestoreBuildAndTestNameTheSolutionTheTestStepUses()
    {
        // aspnetcore-realworld-example-app's root: Conduit.sln and Conduit.slnx; the Graph's convention tests Conduit.slnx, the
        // README builds with a bare `dotnet build`.
        var files = new HashSet<string> { "Conduit.sln", "Conduit.slnx", "src/Conduit/Conduit.csproj", "tests/Conduit.Tests/Conduit.Tests.csproj" };
        var kg = new KgFacts([Task("test", "dotnet test Conduit.slnx"), Task("build", "dotnet build -c Release", "readme")], [], []);

        var plan = Planner.Create(kg, null, files, Dotnet(), NuGet(), maxApps: 3);

        Assert.Equal(["dotnet restore Conduit.slnx"], Commands(plan, "install"));
        Assert.Equal(["dotnet build Conduit.slnx -c Release"], Commands(plan, "build"));
        Assert.Equal(["dotnet test Conduit.slnx"], Commands(plan, "test"));
        Assert.Contains("naming Conduit.slnx", Assert.Single(plan.Steps, s => s.Phase == "build").Candidates[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void ATestStepNamingAProject_TheRestoreNamesThatProject()
    {
        var files = new HashSet<string> { "App.sln", "App.csproj", "tests/App.Tests.csproj" };
        var kg = new KgFacts([Task("test", "dotnet test --filter Category!=Slow tests/App.Tests.csproj", "ci")], [], []);

        var plan = Planner.Create(kg, null, files, Dotnet(), NuGet(), maxApps: 3);

        Assert.Equal(["dotnet restore tests/App.Tests.csproj"], Commands(plan, "install"));
    }

    [Fact]
    public void NoTestOrBuildNamingOne_TheSlnxBeforeTheSln()
    {
        var files = new HashSet<string> { "App.sln", "App.slnx", "src/App.csproj" };

        var plan = Planner.Create(KgFacts.Empty, null, files, Dotnet(), NuGet(), maxApps: 3);

        Assert.Equal(["dotnet restore App.slnx"], Commands(plan, "install"));
        Assert.Equal(["dotnet test App.slnx"], Commands(plan, "test"));
    }

    [Fact]
    public void OneProjectOrSolutionInTheFolder_TheCommandsStayBare()
    {
        // The control: MSBuild finds the folder's only file itself, and commands naming one already are left as written.
        var files = new HashSet<string> { "App.slnx", "src/App/App.csproj" };
        var kg = new KgFacts([Task("build", "dotnet build", "readme"), Task("test", "dotnet test src/App/App.csproj", "ci")], [], []);

        var plan = Planner.Create(kg, null, files, Dotnet(), NuGet(), maxApps: 3);

        Assert.Equal(["dotnet restore"], Commands(plan, "install"));
        Assert.Equal(["dotnet build"], Commands(plan, "build"));
        Assert.Equal("dotnet test src/App/App.csproj", Commands(plan, "test")[0]);
        Assert.Equal("dotnet build -c Release App.slnx", DotnetTarget.Name("dotnet build -c Release App.slnx", "Other.sln"));
        Assert.Equal("dotnet run --project x.csproj", DotnetTarget.Name("dotnet run --project x.csproj", "Other.sln"));
    }
}
