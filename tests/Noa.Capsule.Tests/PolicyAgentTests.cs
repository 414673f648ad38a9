using System.Text.Json;
using Noa.Abstractions;

namespace Noa.Capsule.Tests;

/// <summary>
/// The policy agent for real: a capsule whose policy allows only the local registry reaches it through the proxy, is
/// refused everything else (the host's Redis, a name resolving to loopback), cannot go around the proxy, and each
/// decision is in the audit trail.
/// </summary>
public sealed class PolicyAgentTests
{
    // Python's urllib honours HTTP_PROXY; http.client's set_tunnel speaks CONNECT.
    private const string Probe = """
        import os, urllib.request, http.client, socket
        # NO_PROXY names the capsule's own loopback; these requests are meant for the host's, through the proxy.
        os.environ.pop('no_proxy', None); os.environ.pop('NO_PROXY', None)
        proxied = urllib.request.build_opener(urllib.request.ProxyHandler({'http': os.environ.get('HTTP_PROXY', 'http://127.0.0.1:9')}))
        def get(url):
            try:
                return proxied.open(url, timeout=10).status
            except urllib.error.HTTPError as e:
                return e.code
            except Exception as e:
                return type(e).__name__
        def tunnel(host, port):
            c = http.client.HTTPConnection('127.0.0.1', 3128, timeout=10)
            c.set_tunnel(host, port)
            try:
                c.connect(); return 'open'
            except OSError as e:
                return str(e).split(' ')[3] if 'Tunnel' in str(e) else type(e).__name__
        def direct(host, port):
            try:
                socket.create_connection((host, port), timeout=5); return 'open'
            except OSError as e:
                return type(e).__name__
        print('registry', get('http://127.0.0.1:5000/v2/'))
        print('redis-http', get('http://127.0.0.1:6379/'))
        print('redis-connect', tunnel('127.0.0.1', 6379))
        print('registry-connect', tunnel('127.0.0.1', 5000))
        print('direct', direct('127.0.0.1', 5000))
        print('proxy', os.environ.get('HTTPS_PROXY'))
        """;

    [Fact]
    public async Task Egress_RegistryPolicy_AllowsOnlyTheRegistryAndAuditsEachDecision()
    {
        await using var host = await CapsuleHost.StartAsync();
        var capsule = await host.Capsules.SpawnAsync(new CapsuleRequest { Command = ["python3", "-c", Probe], Policy = "registry", Tenant = "t", Actor = "test" });

        var ended = await host.Capsules.WaitAsync(capsule.Id).WaitAsync(TimeSpan.FromMinutes(2));
        var output = await Text(host, capsule.Id);

        Assert.True(ended.Result!.Succeeded, output);
        Assert.Contains("registry 200", output);
        Assert.Contains("redis-http 403", output);
        Assert.Contains("redis-connect 403", output);
        Assert.Contains("registry-connect open", output);
        Assert.Contains("direct ConnectionRefusedError", output); // the capsule's loopback is its own: nothing listens on 5000
        Assert.Contains("proxy http://127.0.0.1:3128", output);
        var audit = await host.AuditOfAsync(capsule.Id);
        Assert.Contains(audit, r => r.Action == "EgressAllowed" && r.Subject!.EndsWith("127.0.0.1:5000", StringComparison.Ordinal));
        Assert.Equal(2, audit.Count(r => r.Action == "EgressDenied" && r.Subject!.EndsWith("127.0.0.1:6379", StringComparison.Ordinal)));
        Assert.Contains(audit, r => r.Action == "CapsuleSpawned");
        Assert.Contains(audit, r => r.Action == "CapsuleEnded");
    }

    [Fact]
    public async Task Egress_NoPolicy_GetsNoProxyAndNoNetwork()
    {
        await using var host = await CapsuleHost.StartAsync();
        var capsule = await host.Capsules.SpawnAsync(new CapsuleRequest { Command = ["python3", "-c", Probe], Tenant = "t" });

        await host.Capsules.WaitAsync(capsule.Id).WaitAsync(TimeSpan.FromMinutes(2));
        var output = await Text(host, capsule.Id);

        Assert.Equal("none", capsule.Policy);
        Assert.Contains("registry URLError", output); // no proxy to go through: 127.0.0.1:9 inside is nothing
        Assert.Contains("proxy None", output);
        Assert.DoesNotContain("open", output);
    }

    [Fact]
    public async Task Egress_NameResolvingToLoopback_IsDeniedEvenWhenTheNameIsAllowed()
    {
        await using var host = await CapsuleHost.StartAsync();
        var capsule = await host.Capsules.SpawnAsync(new CapsuleRequest
        {
            Command = ["python3", "-c", Probe.Replace("tunnel('127.0.0.1', 6379)", "tunnel('localhost', 6379)", StringComparison.Ordinal)],
            Policy = "public", Tenant = "t",
        });

        await host.Capsules.WaitAsync(capsule.Id).WaitAsync(TimeSpan.FromMinutes(2));
        var output = await Text(host, capsule.Id);

        Assert.Contains("redis-connect 403", output);
        var denied = (await host.AuditOfAsync(capsule.Id)).First(r => r.Action == "EgressDenied" && r.Subject!.EndsWith("localhost:6379", StringComparison.Ordinal));
        Assert.Contains("local or private", JsonDocument.Parse(denied.Detail!).RootElement.GetProperty("reason").GetString());
    }

    private static async Task<string> Text(CapsuleHost host, string id)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var output in host.Capsules.FollowAsync(id))
            text.Append(output.Text);
        return text.ToString();
    }
}
