using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Noa.IntegrationTests;

/// <summary>
/// `noa pull`/`noa verify` read from the registry a REF names. The configured registry credentials
/// (<c>Noa:Bundles:Registry:Username</c>/<c>PasswordFile</c>, <c>TokenFile</c>) are that registry's alone: a REF naming
/// another host must never be sent them. Each registry here is a Kestrel app that asks for basic credentials and keeps
/// every Authorization header it is sent.
/// </summary>
public sealed class RegistryCredentialScopeTests : IDisposable
{
    private readonly TempDir _temp = new("noa-it-cred");

    [Fact]
    public async Task Pull_FromARegistryOtherThanTheConfiguredOne_SendsItNoCredentials_TheConfiguredOneGetsThem()
    {
        await using var configured = await ChallengingRegistry.StartAsync();
        await using var other = await ChallengingRegistry.StartAsync();
        var password = _temp.Combine("registry-password");
        await File.WriteAllTextAsync(password, "s3cret-pw\n");
        var settings = new Dictionary<string, string>
        {
            ["Noa__Bundles__Registry__Url"] = $"http://127.0.0.1:{configured.Port}",
            ["Noa__Bundles__Registry__Username"] = "alice",
            ["Noa__Bundles__Registry__PasswordFile"] = password,
        };

        var elsewhere = await NoaProcess.RunAsync(_temp.Combine("home"), settings, "pull", $"127.0.0.1:{other.Port}/noa/x:t", "--plain-http", "--out", _temp.Combine("a"));
        var own = await NoaProcess.RunAsync(_temp.Combine("home"), settings, "pull", $"127.0.0.1:{configured.Port}/noa/x:t", "--plain-http", "--out", _temp.Combine("b"));

        Assert.True(elsewhere.ExitCode != 0, elsewhere.ToString());
        Assert.True(other.Requests > 0, "the other registry was never asked");
        Assert.Empty(other.Authorizations);
        Assert.DoesNotContain("s3cret-pw", elsewhere.ToString());
        // The control: the same settings do send the configured registry its credentials.
        Assert.Contains("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret-pw")), configured.Authorizations);
        Assert.True(own.ExitCode != 0, own.ToString()); // it still refuses them
    }

    public void Dispose() => _temp.Dispose();

    private sealed class ChallengingRegistry : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private ChallengingRegistry(WebApplication app) => _app = app;

        public int Port { get; private set; }

        public int Requests => _requests;

        public ConcurrentBag<string> Authorizations { get; } = [];

        public static async Task<ChallengingRegistry> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var registry = new ChallengingRegistry(app);
            app.Run(context =>
            {
                Interlocked.Increment(ref registry._requests);
                if (context.Request.Headers.Authorization is { Count: > 0 } authorization)
                    registry.Authorizations.Add(authorization.ToString());
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
                return Task.CompletedTask;
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            registry.Port = new Uri(address).Port;
            return registry;
        }

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }
}
