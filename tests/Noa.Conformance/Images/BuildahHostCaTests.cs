using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Images.Buildah;

namespace Noa.Conformance;

/// <summary>
/// The host's CA bundle in buildah's <c>RUN</c> steps with network (<see cref="HostCa"/>): a step fetching from the npm
/// registry succeeds through this host's TLS-inspecting proxy, the image keeps nothing of it (no bundle, no variable, the
/// same layer entries as a build without it), and the control without the bundle fails exactly when the registry's
/// certificate does not chain to a root of the base image's own bundle (the proxy's case; on a host without a proxy the
/// control builds too).
/// </summary>
public sealed class BuildahHostCaTests(BuildahFixture fixture) : IClassFixture<BuildahFixture>
{
    private const string Node = "node:18-slim";

    private const string NpmInstall = $"FROM {Node}\nWORKDIR /app\nRUN npm install --no-audit --no-fund --no-save escape-html@1.0.3 && test -f node_modules/escape-html/index.js\n";

    [Fact]
    public async Task NpmInstall_WithTheHostCa_IsBuilt_AndTheImageKeepsNothingOfIt()
    {
        await RequireAsync();
        await using var builder = Builder(HostCaBundle());
        using var context = Context(NpmInstall);
        var name = fixture.LocalName();

        var result = await builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [name], NoCache = true });

        Assert.True(result.Succeeded, result.Error + "\n" + result.Log);
        Assert.Equal(2, result.Steps); // WORKDIR and RUN: the ARG lines HostCa adds are not the Dockerfile's steps
        var image = Assert.IsType<ImageInfo>(await builder.InspectAsync(name));
        var bare = Assert.IsType<ImageInfo>(await builder.InspectAsync(Node));
        Assert.Equal(bare.Config.Env, image.Config.Env);
        await using var mount = await builder.MountAsync(name);
        Assert.True(File.Exists(Path.Combine(mount.RootFs, "app/node_modules/escape-html/index.js")));
        Assert.False(File.Exists(Path.Combine(mount.RootFs, HostCa.MountPath.TrimStart('/'))));
        Assert.DoesNotContain(HostOnlyCertificates(mount.RootFs), c => ImageHolds(mount.RootFs, c));
    }

    [Fact]
    public async Task NpmInstall_WithoutTheHostCa_FailsOnAHostBehindATlsInspectingProxy()
    {
        await RequireAsync();
        await using var builder = Builder("");
        using var context = Context(NpmInstall);
        bool intercepted;
        await using (var bare = await builder.MountAsync(Node))
            intercepted = !await ChainsToAsync("registry.npmjs.org", Path.Combine(bare.RootFs, "etc/ssl/certs/ca-certificates.crt"));

        var result = await builder.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [fixture.LocalName()], NoCache = true });

        Assert.Equal(!intercepted, result.Succeeded);
        if (intercepted)
            Assert.Matches("SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT|unable to get local issuer certificate", result.Log);
    }

    [Fact]
    public async Task Build_WithTheHostCa_GivesTheLayersAndEnvOfABuildWithout()
    {
        await RequireAsync();
        var dockerfile = $"FROM {Node} AS build\nRUN mkdir /out && echo built > /out/x\nFROM {Node}\nCOPY --from=build /out /srv\nRUN echo ran > /srv/y\nENV GREETING=hi\n";
        await using var with = Builder(HostCaBundle());
        await using var without = Builder("");
        using var context = Context(dockerfile);
        var (a, b) = (fixture.LocalName(), fixture.LocalName());

        var first = await with.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [a], NoCache = true });
        var second = await without.BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [b], NoCache = true });

        Assert.True(first.Succeeded && second.Succeeded, first.Error + second.Error);
        Assert.Equal((await without.InspectAsync(b))!.Config.Env, (await with.InspectAsync(a))!.Config.Env);
        using var layouts = new TempFolder("noa-hostca-layout");
        var entries = await LayerEntriesAsync(with, a, layouts.Next("a"));
        Assert.Equal(await LayerEntriesAsync(without, b, layouts.Next("b")), entries);
        Assert.Contains("srv/y", entries[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FROM a\nRUN x\n", "FROM a\n{ARGS}RUN x\n")]
    [InlineData("FROM a AS b\nRUN x\nFROM c\nCOPY --from=b / /\n", "FROM a AS b\n{ARGS}RUN x\nFROM c\n{ARGS}COPY --from=b / /\n")]
    [InlineData("FROM \\\n  a\nRUN x", "FROM \\\n  a\n{ARGS}RUN x")]
    [InlineData("# escape=`\nFROM `\n  a\nRUN echo \\\nFROM x", "# escape=`\nFROM `\n  a\n{ARGS}RUN echo \\\nFROM x\n{ARGS}")]
    [InlineData("FROM a \\\n# a comment\n  AS b\nRUN x\n", "FROM a \\\n# a comment\n  AS b\n{ARGS}RUN x\n")]
    [InlineData("FROM a", "FROM a\n{ARGS}")]
    [InlineData("# FROM a\nRUN x\n", "# FROM a\nRUN x\n")]
    public void WithArgs_DeclaresTheVariables_AfterEachFrom(string dockerfile, string expected)
    {
        var args = string.Concat(HostCa.Variables.Select(v => $"ARG {v}\n"));
        Assert.Equal(expected.Replace("{ARGS}", args, StringComparison.Ordinal), HostCa.WithArgs(dockerfile));
    }

    private async Task RequireAsync()
    {
        if (fixture.Unavailable is { } why)
            Requirement.Unmet($"{nameof(BuildahFixture)}: {why}; start the servers with scripts/services.sh");
        if (await fixture.BaseImageMissingAsync(Node) is not null && !await PulledAsync())
            Requirement.Unmet($"the base image {Node} is not in the local registry (scripts/images.sh ensure node)");
        if (HostCaBundle() is null)
            Requirement.Unmet("this host has no CA bundle at /etc/ssl/certs/ca-certificates.crt (Debian's ca-certificates)");
    }

    private async Task<bool> PulledAsync()
    {
        try
        {
            await fixture.Builder.PullAsync(Node);
            return true;
        }
        catch (ImageNotFoundException)
        {
            return false;
        }
    }

    private static string? HostCaBundle() => new BuildahSettings().HostCaBundle is { } path && File.Exists(path) ? path : null;

    private static BuildahImageBuilder Builder(string? bundle) =>
        new(Options.Create(new BuildahSettings { MountDirectory = "/run/noa-images-test", HostCaBundle = bundle }));

    private static TempFolder Context(string dockerfile)
    {
        var folder = new TempFolder("noa-hostca");
        File.WriteAllText(Path.Combine(folder.Path, "Dockerfile"), dockerfile);
        return folder;
    }

    /// <summary>Whether <paramref name="host"/>'s certificate, as this host receives it, chains to a root of <paramref name="bundle"/>.</summary>
    private static async Task<bool> ChainsToAsync(string host, string bundle)
    {
        X509Certificate2? leaf = null;
        X509Certificate2Collection presented = [];
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, 443).WaitAsync(TimeSpan.FromSeconds(20));
            await using var tls = new SslStream(tcp.GetStream(), false, (_, cert, chain, _) =>
            {
                leaf = cert is null ? null : new X509Certificate2(cert);
                if (chain is not null)
                    foreach (var element in chain.ChainElements)
                        presented.Add(new X509Certificate2(element.Certificate));
                return true;
            });
            await tls.AuthenticateAsClientAsync(host);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            Requirement.Unmet($"{host}:443 is not reachable from this host ({e.Message})");
        }
        using var check = new X509Chain();
        check.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        check.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        check.ChainPolicy.CustomTrustStore.AddRange(Pems(bundle));
        check.ChainPolicy.ExtraStore.AddRange(presented);
        return check.Build(leaf!);
    }

    private static X509Certificate2Collection Pems(string bundle)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(bundle);
        return certificates;
    }

    /// <summary>The host's CAs the node image's own bundle lacks (a TLS-inspecting proxy's among them).</summary>
    private static IEnumerable<X509Certificate2> HostOnlyCertificates(string rootFs)
    {
        var image = Pems(Path.Combine(rootFs, "etc/ssl/certs/ca-certificates.crt")).Select(c => c.Thumbprint).ToHashSet();
        return Pems(HostCaBundle()!).Where(c => !image.Contains(c.Thumbprint));
    }

    /// <summary>Whether a certificate file of the image (its bundle, its certs folder, the mount path) holds <paramref name="certificate"/>.</summary>
    private static bool ImageHolds(string rootFs, X509Certificate2 certificate)
    {
        var folders = new[] { "etc/ssl/certs", "usr/local/share/ca-certificates", "run" }.Select(f => Path.Combine(rootFs, f)).Where(Directory.Exists);
        // Only the image's own files: its symbolic links name paths of the host (/usr/share/ca-certificates/…).
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories)).Where(f => new FileInfo(f).LinkTarget is null))
        {
            try
            {
                if (Pems(file).Any(c => c.Thumbprint == certificate.Thumbprint))
                    return true;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
            }
        }
        return false;
    }

    /// <summary>Each layer's entries (path, type, size), in order, from the image exported as an OCI layout.</summary>
    private static async Task<List<string>> LayerEntriesAsync(IImageBuilder builder, string reference, string folder)
    {
        var descriptor = await builder.ExportAsync(reference, folder);
        var manifest = OciJson.Parse<OciManifest>(await File.ReadAllBytesAsync(Blob(folder, descriptor.Digest)));
        var entries = new List<string>();
        foreach (var layer in manifest.Layers)
        {
            await using var file = File.OpenRead(Blob(folder, layer.Digest));
            await using Stream stream = layer.MediaType.EndsWith("gzip", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            await using var tar = new TarReader(stream);
            var names = new List<string>();
            while (await tar.GetNextEntryAsync() is { } entry)
                names.Add($"{entry.Name} {entry.EntryType} {entry.Length}");
            entries.Add(string.Join("\n", names.Order(StringComparer.Ordinal)));
        }
        return entries;
    }

    private static string Blob(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
}
