using System.Text;

namespace Noa.Credentials;

/// <summary>
/// The one way a secret is read: from a file named by a <c>*File</c> setting (<c>/run/secrets/…</c>, a Kubernetes
/// secret volume), never from a plain setting. <see cref="Read"/> returns the file's current content without the
/// trailing line break, read from the file at each call, so callers that ask on every new connection pick up a rotated
/// secret (a rewritten file, or Kubernetes' swap of the <c>..data</c> link) without a restart. A missing, empty or unreadable file is an error naming the setting and the
/// path, never the content.
/// </summary>
public sealed class SecretFile
{
    /// <summary>A reader of <paramref name="path"/>, named in errors by <paramref name="setting"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="setting">The configuration key that named it, e.g. <c>Noa:Metadata:Postgres:PasswordFile</c>.</param>
    public SecretFile(string path, string setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        Setting = setting;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The setting that named it.</summary>
    public string Setting { get; }

    /// <summary>A reader of the file the setting names, or null when it names none.</summary>
    public static SecretFile? From(string? path, string setting) => string.IsNullOrWhiteSpace(path) ? null : new SecretFile(path, setting);

    /// <summary>The secret as the file holds it now.</summary>
    /// <exception cref="SecretFileException">The file is missing, empty or unreadable.</exception>
    public string Read()
    {
        string text;
        try
        {
            // Read every time, never cached by size or time: a secret file is a few bytes, one read costs what a stat
            // does, and a link swapped to a file of the same size and time must still be seen.
            text = File.ReadAllText(Path, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SecretFileException($"{Setting}: the secret file '{Path}' does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretFileException($"{Setting}: the secret file '{Path}' cannot be read ({e.GetType().Name}).", e);
        }
        var value = Trim(text);
        if (value.Length == 0)
            throw new SecretFileException($"{Setting}: the secret file '{Path}' is empty.");
        return value;
    }

    /// <summary><see cref="Read"/> for callers that want a task (the file is small: it is read synchronously).</summary>
    public ValueTask<string> ReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read());
    }

    /// <summary>
    /// Refuses a secret given inline where it must come from a file: throws naming <paramref name="where"/> and the
    /// file setting to use instead, never the value.
    /// </summary>
    /// <param name="present">Whether an inline secret was found.</param>
    /// <param name="where">What holds it, e.g. <c>Noa:Bus:Redis:ConnectionString</c>.</param>
    /// <param name="fileSetting">The <c>*File</c> setting to use instead.</param>
    /// <exception cref="SecretFileException">When <paramref name="present"/>.</exception>
    public static void RefuseInline(bool present, string where, string fileSetting)
    {
        if (present)
            throw new SecretFileException($"{where} holds a secret (a password or token); secrets are read from files: set {fileSetting} instead.");
    }

    // Only the line break an editor or `echo` leaves; other whitespace may be part of a password.
    private static string Trim(string text) => text.TrimEnd('\r', '\n');
}
