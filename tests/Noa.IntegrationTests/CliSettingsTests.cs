using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Noa.Cli;
using Noa.Cli.Search;

namespace Noa.IntegrationTests;

/// <summary>
/// The settings the CLI's fast paths read without Microsoft.Extensions.Configuration (<see cref="CliSettings"/>) against the
/// host's configuration (<see cref="NoaHostFactory.Configure"/>) for the same environment, file and <c>--home</c>: the same
/// keys and values, so the same store, the same resident-search settings and the same settings digest as the resident
/// process computes. It sets environment variables of this process, so it runs alone.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class CliSettingsTests : IDisposable
{
    private readonly TempDir _temp = new("noa-settings");
    private readonly string _key = $"CliSettingsTest{Guid.NewGuid():N}";
    private readonly List<string> _set = [];

    public void Dispose()
    {
        foreach (var name in _set)
            Environment.SetEnvironmentVariable(name, null);
        _temp.Dispose();
    }

    private void Set(string name, string value)
    {
        _set.Add(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    [Fact]
    public void Read_GivesTheConfigurationsValues_ForTheEnvironmentAFileAndHome()
    {
        Set($"Noa__{_key}__Nested__Value", "from the environment");
        Set($"NOA__{_key.ToUpperInvariant()}__UPPER", "upper case");
        Set($"noa__{_key}__Empty", "");
        Set($"Noa:{_key}:Colons", "colons too");
        Set($"Noa__{_key}__Overridden", "environment");
        Set($"Other__{_key}", "not a Noa setting");
        var file = _temp.Write("noa.json", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Noa"] = new Dictionary<string, object>
            {
                [_key] = new Dictionary<string, object> { ["Overridden"] = "file", ["Number"] = 3, ["Flag"] = true, ["List"] = new[] { "a", "b" } },
                ["Home"] = "/from/the/file",
            },
        }));

        foreach (var global in new GlobalOptions[]
                 {
                     new(null, null, false), new(_temp.Combine("home"), null, false), new(null, file, false), new(_temp.Combine("home"), file, false),
                 })
        {
            var fast = CliSettings.Read(global);
            var full = FromConfiguration(global);
            Assert.Equal(Sorted(full.Values), Sorted(fast.Values));
            Assert.Equal(ResidentSearchProtocol.Settings(full), ResidentSearchProtocol.Settings(fast));
            Assert.Equal(full["Noa:Home"], fast["noa:home"]);
        }

        // The control: the values are what each source says, with the file over the environment and --home over both.
        var plain = CliSettings.Read(new GlobalOptions(_temp.Combine("home"), null, false));
        Assert.Equal("from the environment", plain[$"Noa:{_key}:Nested:Value"]);
        Assert.Equal("upper case", plain[$"Noa:{_key}:Upper"]);
        Assert.Equal("", plain[$"Noa:{_key}:Empty"]);
        Assert.Equal("colons too", plain[$"Noa:{_key}:Colons"]);
        Assert.Equal("environment", plain[$"Noa:{_key}:Overridden"]);
        Assert.Equal(_temp.Combine("home"), plain["Noa:Home"]);
        Assert.Null(plain[$"Other:{_key}"]);
        var withFile = CliSettings.Read(new GlobalOptions(null, file, false));
        Assert.Equal("file", withFile[$"Noa:{_key}:Overridden"]);
        Assert.Equal("/from/the/file", withFile["Noa:Home"]);
        Assert.Equal("b", withFile[$"Noa:{_key}:List:1"]);
    }

    [Fact]
    public void Settings_DigestChangesWithASetting()
    {
        var before = ResidentSearchProtocol.Settings(CliSettings.Read(new GlobalOptions(null, null, false)));
        Set($"Noa__{_key}__Model", "another");
        Assert.NotEqual(before, ResidentSearchProtocol.Settings(CliSettings.Read(new GlobalOptions(null, null, false))));
    }

    private static CliSettings FromConfiguration(GlobalOptions global)
    {
        var configuration = new ConfigurationManager();
        NoaHostFactory.Configure(configuration, global, null);
        return CliSettings.From(configuration);
    }

    private static List<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string> values) =>
        [.. values.Select(kv => KeyValuePair.Create(kv.Key.ToUpperInvariant(), kv.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal)];
}

/// <summary>Tests that change this process's environment variables: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
