using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Noa.Abstractions;

namespace Noa.Stages.Classifier;

/// <summary>
/// The Classifier stage: reads the snapshot Intake wrote and writes <c>profile.json</c> (languages,
/// build systems, frameworks, service type, licences) and <c>files.json</c> (every file's category and language).
/// </summary>
public sealed partial class ClassifierStage(IOptions<ClassifierOptions> options, ILogger<ClassifierStage> logger) : IStage
{
    /// <summary>The stage name.</summary>
    public const string StageName = "classifier";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public IReadOnlyList<StageDependency> Dependencies => StageCatalogue.Classifier.Dependencies;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        if (context.Source is not { } source)
        {
            return StageOutcome.BadInput("The classifier needs the source snapshot written by intake; the run has none.");
        }
        var inputs = new ClassifierInput[source.Files.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var file = source.Files[i];
            inputs[i] = new ClassifierInput(file.Path, file.Size, token => new ValueTask<Stream>(source.OpenReadAsync(file, token)));
        }
        var started = context.Time.GetTimestamp();
        var result = await new SourceClassifier(options.Value).ClassifyAsync(inputs, context.Progress, cancellationToken).ConfigureAwait(false);

        using (var json = new MemoryStream(result.Profile.ToJson(), writable: false))
        {
            await context.Artifacts.WriteAsync(Profile.BundlePath, json, "application/json", cancellationToken).ConfigureAwait(false);
        }
        if (options.Value.WriteFileList)
        {
            using var json = new MemoryStream(result.FileList.ToJson(), writable: false);
            await context.Artifacts.WriteAsync(FileList.BundlePath, json, "application/json", cancellationToken).ConfigureAwait(false);
        }

        var profile = result.Profile;
        var top = profile.Languages.Count > 0 ? profile.Languages[0].Name : "no language";
        Log.Classified(logger, context.RunId, profile.Files.Total, top, profile.ServiceType, context.Time.GetElapsedTime(started).TotalMilliseconds);
        return StageOutcome.Success($"{profile.Files.Total:N0} files, {top}, {profile.ServiceType}, licence {profile.Licenses.Primary ?? "unknown"}");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.Classified, Level = LogLevel.Information,
            Message = "Run {RunId}: classified {Files} files; top language {Language}, service type {ServiceType} in {ElapsedMs:F0} ms")]
        public static partial void Classified(ILogger logger, string runId, int files, string language, string serviceType, double elapsedMs);
    }
}
