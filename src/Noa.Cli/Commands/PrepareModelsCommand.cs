using System.CommandLine;
using Noa.Embeddings.Models;

namespace Noa.Cli.Commands;

/// <summary>
/// <c>noa prepare-models</c> (hidden; run by <c>make build</c> and the Dockerfile): writes the quantized embedding model
/// beside the executable, so that no process has to quantize it when it starts.
/// </summary>
internal static class PrepareModelsCommand
{
    private static readonly Option<string?> Out = new("--out") { Description = "Folder to write to (default: models/ beside the executable)" };

    public static Command Create()
    {
        var command = new Command("prepare-models", "Write the quantized embedding model beside the executable (a build step)") { Out };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var path = EmbeddingModels.PrepareMiniLm(parse.GetValue(Out));
            System.Console.WriteLine($"prepared {path} ({new FileInfo(path).Length / 1_000_000.0:F1} MB)");
            return ExitCodes.Success;
        });
        return command;
    }
}
