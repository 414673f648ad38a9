using System.Diagnostics;
using System.Text;

namespace Noa.Stages.Registrar.Tests;

/// <summary>DSSE and the signing key, checked against the spec's own example and an independent verifier (openssl).</summary>
public sealed class DsseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("noa-dsse-").FullName;

    [Fact]
    public void Pae_SpecExample_IsTheSpecBytes()
    {
        // secure-systems-lab/dsse protocol.md: PAE("http://example.com/HelloWorld", "hello world").
        var pae = Dsse.Pae("http://example.com/HelloWorld", "hello world"u8.ToArray());

        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public async Task Sign_Statement_VerifiesWithOpenssl()
    {
        var openssl = Requirement.Present(new[] { "/usr/bin/openssl", "/usr/local/bin/openssl" }.FirstOrDefault(File.Exists), "openssl is not installed (apt-get install openssl)");
        using var key = SigningKey.ReadOrCreate(Path.Combine(_folder, "k.pem"));
        var payload = """{"_type":"https://in-toto.io/Statement/v1"}"""u8.ToArray();
        var envelope = Dsse.Sign("application/vnd.in-toto+json", payload, key);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "pae"), Dsse.Pae(envelope.PayloadType, payload));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "sig"), Convert.FromBase64String(envelope.Signatures[0].Sig));
        await File.WriteAllTextAsync(Path.Combine(_folder, "pub.pem"), key.PublicPem());
        await File.WriteAllBytesAsync(Path.Combine(_folder, "forged"), Dsse.Pae(envelope.PayloadType, "{}"u8.ToArray()));

        var (code, output) = await RunAsync(openssl, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "pae");
        var (forgedCode, _) = await RunAsync(openssl, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "forged");

        Assert.Equal(0, code);
        Assert.Contains("Verified OK", output);
        Assert.NotEqual(0, forgedCode); // control: the same signature over other bytes fails
        Assert.True(envelope.VerifiedBy(key));
        Assert.False((envelope with { Payload = Convert.ToBase64String("{}"u8.ToArray()) }).VerifiedBy(key));
    }

    [Fact]
    public async Task Read_KeyMadeByOpenssl_IsAcceptedAndOtherCurvesAreRefused()
    {
        var openssl = Requirement.Present(new[] { "/usr/bin/openssl", "/usr/local/bin/openssl" }.FirstOrDefault(File.Exists), "openssl is not installed (apt-get install openssl)");
        await RunAsync(openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "p256.pem");
        await RunAsync(openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem");
        await File.WriteAllTextAsync(Path.Combine(_folder, "junk.pem"), "not a key\n");

        using var key = SigningKey.Read(Path.Combine(_folder, "p256.pem"));
        var curve = Assert.Throws<SigningKeyException>(() => SigningKey.Read(Path.Combine(_folder, "p384.pem")));
        var junk = Assert.Throws<SigningKeyException>(() => SigningKey.Read(Path.Combine(_folder, "junk.pem")));
        var missing = Assert.Throws<SigningKeyException>(() => SigningKey.Read(Path.Combine(_folder, "absent.pem")));

        Assert.True(key.CanSign);
        Assert.Contains("not P-256", curve.Message);
        Assert.Contains("holds no PEM ECDSA key", junk.Message);
        Assert.Contains("SigningKeyFile", missing.Message);
        Assert.Contains("absent.pem", missing.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
