using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Images.Buildah;
using Noa.Testing;

namespace Noa.Stages.Registrar.Tests;

/// <summary>
/// Two real small images built once per class by buildah FROM the locally built debian:bookworm-slim (scripts/images.sh ensure
/// debian), differing in one file, each exported as an OCI image layout the way Env Synthesis keeps a verified image.
/// </summary>
public sealed class BuiltImages : IAsyncLifetime
{
    public const string Base = "debian:bookworm-slim";

    private readonly string _home = Directory.CreateTempSubdirectory("noa-registrar-images-").FullName;
    private readonly List<string> _names = [];
    private ServiceProvider? _services;

    /// <summary>Why the images could not be built, or null.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The layout folders of image A and image B.</summary>
    public string A { get; private set; } = "";

    /// <inheritdoc cref="A"/>
    public string B { get; private set; } = "";

    /// <summary>Runs skopeo with <paramref name="arguments"/> and returns its output.</summary>
    public static async Task<string> SkopeoAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("skopeo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"skopeo {string.Join(' ', arguments)}: {error}");
        return output;
    }

    public async ValueTask InitializeAsync()
    {
        if ((Unavailable = SandboxRequirements.Unavailable(["buildah", "skopeo"])) is not null)
            return;
        _services = new ServiceCollection().AddLogging().AddBuildahImages(s => s.MountDirectory = Path.Combine(_home, "mounts")).BuildServiceProvider();
        var builder = _services.GetRequiredService<IImageBuilder>();
        if (await builder.InspectAsync(Base) is null)
        {
            Unavailable = $"the base image {Base} is not built (scripts/images.sh ensure debian)";
            return;
        }
        A = await BuildAndExportAsync(builder, "a");
        B = await BuildAndExportAsync(builder, "b");
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            var builder = _services.GetRequiredService<IImageBuilder>();
            foreach (var name in _names)
                await builder.RemoveAsync(name);
            await _services.DisposeAsync();
        }
        Directory.Delete(_home, recursive: true);
    }

    private async Task<string> BuildAndExportAsync(IImageBuilder builder, string which)
    {
        var context = Directory.CreateDirectory(Path.Combine(_home, "context-" + which)).FullName;
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM {Base}\nCOPY hello.txt /srv/hello.txt\nCMD [\"cat\", \"/srv/hello.txt\"]\n");
        await File.WriteAllTextAsync(Path.Combine(context, "hello.txt"), $"hello from image {which} {Guid.NewGuid():N}\n");
        var name = $"localhost/noa-test/registrar-{Guid.NewGuid():N}:1";
        _names.Add(name);
        var built = await builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context, Tags = [name], Network = false });
        Assert.True(built.Succeeded, built.Error + "\n" + built.Log);
        var layout = Path.Combine(_home, "layout-" + which);
        await builder.ExportAsync(name, layout);
        return layout;
    }
}
