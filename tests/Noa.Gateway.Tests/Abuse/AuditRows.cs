using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;

namespace Noa.Gateway.Tests;

/// <summary>Reads a gateway's audit log back: the rows of refused calls, in full or aggregated.</summary>
internal static class AuditRows
{
    public static async Task<IReadOnlyList<AuditRecord>> AllAsync(GatewayHost host) =>
        await host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Limit: 100_000));

    /// <summary>Polls until <paramref name="found"/> holds (a refusal's row may be written just after its answer is sent).</summary>
    public static async Task<IReadOnlyList<AuditRecord>> WaitForAsync(GatewayHost host, Func<IReadOnlyList<AuditRecord>, bool> found)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        IReadOnlyList<AuditRecord> rows;
        do
        {
            rows = await AllAsync(host);
            if (found(rows))
                return rows;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail("the audit never held the expected rows:\n" + string.Join("\n", rows.Select(r => $"{r.Action} {r.Actor} {r.Subject} {r.Detail}")));
        return rows;
    }

    public static JsonElement Detail(AuditRecord record) => JsonDocument.Parse(record.Detail ?? "{}").RootElement;

    /// <summary>Full rows of calls refused with <paramref name="status"/> from <paramref name="client"/>.</summary>
    public static IEnumerable<AuditRecord> Full(IEnumerable<AuditRecord> rows, string client, int status) =>
        rows.Where(r => r.Action == AuditMiddleware.Action && Detail(r).GetProperty("status").GetInt32() == status
            && Detail(r).GetProperty("client").GetString() == client);

    /// <summary>The aggregated rows of <paramref name="client"/>'s refusals with <paramref name="status"/>.</summary>
    public static IEnumerable<AuditRecord> Aggregated(IEnumerable<AuditRecord> rows, string client, int status) =>
        rows.Where(r => r.Action == RefusalAudit.Aggregated && r.Subject == $"{status} from {client}");

    public static long Counted(AuditRecord aggregated) => Detail(aggregated).GetProperty("count").GetInt64();
}
