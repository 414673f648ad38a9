namespace Noa.Stages.Runner.Planning;

/// <summary>
/// The Runner's install for a Node folder with no lockfile (<c>Node/npm_install.py</c>, written to <c>.noa-runner/</c>):
/// <c>npm install</c>, and again without each devDependency the registry this host reaches serves no matching version of
/// (npm's ETARGET: <c>typescript@next</c> on a mirror without that dist-tag), each named in the output. It takes the place of
/// a documented bare <c>npm install</c>, which it runs first.
/// </summary>
internal static class NpmInstall
{
    public const string Script = "npm_install.py";

    public static Candidate Candidate { get; } = new($"python3 /workspace/.noa-runner/{Script}", "runner", null, 0,
        "no lockfile: npm installs package.json's dependencies and devDependencies, the test tools among them; a devDependency the registry serves no matching version of is left out, named");

    /// <summary>The script's text (embedded in this assembly).</summary>
    public static string Text()
    {
        using var stream = typeof(NpmInstall).Assembly.GetManifestResourceStream(Script)
            ?? throw new InvalidOperationException($"{Script} is not embedded in the Runner's assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
