using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Stages.Registrar;

namespace Noa.Cli.Commands;

/// <summary><c>noa pull REF [--out DIR]</c>: brings a published bundle and its referrers into a folder, every file checked against its digest.</summary>
internal static class PullCommand
{
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Folder to write the bundle to (default ./noa-pull/REPOSITORY)" };

    public static Command Create()
    {
        var command = new Command("pull", "Fetch a published bundle and its referrers (SBOMs, SARIF, provenance under .oci/) into a folder.\n" + ExitCodes.Help)
        {
            BundleTarget.Ref, Out, BundleTarget.PlainHttp,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (await BundleTarget.OpenAsync(parse) is not var (reference, host))
            return ExitCodes.BadInput;
        using var _ = host;
        var puller = new BundlePuller(host.Services.GetRequiredService<IBundleRegistry>());
        var outDir = Path.GetFullPath(parse.GetValue(Out) ?? Path.Combine("noa-pull", reference.Repository.Replace('/', '_')));
        try
        {
            var files = await puller.PullAsync(reference.Repository, reference.Reference, outDir, cancellationToken);
            System.Console.WriteLine($"pulled {reference} into {outDir}: {files.Count} files");
            return ExitCodes.Success;
        }
        catch (InvalidDataException e)
        {
            await System.Console.Error.WriteLineAsync($"noa: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (BundleRegistryException e)
        {
            await System.Console.Error.WriteLineAsync($"noa: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
