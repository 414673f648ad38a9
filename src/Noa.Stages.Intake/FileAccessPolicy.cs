namespace Noa.Stages.Intake;

/// <summary>Applies <see cref="IntakeOptions.AllowedFileRoots"/> to local paths and <c>file://</c> URLs.</summary>
internal static class FileAccessPolicy
{
    /// <summary>Returns the resolved path when it may be read, or the reason it may not.</summary>
    public static Checked<string> Check(string path, IntakeOptions options)
    {
        var real = RealPath.Resolve(path);
        if (real is null)
        {
            return Checked<string>.Refuse($"the source '{path}' is a symbolic link loop");
        }
        if (options.AllowedFileRoots is { } roots)
        {
            var allowed = roots.Select(RealPath.Resolve).OfType<string>().Any(root => RealPath.IsUnder(real, root));
            if (!allowed)
            {
                return Checked<string>.Refuse($"the local source '{path}' is outside the allowed file roots");
            }
        }
        if (!File.Exists(real) && !Directory.Exists(real))
        {
            return Checked<string>.Refuse($"the source '{path}' does not exist");
        }
        return real;
    }
}
