using Microsoft.Extensions.Options;

namespace Noa.Gateway;

/// <summary>Reports every invalid gateway option at startup, not just the first.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string S = GatewayOptions.Section;

    public ValidateOptionsResult Validate(string? name, GatewayOptions o)
    {
        var errors = new List<string>();
        if (o.MaxRequestBodyBytes < 1024)
            errors.Add($"{S}:MaxRequestBodyBytes must be at least 1024 (was {o.MaxRequestBodyBytes}).");
        if (o.MaxQueueDepth < 0)
            errors.Add($"{S}:MaxQueueDepth must not be negative (was {o.MaxQueueDepth}).");
        if (o.QueueFullRetryAfter < TimeSpan.FromSeconds(1))
            errors.Add($"{S}:QueueFullRetryAfter must be at least 1 second (was {o.QueueFullRetryAfter}).");
        if (o.RateLimitBurst < 1)
            errors.Add($"{S}:RateLimitBurst must be at least 1 (was {o.RateLimitBurst}).");
        if (o.RateLimitPerSecond < 1)
            errors.Add($"{S}:RateLimitPerSecond must be at least 1 (was {o.RateLimitPerSecond}).");
        if (o.AnonymousRateLimitBurst < 1)
            errors.Add($"{S}:AnonymousRateLimitBurst must be at least 1 (was {o.AnonymousRateLimitBurst}).");
        if (o.AnonymousRateLimitPerSecond < 1)
            errors.Add($"{S}:AnonymousRateLimitPerSecond must be at least 1 (was {o.AnonymousRateLimitPerSecond}).");
        if (o.RefusalAuditInterval < TimeSpan.FromMilliseconds(100))
            errors.Add($"{S}:RefusalAuditInterval must be at least 100 ms (was {o.RefusalAuditInterval}).");
        if (o.KeyCacheTtl < TimeSpan.Zero)
            errors.Add($"{S}:KeyCacheTtl must not be negative (was {o.KeyCacheTtl}).");
        if (o.QueueSampleInterval <= TimeSpan.Zero)
            errors.Add($"{S}:QueueSampleInterval must be positive (was {o.QueueSampleInterval}).");
        if (o.EventKeepAlive <= TimeSpan.Zero)
            errors.Add($"{S}:EventKeepAlive must be positive (was {o.EventKeepAlive}).");
        if (o.BootstrapKeyFile is { } file)
        {
            if (!File.Exists(file))
                errors.Add($"{S}:BootstrapKeyFile '{file}' does not exist.");
            else if (!BootstrapKey.TryRead(file, out _, out var problem))
                errors.Add($"{S}:BootstrapKeyFile '{file}': {problem}");
        }
        foreach (var (stream, group) in o.Queues)
        {
            if (!StreamNames.IsValid(stream))
                errors.Add($"{S}:Queues: '{stream}' is not a valid stream name.");
            if (string.IsNullOrWhiteSpace(group))
                errors.Add($"{S}:Queues:{stream} must name the consumer group whose lag is the queue depth.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
