using Noa.Abstractions;
using Noa.Stages.Env.Planning;

namespace Noa.Stages.Env.Tests;

/// <summary>Go modules and Rust crates from Debian's packages in the generated Dockerfiles when image builds reach apt (the Runner's
/// debian_go.py and debian_rust.py), with the registry's own command kept, first, when the registry is configured.</summary>
public sealed class DebianSourceTests
{
    private static readonly PackageRegistry Apt = new("apt", new Uri("http://deb.debian.org/debian"), "/etc/apt/sources.list.d/debian.sources");

    private static readonly PackageRegistry GoProxy = new("go", new Uri("https://proxy.golang.org"), "go env GOPROXY");

    private static readonly PackageRegistry Crates = new("cargo", new Uri("https://index.crates.io/"), "CARGO_REGISTRIES_CRATES_IO_INDEX");

    private static MemorySourceTree GoService() => new(
        ("go.mod", "module example.com/hello\n\ngo 1.19\n\nrequire github.com/gorilla/mux v1.8.0\n"),
        ("go.sum", ""),
        ("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gorilla/mux\"\n)\n\nfunc main() {\n\tr := mux.NewRouter()\n\tr.HandleFunc(\"/\", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(\"hello\")) })\n\thttp.ListenAndServe(\":8080\", r)\n}\n"));

    private static MemorySourceTree RustService() => new(
        ("Cargo.toml", "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ntiny_http = \"0.12\"\n"),
        ("Cargo.lock", "version = 3\n"),
        ("src/main.rs", "fn main() {\n    let server = tiny_http::Server::http(\"0.0.0.0:8080\").unwrap();\n    for request in server.incoming_requests() {\n        let _ = request.respond(tiny_http::Response::from_string(\"hello\"));\n    }\n}\n"));

    [Fact]
    public async Task GoModules_WithAptAndNoGoProxy_AreDebianPackages_InTheDependencyLayer()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(GoService(), options: new EnvOptions { Verify = false, Registries = [Apt] });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(DebianSource.Rule, app.Install.Rule);
        Assert.DoesNotContain("go mod download", app.Install.Value);
        Assert.Contains("/etc/apt/sources.list.d/debian.sources", app.Install.Evidence.Last());
        // plan.json says what the script does beyond go.mod: Debian's Contents index, and the module's own requirement dropped.
        Assert.Contains(DebianSource.GoMapping, app.Install.Evidence);
        var dockerfile = Dockerfile(artifacts);
        // The scripts arrive with go.mod and go.sum, before the source: the dependency layer stays apart from the source.
        var scripts = dockerfile.IndexOf("COPY env/debian_go.py env/debian_apt.py /opt/noa-deps/\nRUN apt-get update", StringComparison.Ordinal);
        Assert.True(dockerfile.IndexOf("COPY go.mod /src/go.mod", StringComparison.Ordinal) is var mod && mod >= 0 && mod < scripts, dockerfile);
        Assert.True(scripts < dockerfile.IndexOf("COPY . /src/", StringComparison.Ordinal), dockerfile);
        // go.mod's replacements outlive the source copy, through -modfile.
        Assert.Contains("-modfile=/opt/noa-deps/go.mod", app.Install.Value);
        Assert.Contains("import glob", artifacts.Text("env/debian_go.py"));
        Assert.Contains("def install(", artifacts.Text("env/debian_apt.py"));
        Assert.DoesNotContain("env/debian_rust.py", artifacts.Files.Keys);
    }

    [Fact]
    public async Task GoModules_WithAGoProxy_KeepGoModDownloadFirst_AndWithoutAptAlone_Control()
    {
        var (_, both, withApt) = await EnvHarness.RunAsync(GoService(), options: new EnvOptions { Verify = false, Registries = [GoProxy, Apt] });
        var (_, proxyOnly, withoutApt) = await EnvHarness.RunAsync(GoService(), options: new EnvOptions { Verify = false, Registries = [GoProxy] });

        Assert.StartsWith("go mod download || (apt-get update", EnvHarness.App(withApt, ".").Install.Value);
        Assert.Contains("https://proxy.golang.org/ (go env GOPROXY) first", EnvHarness.App(withApt, ".").Install.Evidence.Last());
        Assert.Contains("env/debian_go.py", both.Files.Keys);
        Assert.Equal(("go mod download", "install.go-modules"), (EnvHarness.App(withoutApt, ".").Install.Value, EnvHarness.App(withoutApt, ".").Install.Rule));
        Assert.DoesNotContain("/opt/noa-deps", Dockerfile(proxyOnly));
        Assert.DoesNotContain("env/debian_go.py", proxyOnly.Files.Keys);
    }

    [Fact]
    public async Task RustCrates_WithAptAndNoCargoRegistry_AreDebianPackages_AndTheBuildIsNotLocked()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(RustService(), options: new EnvOptions { Verify = false, Registries = [Apt] });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(DebianSource.Rule, app.Install.Rule);
        Assert.Contains("NOA_RUSTROOT=/opt/noa-deps/rustroot python3 /opt/noa-deps/debian_rust.py", app.Install.Value);
        // Cargo.lock pins crates.io's versions, which the script sets aside: --locked would refuse Debian's.
        Assert.Equal("cargo build --release", app.Build.Value);
        var dockerfile = Dockerfile(artifacts);
        Assert.Contains("COPY env/debian_rust.py env/debian_apt.py /opt/noa-deps/\nRUN apt-get update", dockerfile);
        Assert.Contains("tomllib", artifacts.Text("env/debian_rust.py"));
    }

    [Fact]
    public async Task RustCrates_WithACargoRegistryAndNoApt_FetchAndBuildLocked_Control()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(RustService(), options: new EnvOptions { Verify = false, Registries = [Crates] });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(("cargo fetch", "cargo build --release --locked"), (app.Install.Value, app.Build.Value));
        Assert.DoesNotContain("env/debian_rust.py", artifacts.Files.Keys);
    }

    private static string Dockerfile(MemoryArtifacts artifacts) => artifacts.Text(Assert.Single(artifacts.Files.Keys, k => k.EndsWith("/Dockerfile", StringComparison.Ordinal)));
}
