using Noa.Hosting;

namespace Noa.Hosting.Tests;

public sealed class ModuleCatalogueTests
{
    private static ModuleDefinition Module(string name, params string[] deps) => new(name, name, deps, _ => { });
    private static ModuleDefinition Group(string name, params string[] deps) => new(name, name, deps);

    private static readonly ModuleCatalogue Catalogue = new(
    [
        Group("all", "gateway", "workers"),
        Module("artifacts"),
        Module("bus"),
        Module("classifier", "workflows"),
        Module("gateway", "workflows"),
        Module("intake", "workflows"),
        Module("metadata"),
        Group("workers", "classifier", "intake"),
        Module("workflows", "artifacts", "bus", "metadata"),
    ]);

    [Fact]
    public void Resolve_SingleModule_ReturnsDependenciesFirst()
    {
        var names = Catalogue.Resolve("intake").Select(m => m.Name).ToArray();
        Assert.Equal(["artifacts", "bus", "metadata", "workflows", "intake"], names);
    }

    [Fact]
    public void Resolve_Group_ExpandsMembersAndLeavesGroupsOut()
    {
        var names = Catalogue.Resolve("all").Select(m => m.Name).ToArray();
        Assert.Equal(["artifacts", "bus", "metadata", "workflows", "gateway", "classifier", "intake"], names);
        Assert.DoesNotContain("workers", names);
    }

    [Fact]
    public void Resolve_OverlappingTargets_RegistersEachModuleOnce()
    {
        var names = Catalogue.Resolve("intake, classifier,intake").Select(m => m.Name).ToArray();
        Assert.Equal(names.Distinct().Count(), names.Length);
        Assert.Equal(6, names.Length);
    }

    [Fact]
    public void Resolve_UnknownTargets_NamesEveryOneAndTheValidTargets()
    {
        var e = Assert.Throws<TargetResolutionException>(() => Catalogue.Resolve("intake,gatewy,clasifier"));
        Assert.Contains("'gatewy'", e.Message);
        Assert.Contains("'clasifier'", e.Message);
        Assert.Contains("valid targets: all, artifacts, bus, classifier", e.Message);
    }

    [Fact]
    public void Resolve_EmptyList_IsAnError()
    {
        Assert.Throws<TargetResolutionException>(() => Catalogue.Resolve(" , "));
    }

    [Fact]
    public void Constructor_Cycle_ReportsThePath()
    {
        var e = Assert.Throws<TargetResolutionException>(() => new ModuleCatalogue(
            [Module("a", "b"), Module("b", "c"), Module("c", "a")]));
        Assert.Contains("dependency cycle: a -> b -> c -> a", e.Message);
    }

    [Theory]
    [InlineData("Gateway")]
    [InlineData("env_synthesis")]
    [InlineData("-intake")]
    [InlineData("intake-")]
    public void Constructor_NameNotKebabCase_IsRejected(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => new ModuleCatalogue([Module(name)]));
        Assert.Contains("kebab-case", e.Message);
    }

    [Fact]
    public void Constructor_UnknownDependency_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModuleCatalogue([Module("a", "nope")]));
        Assert.Contains("unknown module 'nope'", e.Message);
    }

    [Fact]
    public void Constructor_TableNotSortedByName_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModuleCatalogue([Module("bus"), Module("artifacts")]));
        Assert.Contains("'artifacts' comes after 'bus'", e.Message);
    }
}
