using Noa.Abstractions;
using Noa.Abstractions.Env;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// Go modules and Rust crates without their registry, as the Runner installs them (its <c>Planning/DebianSource</c>): when image
/// builds reach Debian's apt, the build stage maps go.mod's modules to Debian's <c>golang-*-dev</c> packages (the Runner's
/// <c>Go/debian_go.py</c>: each module a directory replacement in go.mod) or Cargo.toml's crates to <c>librust-*-dev</c> packages
/// (<c>Rust/debian_rust.py</c>: a directory source replacing crates.io, Cargo.lock set aside), both importing
/// <c>Debian/debian_apt.py</c> — the Runner's files, embedded here too and written as <c>env/debian_go.py</c>,
/// <c>env/debian_rust.py</c> and <c>env/debian_apt.py</c>. When the ecosystem's registry is configured as well, its own command
/// stays and comes first; the script runs only when it fails (a configured registry may not answer: Go's default
/// proxy.golang.org on a host that cannot resolve it).
/// </summary>
/// <param name="Toolchain">The toolchain it serves (<see cref="Planning.Toolchain.Name"/>).</param>
/// <param name="Ecosystem">The registry it stands in for (<see cref="PackageRegistry.Ecosystem"/>).</param>
/// <param name="Script">The Runner's script, by its embedded name.</param>
/// <param name="RootVariable">The variable that tells the script where to unpack the packages.</param>
/// <param name="Packages">Debian's names for the ecosystem's packages.</param>
/// <param name="After">Shell run after the script in the same step.</param>
/// <param name="Marker">The prefix of the script's last line, its JSON result (<see cref="Verify.DebianMapping"/>).</param>
internal sealed record DebianSource(string Toolchain, string Ecosystem, string Script, string RootVariable, string Packages, string After, string Marker)
{
    /// <summary>go.mod's replacements outlive the source copy (<c>COPY . /src/</c> puts the original go.mod back): the edited go.mod
    /// and go.sum are kept in <see cref="Folder"/> and named by <c>-modfile</c> in GOFLAGS, which the build reads.</summary>
    public static DebianSource Go { get; } = new("go", "go", "debian_go.py", "NOA_GOROOT_DEBIAN", "golang-*-dev",
        $" && touch go.sum && cp go.mod go.sum {Folder}/ && go env -w GOFLAGS=\"$(go env GOFLAGS) -modfile={Folder}/go.mod\"", "NOA-DEBIAN-GO ");

    /// <summary>Cargo.lock pins crates.io's versions: the script sets it aside and Cargo resolves Debian's (the build drops --locked).</summary>
    public static DebianSource Rust { get; } = new("rust", "cargo", "debian_rust.py", "NOA_RUSTROOT", "librust-*-dev", "", "NOA-DEBIAN-RUST ");

    public const string Rule = "install.debian-source";

    /// <summary>What the Go script does beyond go.mod's requirements, said in the install decision (plan.json).</summary>
    public const string GoMapping = "go.mod's requirements the Go team's naming does not find, and imports of Debian's sources no go.mod lists, are mapped to the package "
        + "Debian's Contents index says ships /usr/share/gocode/src/<import path>; a replacement's requirement on this module itself is dropped from "
        + "that replacement's go.mod (the source being built is that module; GOPROXY=off reads no other version)";

    /// <summary>The module both scripts import, written beside them.</summary>
    public const string Shared = "debian_apt.py";

    /// <summary>Where the build stage copies the scripts and unpacks the packages.</summary>
    public const string Folder = "/opt/noa-deps";

    /// <summary>The source of a toolchain's dependencies when image builds reach apt, or null.</summary>
    public static DebianSource? For(string toolchain, IReadOnlyList<PackageRegistry> registries) =>
        registries.Any(r => r.Ecosystem == "apt") ? Of(toolchain) : null;

    /// <summary>The source a toolchain's Debian route uses, or null.</summary>
    public static DebianSource? Of(string? toolchain) => toolchain switch { "go" => Go, "rust" => Rust, _ => null };

    /// <summary>The install decision: the script after the registry's own command (<paramref name="own"/>) when that registry is configured,
    /// else the script alone; its evidence names the host configuration that decided it.</summary>
    public Decision Install(Decision own, IReadOnlyList<PackageRegistry> registries)
    {
        var apt = registries.First(r => r.Ecosystem == "apt");
        var script = $"apt-get update && apt-get install -y --no-install-recommends python3 && {RootVariable}={Folder}/{Toolchain}root python3 {Folder}/{Script}{After}"
            + " && rm -rf /var/lib/apt/lists/*";
        string[] how = Toolchain == "go" ? [GoMapping] : [];
        if (registries.FirstOrDefault(r => r.Ecosystem == Ecosystem) is { } registry)
            return new Decision($"{own.Value} || ({script})", Rule, 0.6,
                [.. own.Evidence, .. how, $"{Ecosystem} registry {registry.Url} ({registry.Where}) first; when it does not answer, Debian's {Packages} packages (apt: {apt.Where})"]);
        return new Decision(script, Rule, 0.6, [.. own.Evidence, .. how, $"no {Ecosystem} registry in this host's configuration; Debian's {Packages} packages (apt: {apt.Where})"]);
    }

    /// <summary>Where the script and the module it imports are in the build context.</summary>
    public IReadOnlyList<string> Paths => [$"env/{Script}", $"env/{Shared}"];

    /// <summary>The files the scripts need in the build context, by their path there.</summary>
    public IEnumerable<(string Path, string Text)> Files() => [(Paths[0], Embedded(Script)), (Paths[1], Embedded(Shared))];

    private static string Embedded(string name)
    {
        using var stream = typeof(DebianSource).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the Env stage's assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
