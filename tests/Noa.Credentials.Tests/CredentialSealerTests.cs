using System.Text;
using Microsoft.Extensions.Options;

namespace Noa.Credentials.Tests;

public sealed class CredentialSealerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("noa-sealer-").FullName;

    [Fact]
    public void Seal_ThenOpen_RoundTripsAndHidesTheSecret()
    {
        var sealer = Sealer(keyFile: Key("k", 1));

        var sealedValue = sealer.Seal("https://user:ghp_secret123@example.org/r.git");

        Assert.StartsWith(CredentialSealer.Prefix, sealedValue);
        Assert.DoesNotContain("ghp_secret123", sealedValue);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("ghp_secret123")), sealedValue);
        Assert.Equal("https://user:ghp_secret123@example.org/r.git", sealer.Open(sealedValue));
        Assert.NotEqual(sealedValue, sealer.Seal("https://user:ghp_secret123@example.org/r.git")); // a fresh nonce each time
    }

    [Fact]
    public void Open_AlteredCiphertext_IsRefused()
    {
        var sealer = Sealer(keyFile: Key("k", 1));
        var sealedValue = sealer.Seal("token");
        var flipped = sealedValue[..^2] + (sealedValue[^2] == 'A' ? 'B' : 'A') + sealedValue[^1];

        var error = Assert.Throws<CredentialException>(() => sealer.Open(flipped));

        Assert.Contains("altered", error.Message);
    }

    [Fact]
    public void Open_SealedUnderAnotherKey_NamesBothKeysAndTheSetting()
    {
        var sealedValue = Sealer(keyFile: Key("a", 1)).Seal("token");

        var error = Assert.Throws<CredentialException>(() => Sealer(keyFile: Key("b", 2)).Open(sealedValue));

        Assert.Contains("Noa:Credentials:KeyFile", error.Message);
        Assert.DoesNotContain("token", error.Message);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("sealed:v1:")]
    [InlineData("sealed:v1:abc")]
    [InlineData("sealed:v1:abc:!!!")]
    public void Open_NotSealed_IsRefusedAsMalformed(string value) =>
        Assert.Contains("malformed", Assert.Throws<CredentialException>(() => Sealer(keyFile: Key("k", 1)).Open(value)).Message);

    [Fact]
    public void Seal_NoKeyFileSet_MakesTheDefaultKeyReadableByItsOwnerOnly()
    {
        var defaultKey = Path.Combine(_folder, "home", "secrets", "credentials.key");
        var sealer = Sealer(defaultKeyFile: defaultKey);

        var sealedValue = sealer.Seal("token");

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(defaultKey));
        Assert.Equal(64, File.ReadAllText(defaultKey).Trim().Length);
        Assert.Equal("token", Sealer(defaultKeyFile: defaultKey).Open(sealedValue));
    }

    [Fact]
    public void Open_NoKeyAnywhere_FailsAndMakesNoKey()
    {
        var defaultKey = Path.Combine(_folder, "absent", "credentials.key");
        var sealedValue = Sealer(keyFile: Key("k", 1)).Seal("token");

        Assert.Throws<SecretFileException>(() => Sealer(defaultKeyFile: defaultKey).Open(sealedValue));

        Assert.False(File.Exists(defaultKey));
    }

    [Fact]
    public void Seal_KeyFileSetButMissing_FailsNamingTheSetting()
    {
        var error = Assert.Throws<SecretFileException>(() => Sealer(keyFile: Path.Combine(_folder, "missing.key")).Seal("token"));

        Assert.Contains("Noa:Credentials:KeyFile", error.Message);
    }

    [Fact]
    public void Seal_KeyFileOfTheWrongLength_IsRefused()
    {
        var file = Path.Combine(_folder, "short.key");
        File.WriteAllText(file, "abcd\n");

        Assert.Contains("64 hex digits", Assert.Throws<SecretFileException>(() => Sealer(keyFile: file).Seal("t")).Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CredentialSealer Sealer(string? keyFile = null, string? defaultKeyFile = null) =>
        new(Options.Create(new CredentialOptions { KeyFile = keyFile, DefaultKeyFile = defaultKeyFile }));

    private string Key(string name, byte fill)
    {
        var path = Path.Combine(_folder, name + ".key");
        File.WriteAllText(path, Convert.ToHexStringLower(Enumerable.Repeat(fill, 32).ToArray()) + "\n");
        return path;
    }
}
