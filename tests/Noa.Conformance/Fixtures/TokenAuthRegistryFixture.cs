using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Noa.Conformance;

/// <summary>
/// A private registry with the distribution token flow, and its token service written here on Kestrel: it admits only
/// <see cref="AuthRegistryFixture.User"/> with the right password (no anonymous tokens), grants the scopes asked for, and
/// signs JWTs (ES256, the certificate in <c>x5c</c>) that the registry checks against its <c>rootcertbundle</c>.
/// </summary>
public sealed class TokenAuthRegistryFixture : AuthRegistryFixture
{
    /// <summary>The registry's service name (the tokens' audience).</summary>
    public const string Service = "noa-test-registry";

    private const string Issuer = "noa-test-tokens";
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ConcurrentQueue<string> _asked = new();
    private X509Certificate2? _certificate;
    private WebApplication? _service;

    /// <summary>Every token request's scopes (space-separated; empty for none), in order.</summary>
    public IReadOnlyCollection<string> Asked => _asked;

    /// <summary>The lifetime of the tokens the service grants (<c>expires_in</c>).</summary>
    public static TimeSpan Lifetime => TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    protected override async Task<string> StartAuthAsync()
    {
        var now = DateTimeOffset.UtcNow;
        _certificate = new CertificateRequest("CN=" + Issuer, _key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        var bundle = Path.Combine(Folder.Path, "tokens.pem");
        await File.WriteAllTextAsync(bundle, _certificate.ExportCertificatePem() + "\n");
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        _service = builder.Build();
        _service.MapGet("/token", Issue);
        await _service.StartAsync();
        return $$"""
            auth:
              token: { realm: "http://127.0.0.1:{{Text(port)}}/token", service: {{Service}}, issuer: {{Issuer}}, rootcertbundle: {{bundle}} }
            """;
    }

    /// <summary>A token for the given access (<c>repository:NAME:ACTIONS</c> scopes), signed by the service's key.</summary>
    public string Mint(IEnumerable<string> scopes, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var access = scopes.Select(s => s.Split(':')).Where(p => p.Length == 3)
            .Select(p => new Dictionary<string, object> { ["type"] = p[0], ["name"] = p[1], ["actions"] = p[2].Split(',') });
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["typ"] = "JWT", ["alg"] = "ES256", ["x5c"] = new[] { Convert.ToBase64String(_certificate!.RawData) },
        });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["sub"] = User, ["aud"] = Service, ["iat"] = now, ["nbf"] = now - 60,
            ["exp"] = now + (long)lifetime.TotalSeconds, ["jti"] = Guid.NewGuid().ToString("N"), ["access"] = access.ToArray(),
        });
        var signed = Base64Url(header) + "." + Base64Url(claims);
        return signed + "." + Base64Url(_key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256));
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_service is not null)
            await _service.DisposeAsync();
        _certificate?.Dispose();
        _key.Dispose();
    }

    private IResult Issue(HttpContext context)
    {
        var scopes = context.Request.Query["scope"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray();
        _asked.Enqueue(string.Join(' ', scopes));
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        if (context.Request.Headers.Authorization.ToString() != expected)
            return Results.Text("""{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}""", "application/json", statusCode: 401);
        var token = Mint(scopes, Lifetime);
        return Results.Text($$"""{"token":"{{token}}","expires_in":{{Text((long)Lifetime.TotalSeconds)}}}""", "application/json");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
