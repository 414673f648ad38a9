using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Stages.Registrar;
using Spectre.Console;

namespace Noa.Cli.Commands;

/// <summary><c>noa publish RUN_ID</c>: publishes an earlier run's bundle, as the registrar stage does, with a progress bar.</summary>
internal static class PublishCommand
{
    private static readonly Argument<string> RunId = new("run") { Description = "Run id (see 'noa runs list')" };

    public static Command Create()
    {
        var command = new Command("publish", "Publish an earlier run's bundle to the bundle store (Noa:Bundles), signed, with its referrers.\n" + ExitCodes.Help)
        {
            RunId,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = NoaHostFactory.Build("registrar", GlobalOptions.From(parse));
        var publisher = host.Services.GetRequiredService<BundlePublisher>();
        var runId = parse.GetValue(RunId)!;
        try
        {
            PublishResult result;
            if (System.Console.IsErrorRedirected)
                result = await publisher.PublishAsync(runId, null, cancellationToken);
            else
                result = await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }).Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("publishing", maxValue: 1);
                        var published = await publisher.PublishAsync(runId, new Progress<PublishProgress>(p =>
                        {
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Done;
                            task.Description = Markup.Escape(p.Current.Length > 40 ? "…" + p.Current[^39..] : p.Current);
                        }), cancellationToken);
                        task.Value = task.MaxValue;
                        return published;
                    });
            System.Console.WriteLine($"{(result.AlreadyPublished ? "already published" : "published")} {result.Reference} {result.Digest} to {result.Store}");
            foreach (var referrer in result.Referrers)
                System.Console.WriteLine($"  referrer {referrer.ArtifactType} {referrer.Digest}");
            foreach (var image in result.Images ?? [])
                System.Console.WriteLine($"  image {image.App} {image.Reference} {image.Digest} ({image.Referrers.Count} referrers)");
            System.Console.WriteLine($"  referrers kept by {result.ReferrersMode}; {result.Bytes} bytes");
            if (result.Deliverable is { } d)
                System.Console.WriteLine($"  deliverable {d.Key} version {d.VersionId ?? "-"} sha256 {d.Sha256} ({d.Size} bytes)");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidDataException or BundleRegistryException or BundleTagConflictException or SigningKeyException or DeliverableRefusedException)
        {
            await System.Console.Error.WriteLineAsync($"noa: {e.Message}");
            return e is InvalidDataException ? ExitCodes.BadInput : ExitCodes.Failure;
        }
    }
}
