using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Intake;

/// <summary>
/// The first stage of the pipeline: reads a source (folder, git repository, archive, OpenAPI document or model
/// list), stores every file in the artifact store, and writes <c>snapshot.json</c> (the file list and tree hash)
/// and <c>provenance.json</c> (where the snapshot came from). Every kind of untrusted input is checked before
/// anything is stored; refused input ends as <see cref="StageOutcome.BadInput"/> naming what was wrong.
/// </summary>
public sealed partial class IntakeStage : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "intake";

    private static readonly ActivitySource Activity = new("Noa.Stages.Intake");
    private readonly IntakeOptions _options;
    private readonly ILogger<IntakeStage> _logger;
    private readonly HostGuard _guard;
    private readonly CredentialSealer? _sealer;

    /// <summary>Creates the stage with its options, and the sealer that opens credentials sealed where the source entered.</summary>
    public IntakeStage(IOptions<IntakeOptions> options, ILogger<IntakeStage> logger, CredentialSealer? sealer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _guard = new HostGuard(_options);
        _sealer = sealer;
    }

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Intake.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var activity = Activity.StartActivity("intake");
        var startedAt = context.Time.GetUtcNow();
        var request = context.Request;
        if (request.SealedSource is { } sealedSource)
        {
            // The one place the source is seen with its credentials; it never leaves this attempt.
            if (Open(sealedSource) is not { } source)
                return StageOutcome.Fail(StageFailure.BadInput, CredentialsUnopened, nonRetryable: true);
            request = request with { Source = source, SealedSource = null };
        }

        var read = await new SourceReader(_options, _guard).ReadAsync(request, context.Workspace, cancellationToken).ConfigureAwait(false);
        if (read.Failed)
        {
            Log.Refused(_logger, context.RunId, read.Error!);
            activity?.SetStatus(ActivityStatusCode.Error, read.Error);
            return read.ErrorType == StageFailure.Timeout
                ? StageOutcome.Fail(StageFailure.Timeout, read.Error!)
                : StageOutcome.BadInput(read.Error!);
        }
        var (kind, locator, result) = read.Value;
        Log.Read(_logger, context.RunId, kind, locator.Redacted, result.Files.Count);

        var manifest = await SnapshotWriter.WriteAsync(result.Files, context, cancellationToken).ConfigureAwait(false);
        var bytes = manifest.Files.Sum(f => f.Size);
        var provenance = new Provenance
        {
            Kind = kind,
            Locator = locator.Redacted,
            ResolvedCommit = result.ResolvedCommit,
            Ref = request.Ref,
            Commit = request.Commit,
            TreeHash = manifest.TreeHash,
            Files = manifest.Files.Count,
            Bytes = bytes,
            RequestedBy = request.RequestedBy,
            StartedAt = startedAt,
            CompletedAt = context.Time.GetUtcNow(),
            Tool = ToolInfo.Current,
            Git = result.Git,
            Archive = result.Archive,
            OpenApi = result.OpenApi,
            ModelList = result.ModelList,
            Warnings = result.Warnings,
        };
        await SnapshotWriter.WriteJsonAsync(context, Provenance.BundlePath, provenance, cancellationToken).ConfigureAwait(false);
        Log.Completed(_logger, context.RunId, manifest.Files.Count, bytes, manifest.TreeHash);
        return StageOutcome.Success(Summarize(kind, manifest.Files.Count, bytes, result.ResolvedCommit));
    }

    private const string CredentialsUnopened =
        "the source's credentials were sealed where it entered and cannot be opened here (see the log: every process must read the same Noa:Credentials:KeyFile)";

    private string? Open(string sealedSource)
    {
        if (_sealer is null)
        {
            Log.CredentialsNotOpened(_logger, "no credential sealer is registered in this process");
            return null;
        }
        try
        {
            return _sealer.Open(sealedSource);
        }
        catch (Exception e) when (e is CredentialException or SecretFileException)
        {
            Log.CredentialsNotOpened(_logger, e.Message);
            return null;
        }
    }

    internal static string Summarize(SourceKind kind, int files, long bytes, string? commit)
    {
        var size = bytes switch
        {
            < 1000 => $"{bytes} B",
            < 1_000_000 => (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
            < 1_000_000_000 => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
            _ => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        };
        var count = files.ToString("N0", CultureInfo.InvariantCulture);
        var source = commit is null ? KindName(kind) : $"git {commit[..Math.Min(7, commit.Length)]}";
        return $"{count} {(files == 1 ? "file" : "files")}, {size}, {source}";
    }

    private static string KindName(SourceKind kind) => kind switch
    {
        SourceKind.OpenApi => "openapi",
        SourceKind.ModelList => "model list",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.SourceRead, Level = LogLevel.Information, Message = "Run {RunId}: read {Kind} source {Locator}, {Files} files")]
        public static partial void Read(ILogger logger, string runId, SourceKind kind, string locator, int files);

        [LoggerMessage(EventId = LogEvents.Snapshotted, Level = LogLevel.Information, Message = "Run {RunId}: snapshot of {Files} files, {Bytes} bytes, {TreeHash}")]
        public static partial void Completed(ILogger logger, string runId, int files, long bytes, string treeHash);

        [LoggerMessage(EventId = LogEvents.SourceRefused, Level = LogLevel.Warning, Message = "Run {RunId}: source refused: {Reason}")]
        public static partial void Refused(ILogger logger, string runId, string reason);

        [LoggerMessage(EventId = LogEvents.CredentialsUnreadable, Level = LogLevel.Error, Message = "The source's sealed credentials cannot be opened: {Reason}")]
        public static partial void CredentialsNotOpened(ILogger logger, string reason);
    }
}
