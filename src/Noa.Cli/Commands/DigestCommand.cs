using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Noa.Abstractions;
using Noa.Credentials;
using Noa.Cli.Console;
using Noa.Cli.Search;
using Noa.Workflows;

namespace Noa.Cli.Commands;

/// <summary><c>noa digest SOURCE</c>: runs the pipeline in-process on the embedded stores and writes the bundle.</summary>
internal static class DigestCommand
{
    private static readonly Argument<string?> Source = new("source")
    {
        Description = "Folder, git repository (path or URL), .tar/.tar.gz/.zip archive, OpenAPI document (file or URL) or model list",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Folder to write the bundle to (default ./noa-out/RUN_ID)" };
    private static readonly Option<string?> Only = new("--only") { Description = "Comma-separated stages to run, with what they need (e.g. classifier)" };
    private static readonly Option<string?> Resume = new("--resume") { Description = "Continue run RUN_ID without redoing finished stages" };
    private static readonly Option<SourceKind?> Kind = new("--kind") { Description = "Source kind, when detection is not enough" };
    private static readonly Option<string?> Ref = new("--ref") { Description = "Git branch or tag" };
    private static readonly Option<string?> Commit = new("--commit") { Description = "Git commit" };
    private static readonly Option<int?> Depth = new("--depth") { Description = "Git clone depth" };
    private static readonly Option<bool> Submodules = new("--submodules") { Description = "Recurse into git submodules" };

    public static Command Create()
    {
        var command = new Command("digest", "Digest a source into a bundle: provenance, profile and more.\n" + ExitCodes.Help)
        {
            Source, Out, Only, Resume, Kind, Ref, Commit, Depth, Submodules,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var source = parse.GetValue(Source);
        var resume = parse.GetValue(Resume);
        if (source is null == resume is null)
        {
            await System.Console.Error.WriteLineAsync("noa: give a SOURCE to digest, or --resume RUN_ID (not both)");
            return ExitCodes.BadInput;
        }

        using var host = NoaHostFactory.Build(Modules.Workers, GlobalOptions.From(parse));
        await host.StartAsync(cancellationToken);
        var services = host.Services;
        var engine = services.GetRequiredService<WorkflowEngine>();
        var definition = DigestWorkflow.Create(services.GetServices<IStage>());
        IReadOnlyList<string>? only = parse.GetValue(Only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var warm = new SearchWarmer(GlobalOptions.From(parse), only);
        var view = new RunProgressView(services.GetRequiredService<IMessageBus>(), definition.StageNames, warm.Usable);
        warm.Terminal = view.Interactive;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = view.WatchAsync(watch.Token);
        RunRecord run;
        try
        {
            // Credentials in the locator are separated here, at the door: the run record holds them only sealed.
            var (shown, sealedSource) = resume is null
                ? SourceCredentials.Separate(Locate(source!), services.GetRequiredService<CredentialSealer>())
                : ("", null);
            run = resume is not null
                ? await engine.ResumeAsync(definition, resume, cancellationToken)
                : await engine.RunAsync(definition, new DigestRequest
                {
                    Source = shown,
                    SealedSource = sealedSource,
                    Tenant = Tenants.Local,
                    Kind = parse.GetValue(Kind),
                    Ref = parse.GetValue(Ref),
                    Commit = parse.GetValue(Commit),
                    Depth = parse.GetValue(Depth),
                    Submodules = parse.GetValue(Submodules),
                    Only = only,
                    RequestedBy = Environment.UserName,
                }, cancellationToken: cancellationToken);
        }
        catch (ArgumentException e)
        {
            await watch.CancelAsync();
            await watching;
            // Without .NET's " (Parameter 'only')": the option is named in words.
            await System.Console.Error.WriteLineAsync($"noa: {(e.ParamName == "only" ? "--only: " : "")}{BadInput.Message(e)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The engine records what it can (a full disk may stop even that); the user gets the reason, not a stack trace.
            await watch.CancelAsync();
            await watching;
            await System.Console.Error.WriteLineAsync($"noa: the run stopped: {e.Message}");
            return ExitCodes.Failure;
        }
        await view.DrainAsync(run.RunId);
        await watch.CancelAsync();
        await watching;
        if (run.State == RunState.Succeeded)
            warm.Usable(); // a run with nothing after its knowing stages is never "usable" before it ends
        await warm.StartedAsync();

        var store = services.GetRequiredService<IRunStore>();
        var attempts = await store.GetAttemptsAsync(run.RunId, CancellationToken.None);
        // The stored record: it holds what the engine wrote during the run (when it was usable).
        run = await store.GetRunAsync(run.RunId, CancellationToken.None) ?? run;
        var outDir = Path.GetFullPath(parse.GetValue(Out) ?? Path.Combine("noa-out", run.RunId));
        int exported;
        try
        {
            exported = await services.GetRequiredService<BundleExporter>().ExportAsync(run.RunId, outDir, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Every file of the bundle is whole or absent (written under a temporary name, then renamed).
            RunSummary.Write(run, attempts, definition.StageNames, outDir, 0);
            await System.Console.Error.WriteLineAsync($"noa: the bundle of run {run.RunId} could not be written to {outDir}: {e.Message}");
            await host.StopAsync(CancellationToken.None);
            return ExitCodes.Failure;
        }
        RunSummary.Write(run, attempts, definition.StageNames, outDir, exported, await SourceFilesAsync(outDir));
        await host.StopAsync(CancellationToken.None);
        return RunSummary.ExitCode(run, attempts);
    }

    // The bundle's provenance.json says how many files the source held (null without one).
    private static async Task<int?> SourceFilesAsync(string bundle)
    {
        var path = Path.Combine(bundle, "provenance.json");
        if (!File.Exists(path))
            return null;
        await using var stream = File.OpenRead(path);
        using var doc = await System.Text.Json.JsonDocument.ParseAsync(stream);
        return doc.RootElement.TryGetProperty("files", out var files) && files.TryGetInt32(out var n) ? n : null;
    }

    // A local path is recorded absolute, so a resume from another folder (or a worker) finds the same source.
    private static string Locate(string source) =>
        !source.Contains("://", StringComparison.Ordinal) && (Directory.Exists(source) || File.Exists(source))
            ? Path.GetFullPath(source)
            : source;
}
