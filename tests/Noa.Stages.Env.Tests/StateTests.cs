using Noa.Abstractions.Env;
using YamlDotNet.RepresentationModel;

namespace Noa.Stages.Env.Tests;

/// <summary>
/// Servers that write state (Planning/StateRule, plan.json's <c>state</c>): a data folder under the working folder becomes a folder
/// the image gives its user, a volume in compose and Kubernetes and a writable bind in the proof; a server that writes under HOME
/// gets the user's home with its XDG folders and a writable root; a server that writes nothing keeps a read-only root everywhere.
/// The proofs build through buildah FROM node:18-slim and start in the bubblewrap capsule, whose root is read-only.
/// </summary>
[Collection(ImageBuilds.Name)]
public sealed class StateTests
{
    private const string Package = """{ "name": "NAME", "version": "1.0.0", "main": "server.js", "scripts": { "start": "node server.js" } }""";

    // Writes ./data at start (a relative folder the source does not hold) and answers with what it wrote there.
    private static MemorySourceTree DataWriter() => new(
        ("package.json", Package.Replace("NAME", "data-writer", StringComparison.Ordinal)),
        ("server.js", """
            const fs = require('fs');
            const http = require('http');
            const port = process.env.PORT || 3000;
            fs.mkdirSync('data', { recursive: true });
            fs.writeFileSync('data/started', 'kept in ./data');
            http.createServer((req, res) => res.end(fs.readFileSync('data/started'))).listen(port);
            """));

    // Like verdaccio: writes its config under ~/.config, and only when ~/.config is there already (else it would write in its working folder).
    private static MemorySourceTree HomeWriter() => new(
        ("package.json", Package.Replace("NAME", "home-writer", StringComparison.Ordinal)),
        ("server.js", """
            const fs = require('fs');
            const os = require('os');
            const path = require('path');
            const http = require('http');
            const port = process.env.PORT || 3000;
            const config = path.join(os.homedir(), '.config');
            if (!fs.existsSync(config)) throw new Error('no ' + config);
            fs.mkdirSync(path.join(config, 'demo'), { recursive: true });
            fs.writeFileSync(path.join(config, 'demo', 'config.json'), '{"written": "under HOME"}');
            http.createServer((req, res) => res.end(fs.readFileSync(path.join(config, 'demo', 'config.json')))).listen(port);
            """));

    // Control: writes nothing it declares; asked, it tries its working folder and answers what the read-only root said, and where
    // localhost is (the container's /etc/hosts, which a runtime writes and images leave empty).
    private static MemorySourceTree Quiet() => new(
        ("package.json", Package.Replace("NAME", "quiet", StringComparison.Ordinal)),
        ("server.js", """
            const fs = require('fs');
            const http = require('http');
            const port = process.env.PORT || 3000;
            http.createServer((req, res) => {
              let said = 'wrote';
              try { fs.writeFileSync('probe.txt', 'x'); } catch (e) { said = e.code; }
              require('dns').lookup('localhost', 4, (err, address) => res.end(said + ' localhost=' + (err ? err.code : address)));
            }).listen(port);
            """));

    [Fact]
    public async Task DataFolder_IsTheUsersInTheImage_AVolumeInComposeAndKubernetes_AndTheRootStaysReadOnly()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(DataWriter());

        var app = plan.Apps.Single();
        var data = Assert.Single(app.State);
        Assert.Equal(("/app/data", StateFolder.Data), (data.Path, data.Kind));
        Assert.StartsWith("state.data-folder: ./data", data.Rule, StringComparison.Ordinal);
        Assert.Equal(["server.js:4"], data.Evidence);
        Assert.True(app.ReadOnlyRoot);
        Assert.Contains("RUN install -d -o 10001 -g 10001 /home/app /home/app/.config", artifacts.Text("env/apps/data-writer/Dockerfile"));
        Assert.Contains(" /app/data\n", artifacts.Text("env/apps/data-writer/Dockerfile"));
        var compose = artifacts.Text("env/compose.yaml");
        Assert.Contains("- data-writer-data:/app/data", compose);
        Assert.Contains("read_only: true", compose);
        var container = Container(artifacts.Text("env/k8s/data-writer.yaml"), out var pod);
        Assert.Equal("true", container["securityContext"]["readOnlyRootFilesystem"].ToString());
        Assert.Contains(((YamlSequenceNode)container["volumeMounts"]).Cast<YamlMappingNode>(), m => m["mountPath"].ToString() == "/app/data" && m["name"].ToString() == "data-data");
        Assert.Contains(((YamlSequenceNode)pod["volumes"]).Cast<YamlMappingNode>(), v => v["name"].ToString() == "data-data" && v.Children.ContainsKey("emptyDir"));
        Assert.Contains("/app/data", artifacts.Text("env/plan.json"));
    }

    [Fact]
    public async Task HomeWriter_GetsItsHome_AndAWritableRoot_SaidInThePlan()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(HomeWriter());

        var app = plan.Apps.Single();
        var home = Assert.Single(app.State);
        Assert.Equal(("/home/app", StateFolder.Home), (home.Path, home.Kind));
        Assert.Equal(["server.js:6", "server.js:8"], home.Evidence);
        Assert.False(app.ReadOnlyRoot);
        Assert.Contains(" HOME=/home/app\n", artifacts.Text("env/apps/home-writer/Dockerfile"));
        Assert.Contains("read_only: false", artifacts.Text("env/compose.yaml"));
        Assert.Equal("false", Container(artifacts.Text("env/k8s/home-writer.yaml"), out _)["securityContext"]["readOnlyRootFilesystem"].ToString());
        Assert.Contains("\"readOnlyRoot\": false", artifacts.Text("env/plan.json"));
    }

    [Fact]
    public async Task Control_AServerThatWritesNothing_KeepsAReadOnlyRootAndNoVolume()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Quiet());

        var app = plan.Apps.Single();
        Assert.Empty(app.State);
        Assert.True(app.ReadOnlyRoot);
        Assert.Contains("read_only: true", artifacts.Text("env/compose.yaml"));
        Assert.DoesNotContain("volumes", artifacts.Text("env/compose.yaml"));
        Assert.Equal("true", Container(artifacts.Text("env/k8s/quiet.yaml"), out _)["securityContext"]["readOnlyRootFilesystem"].ToString());
    }

    [Fact]
    public async Task Control_AFolderTheSourceHolds_OrAReadFolderName_IsNoState()
    {
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", Package.Replace("NAME", "reader", StringComparison.Ordinal)),
            ("uploads/.keep", ""),
            ("server.js", """
                const fs = require('fs');
                const http = require('http');
                const port = process.env.PORT || 3000;
                fs.mkdirSync('uploads', { recursive: true });
                const root = opts.dir || 'public';
                http.createServer((req, res) => res.end('ok')).listen(port);
                """)));

        Assert.Empty(plan.Apps.Single().State);
    }

    [Fact]
    public async Task OptionDefault_OfAFileOption_IsADataFolder()
    {
        // gun: lib/radisk.js `opt.file = String(opt.file || 'radata')`.
        var (_, _, plan) = await EnvHarness.RunAsync(new MemorySourceTree(
            ("package.json", Package.Replace("NAME", "store", StringComparison.Ordinal)),
            ("lib/store.js", "module.exports = function (opt) { opt.file = String(opt.file || 'radata'); return opt; };\n"),
            ("server.js", """
                const http = require('http');
                const port = process.env.PORT || 3000;
                require('./lib/store')({});
                http.createServer((req, res) => res.end('ok')).listen(port);
                """)));

        var data = Assert.Single(plan.Apps.Single().State);
        Assert.Equal("/app/radata", data.Path);
        Assert.Equal(["lib/store.js:1"], data.Evidence);
    }

    [Fact]
    public async Task Proof_DataWriter_AnswersWithItsDataFolderWritable_AndSaysWhatItWrote()
    {
        var app = await ProveAsync(DataWriter());

        Assert.True(app.GetProperty("answered").GetBoolean(), app.ToString());
        Assert.Contains("kept in ./data", app.GetProperty("firstBytes").GetString());
        Assert.Equal("/app/data/started", Assert.Single(app.GetProperty("wrote").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Proof_HomeWriter_AnswersWithItsHomeWritable()
    {
        var app = await ProveAsync(HomeWriter());

        Assert.True(app.GetProperty("answered").GetBoolean(), app.ToString());
        Assert.Contains("under HOME", app.GetProperty("firstBytes").GetString());
        // npm start writes its own logs under HOME too (~/.npm/_logs), listed with the app's file.
        Assert.Contains("/home/app/.config/demo/config.json", app.GetProperty("wrote").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Proof_Control_AServerThatWritesNothing_RunsOnAReadOnlyRoot()
    {
        var app = await ProveAsync(Quiet());

        Assert.True(app.GetProperty("answered").GetBoolean(), app.ToString());
        Assert.Contains("EROFS", app.GetProperty("firstBytes").GetString());
        Assert.Contains("localhost=127.0.0.1", app.GetProperty("firstBytes").GetString());
        Assert.False(app.TryGetProperty("wrote", out _), app.ToString());
    }

    private static async Task<System.Text.Json.JsonElement> ProveAsync(MemorySourceTree tree)
    {
        await using var capsules = await CapsuleServices.StartAsync();
        var options = new EnvOptions { ImagesLock = SandboxRequirements.ImagesLock(), StartTimeout = TimeSpan.FromSeconds(60), ExportImages = false, KeepBuildStage = false };
        var (_, artifacts, _) = await EnvHarness.RunAsync(tree, capsules.Services, options, Directory.CreateTempSubdirectory("noa-env-verify-").FullName);
        var app = Assert.Single(EnvHarness.Json(artifacts, "env/verify.json").GetProperty("apps").EnumerateArray());
        Assert.True(app.GetProperty("built").GetBoolean(), app.ToString());
        return app;
    }

    private static YamlMappingNode Container(string yaml, out YamlMappingNode pod)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var deployment = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => d["kind"].ToString() == "Deployment");
        pod = (YamlMappingNode)deployment["spec"]["template"]["spec"];
        return (YamlMappingNode)((YamlSequenceNode)pod["containers"])[0];
    }
}
