namespace Noa.Stages.Env.Verify;

/// <summary><c>env/verify.json</c>: per app, whether its image was built and whether it answered once started in a Capsule.</summary>
internal sealed record VerifyReport
{
    public const string BundlePath = "env/verify.json";

    public int Version { get; init; } = 1;

    /// <summary>Set when nothing was verified, and why (no builder in this process, verification off).</summary>
    public string? NotVerified { get; init; }

    public IReadOnlyList<App> Apps { get; init; } = [];

    /// <summary>Static checks of the generated files (compose against the compose-spec schema, Kubernetes structure,
    /// <c>.env.example</c> against the plan), made whether or not the images could be built.</summary>
    public IReadOnlyList<Checks.StaticCheck> Static { get; init; } = [];

    /// <param name="Name">The app.</param>
    /// <param name="Built">Whether the image was built.</param>
    /// <param name="BuildSeconds">How long the build took.</param>
    /// <param name="ImageBytes">The image's size.</param>
    /// <param name="Started">Whether the image was started (servers only).</param>
    /// <param name="Answered">Whether it answered on its port (an HTTP status below 500, or a TCP accept when no health path is planned).</param>
    /// <param name="Status">The HTTP status it answered with.</param>
    /// <param name="FirstBytes">The first bytes of its answer (up to 200, as text).</param>
    /// <param name="Seconds">From start to answer.</param>
    /// <param name="Reason">Why it was not built, started or answered.</param>
    /// <param name="LogTail">The build's or the container's last lines, on failure.</param>
    /// <param name="Image">The verified image's manifest digest, when it was exported to <c>env/images/&lt;app&gt;/</c> for the Registrar.</param>
    /// <param name="Debian">When the dependencies came from Debian's packages: what mapped, what did not and why, what was installed
    /// (<see cref="DebianMapping"/>).</param>
    /// <param name="Root">The app's folder (env/plan.json's <c>root</c>).</param>
    /// <param name="BuildStage">The Dockerfile's <c>build</c> stage, kept in this host's image storage for the Runner's steps
    /// (<see cref="Verify.BuildStage"/>), or why it was not.</param>
    /// <param name="CpuSeconds">The container's own CPU time when it answered or was given up (the start budget is counted in it).</param>
    /// <param name="Wrote">Files it wrote in its data folders and home (plan.json's state), as paths inside the image; null for none.</param>
    /// <param name="WroteOutside">A log line where the read-only root refused a write (<c>EROFS</c>): it writes outside its data
    /// folders and <c>/tmp</c>, which no rule found.</param>
    public sealed record App(string Name, bool Built, double? BuildSeconds = null, long? ImageBytes = null, bool? Started = null, bool? Answered = null,
        int? Status = null, string? FirstBytes = null, double? Seconds = null, string? Reason = null, string? LogTail = null,
        string? Image = null, System.Text.Json.Nodes.JsonObject? Debian = null, string? Root = null, BuildStage.Kept? BuildStage = null,
        double? CpuSeconds = null, IReadOnlyList<string>? Wrote = null, string? WroteOutside = null);
}
