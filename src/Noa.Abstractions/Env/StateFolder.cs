namespace Noa.Abstractions.Env;

/// <summary>
/// A folder a server writes at run time, with the rule that found the write and its evidence. A <c>data</c> folder lies under the
/// app's working folder (gun's <c>radata</c>): the image creates it owned by the app's user, compose and Kubernetes mount a volume
/// there, and the root file system stays read-only. The <c>home</c> folder is the run user's <c>HOME</c> (verdaccio writes
/// <c>~/.config/verdaccio/config.yaml</c>): the image gives it with the XDG folders, and since a volume would hide those, the root
/// file system is writable for that app.
/// </summary>
/// <param name="Path">The folder inside the image (<c>/app/radata</c>, <c>/home/app</c>).</param>
/// <param name="Kind"><c>data</c> or <c>home</c>.</param>
/// <param name="Rule">The rule that decided it, and why.</param>
/// <param name="Evidence">Where the write is read: <c>file:line</c>.</param>
public sealed record StateFolder(string Path, string Kind, string Rule, IReadOnlyList<string> Evidence)
{
    /// <summary>A folder under the working folder, mounted as a volume.</summary>
    public const string Data = "data";

    /// <summary>The run user's home.</summary>
    public const string Home = "home";
}
