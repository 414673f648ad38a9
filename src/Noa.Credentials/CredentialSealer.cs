using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Noa.Credentials;

/// <summary>
/// Seals a secret (a source locator holding a token) with AES-256-GCM under the key of <see cref="CredentialOptions"/>,
/// so what is stored and passed around (run records, bus messages) holds only ciphertext. The sealed form is
/// <c>sealed:v1:{key id}:{base64url(nonce, ciphertext, tag)}</c>; the key id (the first 16 hex digits of the key's
/// SHA-256) lets a process holding another key say so instead of "tampered". The key is read through
/// <see cref="SecretFile"/> at each call, so a new key file applies to what is sealed from then on.
/// </summary>
public sealed class CredentialSealer(IOptions<CredentialOptions> options)
{
    /// <summary>What every sealed value starts with.</summary>
    public const string Prefix = "sealed:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly CredentialOptions _options = options.Value;

    /// <summary>Whether the text is a value this class sealed (by its form, not by opening it).</summary>
    public static bool IsSealed(string? text) => text is not null && text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Seals <paramref name="secret"/>; makes the default key file first when no key exists yet.</summary>
    /// <exception cref="SecretFileException">No key can be read or made.</exception>
    public string Seal(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var (key, id) = Key(create: true);
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Associated(id));
        CryptographicOperations.ZeroMemory(plain);
        return Prefix + id + ":" + Base64Url(output);
    }

    /// <summary>Opens what <see cref="Seal"/> returned.</summary>
    /// <exception cref="CredentialException">The value is not sealed, was sealed under another key, or was altered.</exception>
    /// <exception cref="SecretFileException">No key can be read.</exception>
    public string Open(string sealedValue)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        var parts = IsSealed(sealedValue) ? sealedValue[Prefix.Length..].Split(':') : [];
        byte[]? data = null;
        if (parts.Length != 2 || !TryFromBase64Url(parts[1], out data) || data.Length < NonceSize + TagSize)
            throw new CredentialException("The sealed credential is malformed.");
        var (key, id) = Key(create: false);
        if (!string.Equals(parts[0], id, StringComparison.Ordinal))
        {
            throw new CredentialException(
                $"The credential was sealed under key {parts[0]}, but this process holds key {id}: {CredentialOptions.Section}:KeyFile must name the same key in every process.");
        }
        var plain = new byte[data.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, plain.Length), data.AsSpan(NonceSize + plain.Length), plain, Associated(id));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CredentialException("The sealed credential was altered (its authentication tag does not match).", e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    private (byte[] Key, string Id) Key(bool create)
    {
        var path = _options.KeyFile ?? _options.DefaultKeyFile
            ?? throw new SecretFileException($"{CredentialOptions.Section}:KeyFile is not set; credentials in source locators cannot be sealed or opened.");
        var setting = _options.KeyFile is null ? $"{CredentialOptions.Section}:KeyFile (default {path})" : $"{CredentialOptions.Section}:KeyFile";
        if (create && _options.KeyFile is null && !File.Exists(path))
            Make(path);
        var text = new SecretFile(path, setting).Read().Trim();
        byte[] key;
        try
        {
            key = text.Length == 64 ? Convert.FromHexString(text) : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            key = [];
        }
        if (key.Length != 32)
            throw new SecretFileException($"{setting}: the key file '{path}' must hold 32 random bytes as 64 hex digits (openssl rand -hex 32).");
        return (key, Convert.ToHexStringLower(SHA256.HashData(key))[..16]);
    }

    // A new random key, readable by this user only; a process that loses the race to create it reads the winner's.
    private static void Make(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(folder);
            else
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var writer = new StreamWriter(path, Encoding.ASCII, file);
            writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n");
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }

    private static byte[] Associated(string id) => Encoding.ASCII.GetBytes(Prefix + id);

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] data)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        data = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, data, out var written))
        {
            data = data[..written];
            return true;
        }
        data = [];
        return false;
    }
}
