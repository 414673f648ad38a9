namespace Noa.Stages.Runner.Planning;

/// <summary>
/// Go modules and Rust crates without their registry, the way <see cref="DebianPython"/> does it for Python: when install steps
/// cannot reach the ecosystem's registry (or try it and find no route), but can reach Debian's apt, the Runner's own install step
/// maps the manifest's requirements to Debian's source packages (<c>golang-*-dev</c>: <c>Go/debian_go.py</c>, which replaces each
/// module in go.mod with its unpacked folder; <c>librust-*-dev</c>: <c>Rust/debian_rust.py</c>, which makes the unpacked
/// <c>/usr/share/cargo/registry</c> a directory source for crates.io), unpacked into the workspace without root. Both import what they
/// share (apt without root, listing, download and unpacking) from <c>Debian/debian_apt.py</c>, written next to them. The step's
/// <c>debianSources</c> in runner.json lists what mapped, what did not and why, and what was unpacked.
/// </summary>
/// <param name="Language">The folder's language (<see cref="Planner.Language"/>).</param>
/// <param name="Ecosystem">The registry whose absence it stands in for (<see cref="InstallAccess.Ecosystem"/>).</param>
/// <param name="Tool">The toolchain the steps after need in the capsule.</param>
/// <param name="Manifest">The file in the folder that names the requirements.</param>
/// <param name="Script">The embedded script, written to <c>.noa-runner/</c>.</param>
/// <param name="Marker">The prefix of the script's last line, its JSON result.</param>
internal sealed record DebianSource(string Language, string Ecosystem, string Tool, string Manifest, string Script, string Marker, string Why)
{
    public static DebianSource Go { get; } = new("go", "go", "go", "go.mod", "debian_go.py", "NOA-DEBIAN-GO ",
        "go.mod's modules from Debian's golang-*-dev packages (no Go module proxy reachable), each a directory replacement in go.mod");

    public static DebianSource Rust { get; } = new("rust", "cargo", "cargo", "Cargo.toml", "debian_rust.py", "NOA-DEBIAN-RUST ",
        "Cargo.toml's crates from Debian's librust-*-dev packages (no Cargo registry reachable), a directory source replacing crates.io");

    public static IReadOnlyList<DebianSource> All { get; } = [Go, Rust];

    public Candidate Candidate { get; } = new($"python3 /workspace/.noa-runner/{Script}", "runner", null, 0, Why);

    /// <summary>
    /// Whether the folder's install step gets this script: its manifest is there, apt is reachable and the tools are in the
    /// capsule. It also applies when the registry is configured, after the registry's own command: a configured registry may
    /// still not answer (Go's default proxy.golang.org on a host without it), and an install that finds no route gives way.
    /// </summary>
    public bool Applies(string folder, string? language, IReadOnlySet<string> files, Toolbox tools, InstallAccess access) =>
        language == Language && access.Reaches("apt") && tools.Has("apt-get") && tools.Has("python3") && tools.Has(Tool)
        && files.Contains(folder.Length == 0 ? Manifest : folder + "/" + Manifest);

    /// <summary>The module both scripts import, written to <c>.noa-runner/</c> next to them.</summary>
    public const string Shared = "debian_apt.py";

    /// <summary>The files the script needs in <c>.noa-runner/</c>, by name: itself and <see cref="Shared"/> (embedded in this assembly).</summary>
    public IEnumerable<(string Name, string Text)> Files() => [(Script, Embedded(Script)), (Shared, Embedded(Shared))];

    private static string Embedded(string name)
    {
        using var stream = typeof(DebianSource).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the Runner's assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
