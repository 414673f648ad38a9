using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Noa.Abstractions;
using Noa.Credentials;
using Noa.EventBus.Nats;

namespace Noa.Conformance;

/// <summary>
/// The NATS bus reads its password through the one secret-file reader: never from the URL, and again at every
/// reconnect. Rotation runs against a private <c>nats-server</c> that wants a password (the shared one wants none),
/// reloaded with a new one as an operator would (SIGHUP after editing its configuration).
/// </summary>
public sealed class NatsSecretFileTests : IDisposable
{
    private readonly TempFolder _folder = new("noa-nats-secret");

    [Fact]
    public void Create_CredentialsInTheUrl_AreRefusedWithoutShowingThem()
    {
        var error = Assert.Throws<SecretFileException>(() =>
            new NatsConnector(Options.Create(new NatsBusSettings { ConnectionString = "nats://noa:hunter2@127.0.0.1:4222" })));

        Assert.Contains("PasswordFile", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task Reconnect_AfterThePasswordFileRotates_AuthenticatesWithTheNewPassword()
    {
        var executable = Requirement.Present(FindServer(), "nats-server is not installed (scripts/services.sh installs it)");
        var port = FreePort();
        var config = Path.Combine(_folder.Path, "nats.conf");
        WriteConfig(config, port, "first-password-1");
        using var server = Process.Start(new ProcessStartInfo(executable, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        try
        {
            await WaitForPortAsync(port);
            var secret = Path.Combine(_folder.Path, "password");
            await File.WriteAllTextAsync(secret, "first-password-1\n");
            var fixture = new NatsBusFixture();
            await using var _ = fixture;
            var bus = fixture.Create(s => (s.ConnectionString, s.User, s.PasswordFile) = ($"nats://127.0.0.1:{port}", "noa", secret));
            var stream = "rotation";
            await bus.PublishAsync(stream, new BusMessage("T", "before"));

            WriteConfig(config, port, "second-password-2");
            await File.WriteAllTextAsync(secret, "second-password-2\n");
            // Reload: the server drops connections that the new authorization no longer admits, and the bus reconnects.
            Process.Start("kill", ["-HUP", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

            var published = false;
            for (var attempt = 0; attempt < 40 && !published; attempt++)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await bus.PublishAsync(stream, new BusMessage("T", "after"), timeout.Token);
                    published = true;
                }
                catch (Exception e) when (e is NatsException or TimeoutException or OperationCanceledException)
                {
                    await Task.Delay(250);
                }
            }
            Assert.True(published, "the bus did not publish with the rotated password within 10 s");
            // JetStream's API may still be settling after the reload (no API response for a moment): the read is retried like the publish.
            IReadOnlyList<BusDelivery>? read = null;
            for (var attempt = 0; attempt < 20 && read is null; attempt++)
            {
                try
                {
                    read = await bus.ReadAsync(stream, "g", "c", new ConsumeOptions { Block = TimeSpan.FromSeconds(2), Lease = TimeSpan.FromSeconds(5), MaxMessages = 10 });
                }
                catch (NatsException) when (attempt < 19)
                {
                    await Task.Delay(250);
                }
            }
            // The retry above may publish "after" twice: an attempt whose acknowledgement timed out during the reload can
            // still have been stored (publishing is at least once), so the order is checked, not the count.
            Assert.Equal(["before", "after"], read!.Select(d => d.Message.Body).Distinct());

            // Control: the server really checks the password, so the old one no longer gets in.
            await using var stale = new NatsConnection(NatsOpts.Default with
            {
                Url = $"nats://127.0.0.1:{port}", AuthOpts = NatsAuthOpts.Default with { Username = "noa", Password = "first-password-1" },
                MaxReconnectRetry = 0, ConnectTimeout = TimeSpan.FromSeconds(2),
            });
            await Assert.ThrowsAnyAsync<NatsException>(async () => await stale.ConnectAsync());
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    private void WriteConfig(string path, int port, string password) => File.WriteAllText(path, $$"""
        listen: 127.0.0.1:{{port}}
        jetstream { store_dir: "{{Path.Combine(_folder.Path, "js")}}" }
        authorization { user: noa, password: "{{password}}" }
        """);

    private static string? FindServer() =>
        new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        Assert.Fail($"nats-server did not listen on {port}");
    }
}
