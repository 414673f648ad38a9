namespace Noa.Abstractions;

/// <summary>A dependency on another stage.</summary>
/// <param name="Stage">Name of the stage depended on.</param>
/// <param name="RequiresPass">When true, a gate failure of <paramref name="Stage"/> blocks this stage
/// (e.g. the Runner needs <c>safety=pass</c>); when false, only completion is awaited.</param>
public sealed record StageDependency(string Stage, bool RequiresPass = false)
{
    /// <summary>Parses <c>name</c> or <c>name=pass</c>.</summary>
    public static StageDependency Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var eq = text.IndexOf('=');
        return eq < 0
            ? new StageDependency(text.Trim())
            : new StageDependency(text[..eq].Trim(), text[(eq + 1)..].Trim() == "pass");
    }

    /// <inheritdoc />
    public override string ToString() => RequiresPass ? $"{Stage}=pass" : Stage;
}
