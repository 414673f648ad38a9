using Noa.Abstractions;
using Noa.Capsule.Policy;

namespace Noa.Capsule.Tests;

/// <summary>
/// The registries policy is what the host's own configuration names: each tool's configuration files and variables in a folder
/// of the test's own (npm itself reads its configuration), and the policy derived from them allows those destinations only.
/// </summary>
public sealed class PackageRegistriesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("noa-registries-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string path, string content)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    private HostSettings Host(params (string Name, string Value)[] environment) => new(Path.Combine(_root, "home"), Path.Combine(_root, "etc"),
        environment.Append(("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")).ToDictionary(e => e.Item1, e => e.Item2, StringComparer.Ordinal));

    [Fact]
    public void Read_CargoSourcesAndRegistries_AndMavenMirrors()
    {
        Write("home/.cargo/config.toml", "[source.crates-io]\nreplace-with = \"corp\"\n\n[source.corp]\nregistry = \"sparse+https://cargo.example.test/index/\"\n\n"
            + "[source.vendored]\ndirectory = \"/srv/vendor\"\n\n[registries.other]\nindex = \"https://git.example.test/index.git\" # comment\n[net]\ngit-fetch-with-cli = true\n");
        Write("home/.m2/settings.xml", """
            <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
              <mirrors><mirror><id>blocker</id><mirrorOf>external:http:*</mirrorOf><url>http://0.0.0.0/</url><blocked>true</blocked></mirror>
                <mirror><id>corp</id><mirrorOf>*</mirrorOf><url>https://maven.example.test/repository/public/</url></mirror></mirrors>
              <profiles><profile><id>p</id><repositories><repository><id>r</id><url>http://10.0.0.7:8081/releases</url></repository></repositories></profile></profiles>
              <proxies><proxy><host>proxy.example.test</host></proxy></proxies>
            </settings>
            """);

        var found = PackageRegistries.Read(Host(("CARGO_REGISTRIES_EXTRA_INDEX", "sparse+https://extra-cargo.example.test/")));

        var byEcosystem = found.GroupBy(r => r.Ecosystem).ToDictionary(g => g.Key, g => g.Select(r => r.Destination).ToList());
        Assert.Equal(["extra-cargo.example.test:443", "cargo.example.test:443", "git.example.test:443"], byEcosystem["cargo"]);
        Assert.Equal(["maven.example.test:443", "10.0.0.7:8081"], byEcosystem["maven"]);
    }

    [Fact]
    public void Read_NoCargoOrMavenConfiguration_NamesNeither()
    {
        // Control: Cargo's built-in crates.io and Maven Central are defaults, not configuration.
        Write("home/.cargo/config.toml", "[net]\noffline = true\n");

        var found = PackageRegistries.Read(Host());

        Assert.DoesNotContain(found, r => r.Ecosystem is "cargo" or "maven");
    }

    [Fact]
    public void Read_EachToolsConfiguration_AndOnlyHttpRegistries()
    {
        Write("home/.nuget/NuGet/NuGet.Config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="before-clear" value="https://cleared.example.test/v3/index.json" />
                <clear />
                <add key="main" value="https://nuget.example.test/v3/index.json" />
                <add key="off" value="https://disabled.example.test/v3/index.json" />
                <add key="local" value="/srv/packages" />
              </packageSources>
              <disabledPackageSources><add key="off" value="true" /></disabledPackageSources>
            </configuration>
            """);
        Write("etc/pip.conf", "[global]\ncert = /etc/ssl/certs/ca-certificates.crt\nindex-url = https://pip.example.test/simple\nextra-index-url =\n    https://extra.example.test/simple\n    http://10.0.0.5:8080/simple\n[freeze]\nindex-url = https://ignored.example.test/\n");
        Write("etc/apt/sources.list", "# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://deb.example.test/debian bookworm main\ndeb-src http://src.example.test/debian bookworm main\ndeb cdrom:[Debian]/ bookworm main\n");
        Write("etc/apt/sources.list.d/debian.sources", "Types: deb\nURIs: http://apt.example.test/debian\nSuites: bookworm\n\nTypes: deb\nEnabled: no\nURIs: http://disabled-apt.example.test/debian\n");

        var found = PackageRegistries.Read(Host(("GOPROXY", "https://go.example.test,direct|off"), ("npm_config_registry", "https://npm.example.test/"),
            ("npm_config_@corp:registry", "https://corp-npm.example.test:8443/")));

        var byEcosystem = found.GroupBy(r => r.Ecosystem).ToDictionary(g => g.Key, g => g.Select(r => r.Destination).ToList());
        Assert.Equal(["nuget.example.test:443"], byEcosystem["nuget"]);
        Assert.Equal(["pip.example.test:443", "extra.example.test:443", "10.0.0.5:8080"], byEcosystem["pip"]);
        Assert.Equal(["go.example.test:443"], byEcosystem["go"]);
        Assert.Equal(["deb.example.test:80", "src.example.test:80", "apt.example.test:80"], byEcosystem["apt"]);
        if (File.Exists("/usr/bin/npm"))
            Assert.Equal(["corp-npm.example.test:8443", "npm.example.test:443"], byEcosystem["npm"].Order(StringComparer.Ordinal));
        Assert.Contains(found, r => r.Ecosystem == "nuget" && r.Where.EndsWith("NuGet.Config", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NothingConfigured_NamesNoRegistryOfItsOwn()
    {
        Write("etc/pip.conf", "[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n");

        var found = PackageRegistries.Read(Host(("GOPROXY", "off")));

        // npm always has a registry (its built-in default is npm's own configuration); nothing else is invented.
        Assert.All(found, r => Assert.Equal("npm", r.Ecosystem));
    }

    [Fact]
    public async Task Policy_FromRegistries_AllowsTheirDestinationsOnly_AndAnIpLiteralOnlyByItsAddress()
    {
        var policy = EgressPolicies.FromRegistries([
            new PackageRegistry("npm", new Uri("https://localhost/"), "test"),
            new PackageRegistry("pip", new Uri("http://127.0.0.1:8080/simple"), "test"),
        ]);

        // A name allowed by the configuration that resolves to a local address is still refused (DNS rebinding).
        Assert.False((await policy.DecideAsync("localhost", 443, default)).Allowed);
        // The same host on another port, and any other host, are refused before any lookup.
        Assert.False((await policy.DecideAsync("127.0.0.1", 9999, default)).Allowed);
        Assert.False((await policy.DecideAsync("elsewhere.example.test", 443, default)).Allowed);
        // An IP literal the host's configuration names is allowed, at that address and port only.
        Assert.True((await policy.DecideAsync("127.0.0.1", 8080, default)).Allowed);
        Assert.False((await policy.DecideAsync("127.0.0.2", 8080, default)).Allowed);
    }

    [Fact]
    public void Policies_RegistriesIsBuiltIn_AndAConfiguredOneReplacesIt()
    {
        var derived = new EgressPolicies(new CapsuleOptions(), () => [new PackageRegistry("npm", new Uri("https://npm.example.test/"), "test")]);
        var configured = new EgressPolicies(new CapsuleOptions { Policies = { ["registries"] = new EgressPolicyOptions { Allow = ["mirror.example.test:443"] } } },
            () => throw new InvalidOperationException("a configured registries policy is not derived"));

        Assert.Equal(["npm.example.test:443"], derived.Find("registries")!.Rules.Select(r => r.ToString()));
        Assert.Equal(["mirror.example.test:443"], configured.Find("registries")!.Rules.Select(r => r.ToString()));
        Assert.Contains("registries", derived.Names);
    }
}
