using System.Text.Json;
using Microsoft.Extensions.Logging;
using Noa.Abstractions;

namespace Noa.Stages.Registrar;

/// <summary>
/// The Registrar stage, last in the DAG and gated by <c>safety=pass</c>: publishes the run's bundle with
/// <see cref="BundlePublisher"/> and records where in <c>registrar.json</c>. A store that cannot be reached is retried by
/// the engine (nothing is tagged until everything is in); a tag held by another bundle, a missing or wrong signing key,
/// a refusal of the store are failures of the run with the reason, never retried.
/// </summary>
public sealed partial class RegistrarStage(BundlePublisher publisher, ILogger<RegistrarStage> logger) : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "registrar";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Registrar.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        PublishResult result;
        try
        {
            var progress = new Progress<PublishProgress>(p => context.Progress.Report(new StageProgress(p.Done, p.Total, "bytes", $"pushing {p.Current}")));
            result = await publisher.PublishAsync(context.RunId, progress, cancellationToken);
        }
        catch (BundleTagConflictException e)
        {
            return StageOutcome.Fail("tag-conflict", e.Message, nonRetryable: true);
        }
        catch (SigningKeyException e)
        {
            return StageOutcome.Fail("signing-key", e.Message, nonRetryable: true);
        }
        catch (DeliverableRefusedException e)
        {
            return StageOutcome.Fail("deliverable-refused", e.Message, nonRetryable: true);
        }
        catch (BundleRegistryException e) when (!e.Transient)
        {
            return StageOutcome.Fail("registry-refused", e.Message, nonRetryable: true);
        }
        catch (InvalidDataException e)
        {
            return StageOutcome.Fail("bundle-invalid", e.Message, nonRetryable: true);
        }
        await context.Artifacts.WriteAsync(PublishResult.BundlePath, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(result, Json)), "application/json", cancellationToken);
        Log.Published(logger, context.RunId, result.Reference, result.Digest, result.Referrers.Count, result.ReferrersMode, result.Store);
        var images = result.Images is { Count: > 0 } published ? $", {published.Count} image(s)" : "";
        return StageOutcome.Success($"{result.Reference} @ {result.Digest[..19]}…, {result.Referrers.Count} referrers ({result.ReferrersMode}){images}");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Published, Level = LogLevel.Information, Message = "Run {RunId}: published {Reference} {Digest} with {Referrers} referrers ({Mode}) to {Store}")]
        public static partial void Published(ILogger logger, string runId, string reference, string digest, int referrers, ReferrersMode mode, string store);
    }
}
