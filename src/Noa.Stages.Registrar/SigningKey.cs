using System.Security.Cryptography;
using Noa.Credentials;

namespace Noa.Stages.Registrar;

/// <summary>
/// The provenance key: ECDSA P-256 with SHA-256, as cosign signs, read from a PEM file (a private key signs; a public key,
/// or the public half of a private one, verifies). Its key id is the hex sha256 of its SubjectPublicKeyInfo.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    private const string P256 = "1.2.840.10045.3.1.7";
    private readonly ECDsa _key;

    private SigningKey(ECDsa key, bool isPrivate)
    {
        _key = key;
        CanSign = isPrivate;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    public string KeyId { get; }

    public bool CanSign { get; }

    /// <summary>Reads a PEM key file.</summary>
    /// <exception cref="SigningKeyException">It is missing, unreadable or not a P-256 key.</exception>
    public static SigningKey Read(string path, string setting = RegistrarOptions.Section + ":SigningKeyFile")
    {
        string pem;
        try
        {
            pem = new SecretFile(path, setting).Read();
        }
        catch (SecretFileException e)
        {
            throw new SigningKeyException(e.Message, e);
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new SigningKeyException($"{setting}: the file '{path}' holds no PEM ECDSA key ({e.Message}); make one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out FILE", e);
        }
        var parameters = key.ExportParameters(false);
        if (parameters.Curve.Oid?.Value != P256 && parameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            key.Dispose();
            throw new SigningKeyException($"the key in '{path}' is on curve {parameters.Curve.Oid?.FriendlyName ?? "?"}, not P-256");
        }
        bool isPrivate;
        try
        {
            isPrivate = key.ExportParameters(true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            isPrivate = false;
        }
        return new SigningKey(key, isPrivate);
    }

    /// <summary>Reads the key file, or creates it (owner-only) when it does not exist: the embedded default's key.</summary>
    public static SigningKey ReadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(temp, create))
            using (var writer = new StreamWriter(file))
                writer.Write(created.ExportPkcs8PrivateKeyPem());
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp); // another process made it first: use theirs
            }
        }
        return Read(path);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) =>
        CanSign ? _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            : throw new SigningKeyException("the key given is a public key; signing needs the private key");

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public string PublicPem() => _key.ExportSubjectPublicKeyInfoPem();

    public void Dispose() => _key.Dispose();
}
