using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Noa.Gateway.Tests;

public sealed class RefusalAuditTests
{
    private static readonly Dictionary<string, string?> Unlimited = new()
    {
        // Every call without a key stays a 401 (no 429s), so the count to find is exactly the number sent.
        ["Noa:Gateway:AnonymousRateLimitBurst"] = "1000000",
        ["Noa:Gateway:AnonymousRateLimitPerSecond"] = "1000000",
    };

    [Fact]
    public async Task RefusedFlood_OneFullRowPerClientStatusInterval_AggregateCountsEveryRefusal()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-06T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await GatewayHost.StartAsync(workers: false, settings: Unlimited,
            services: s => s.RemoveAll<TimeProvider>().AddSingleton<TimeProvider>(time));
        var refusals = host.Services.GetRequiredService<RefusalAudit>();

        // One interval: 100 refusals from one client, 7 from another; each client is one connection, and its last
        // call (a health probe, not audited) is served only once the refusal before it was counted.
        using var flooder = LoopbackClient.Create(host.BaseAddress, "127.0.0.1");
        using var neighbour = LoopbackClient.Create(host.BaseAddress, "127.0.0.2");
        await SendAsync(flooder, 100);
        await SendAsync(neighbour, 7);
        await refusals.FlushAsync();

        var rows = await AuditRows.AllAsync(host);
        Assert.Single(AuditRows.Full(rows, "127.0.0.1", 401));
        Assert.Equal(99, AuditRows.Counted(Assert.Single(AuditRows.Aggregated(rows, "127.0.0.1", 401))));
        Assert.Single(AuditRows.Full(rows, "127.0.0.2", 401));
        Assert.Equal(6, AuditRows.Counted(Assert.Single(AuditRows.Aggregated(rows, "127.0.0.2", 401))));

        // Next intervals: a concurrent flood from 8 connections of one address, with intervals ending while it runs.
        const int Connections = 8, Each = 60;
        var clients = Enumerable.Range(0, Connections).Select(_ => LoopbackClient.Create(host.BaseAddress, "127.0.0.3")).ToList();
        var flood = Task.WhenAll(clients.Select(c => SendAsync(c, Each)));
        var flushes = 0;
        while (!flood.IsCompleted)
        {
            // The fake clock never fires the gateway's own flush, so these are the only interval ends.
            await refusals.FlushAsync();
            flushes++;
            await Task.Delay(5);
        }
        await flood;
        await refusals.FlushAsync();
        clients.ForEach(c => c.Dispose());

        rows = await AuditRows.AllAsync(host);
        var full = AuditRows.Full(rows, "127.0.0.3", 401).Count();
        var aggregated = AuditRows.Aggregated(rows, "127.0.0.3", 401).ToList();
        Assert.Equal(Connections * Each, full + aggregated.Sum(AuditRows.Counted)); // none lost, none counted twice
        Assert.InRange(full, 1, flushes + 1); // at most one full row per interval
        Assert.InRange(aggregated.Count, 1, flushes + 1);
        Assert.True(full + aggregated.Count < Connections * Each / 4, $"{full} full and {aggregated.Count} aggregated rows for {Connections * Each} refusals");
        Assert.All(aggregated, a => Assert.Equal("anonymous", a.Actor));
    }

    [Fact]
    public async Task MethodNotAllowed_AndUnsupportedMediaType_AreAudited()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);
        using var anonymous = LoopbackClient.Create(host.BaseAddress, "127.0.0.4");

        await Problem.AssertAsync(await anonymous.DeleteAsync("/digest"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        await Problem.AssertAsync(await host.Admin.PostAsync("/digest", new StringContent("source=x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        var rows = await AuditRows.WaitForAsync(host, r => AuditRows.Full(r, "127.0.0.4", 405).Any() && AuditRows.Full(r, "127.0.0.1", 415).Any());
        var notAllowed = Assert.Single(AuditRows.Full(rows, "127.0.0.4", 405));
        Assert.Equal(("anonymous", "DELETE /digest"), (notAllowed.Actor, notAllowed.Subject));
        var unsupported = Assert.Single(AuditRows.Full(rows, "127.0.0.1", 415));
        // Routing refuses the body's type before the key is checked, so the call is anonymous.
        Assert.Equal(("anonymous", "POST /digest"), (unsupported.Actor, unsupported.Subject));
    }

    private static async Task SendAsync(HttpClient client, int calls)
    {
        for (var i = 0; i < calls; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
