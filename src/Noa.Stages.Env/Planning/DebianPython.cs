using Noa.Abstractions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// Python requirements without a Python package index, as the Runner installs them: when the registries image builds reach name
/// no pip index but Debian's apt, the image installs requirements*.txt's and pyproject.toml's dependencies as Debian's
/// <c>python3-*</c> packages (the Runner's <c>Python/debian_python.py</c>, embedded here too and written as
/// <c>env/debian_python.py</c>, with <c>--install</c>: apt-get install as root, native libraries and the tool's command
/// package included), in the run stage, and the venv sees them (<c>--system-site-packages</c>).
/// </summary>
internal static class DebianPython
{
    public const string Rule = "install.debian-python";

    public const string Script = "debian_python.py";

    /// <summary>The prefix of the script's last line, its JSON result (<see cref="Verify.DebianMapping"/>).</summary>
    public const string Marker = "NOA-DEBIAN-PYTHON ";

    /// <summary>Where the script is written beside the Dockerfiles (in the build context).</summary>
    public const string ScriptPath = "env/" + Script;

    /// <summary>Where the run stage copies the manifests and the script before installing.</summary>
    public const string Folder = "/tmp/noa-deps";

    /// <summary>
    /// The run stage's step once the app's source is in <c>/app</c>: the app's interpreter imports every top-level module the code
    /// imports and the python3-* package of each missing one is installed (a Debian package need not depend on all it imports:
    /// python3-aiopg imports async_timeout), then the script and apt's lists are removed.
    /// </summary>
    public const string ImportCheck = $"apt-get update && /venv/bin/python {Script} --imports /app && rm -rf /var/lib/apt/lists/* {Folder}";

    /// <summary>Whether image builds reach Debian's apt and no pip index.</summary>
    public static bool Applies(IReadOnlyList<PackageRegistry> registries) =>
        !registries.Any(r => r.Ecosystem == "pip") && registries.Any(r => r.Ecosystem == "apt");

    /// <summary>The install decision, its evidence the manifests read and the host configuration that decided it.</summary>
    public static Decision Install(IReadOnlyList<string> manifests, IReadOnlyList<PackageRegistry> registries) =>
        new($"apt-get update && python3 {Script} --install && rm -rf /var/lib/apt/lists/*", Rule, 0.6,
            [.. manifests, $"no pip index in this host's configuration (PIP_INDEX_URL, pip.conf); apt: {registries.First(r => r.Ecosystem == "apt").Where}"
             + "; a requirement no python3-* package provides is left out of the image (the build prints it, env/verify.json's debian lists it)",
             $"then, with the source in the image: {ImportCheck} (each top-level module the code imports is imported; a missing one's "
             + "python3-* package is installed: the app's own imports when no manifest lists them, and what an installed package imports "
             + "without depending on it; env/verify.json's debian.imports lists what it added)"]);

    /// <summary>The files the script reads in the app's folder: requirements*.txt, requirements/*.txt and pyproject.toml.</summary>
    public static IReadOnlyList<string> Manifests(string root, SourceText files)
    {
        var prefix = root == "." ? "" : root + "/";
        return [.. files.Paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p[prefix.Length..] is var rest
                && (rest == "pyproject.toml" || IsRequirements(rest) || (rest.StartsWith("requirements/", StringComparison.Ordinal) && IsText(rest["requirements/".Length..]))))
            .Order(StringComparer.Ordinal)];
    }

    private static bool IsRequirements(string name) => name.StartsWith("requirements", StringComparison.Ordinal) && IsText(name);

    private static bool IsText(string name) => !name.Contains('/') && name.EndsWith(".txt", StringComparison.Ordinal);

    /// <summary>The script's text (the Runner's file, embedded in this assembly).</summary>
    public static string Text()
    {
        using var stream = typeof(DebianPython).Assembly.GetManifestResourceStream(Script)
            ?? throw new InvalidOperationException($"{Script} is not embedded in the Env stage's assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
