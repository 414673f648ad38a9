using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Hosting;
using Noa.Stages.Registrar;

namespace Noa.Cli.Commands;

/// <summary><c>noa verify REF [--key FILE]</c>: checks every digest of a published bundle and its referrers, and its signed provenance.</summary>
internal static class VerifyCommand
{
    private static readonly Option<string?> Key = new("--key") { Description = "PEM public (or private) key to verify with (default Noa:Registrar:SigningKeyFile, else $NOA_HOME/keys/signing.pem)" };

    public static Command Create()
    {
        var command = new Command("verify", "Verify a published bundle: the manifest, every layer and referrer against its digest, and the provenance signature.\n" + ExitCodes.Help)
        {
            BundleTarget.Ref, Key, BundleTarget.PlainHttp,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (await BundleTarget.OpenAsync(parse) is not var (reference, host))
            return ExitCodes.BadInput;
        using var _ = host;
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var key = parse.GetValue(Key) ?? configuration[$"{RegistrarOptions.Section}:SigningKeyFile"]
            ?? Path.Combine(NoaHome.From(configuration).Root, "keys", "signing.pem");
        try
        {
            var report = await new BundleVerifier(host.Services.GetRequiredService<IBundleRegistry>())
                .VerifyAsync(reference.Repository, reference.Reference, key, cancellationToken);
            foreach (var line in report.Checked)
                System.Console.WriteLine($"ok    {line}");
            foreach (var line in report.Problems)
                System.Console.WriteLine($"FAIL  {line}");
            System.Console.WriteLine(report.Verified ? $"verified {reference} ({report.Digest})" : $"NOT verified: {report.Problems.Count} problems");
            return report.Verified ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (Exception e) when (e is InvalidDataException or BundleRegistryException or SigningKeyException)
        {
            await System.Console.Error.WriteLineAsync($"noa: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
