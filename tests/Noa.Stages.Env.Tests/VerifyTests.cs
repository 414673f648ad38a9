using Microsoft.Extensions.DependencyInjection;
using Noa.Abstractions;
using Noa.Abstractions.Env;

namespace Noa.Stages.Env.Tests;

/// <summary>
/// The proof through the real Capsule: the generated Dockerfile is built by buildah (FROM the locally built python:3.11-slim,
/// pinned by images.lock when it is there) and the image is started in a bubblewrap capsule and asked on its planned port.
/// </summary>
[Collection(ImageBuilds.Name)]
public sealed class VerifyTests
{
    [Fact]
    public async Task StdlibService_IsBuiltStartedAndAnswers()
    {
        await using var capsules = await CapsuleServices.StartAsync();
        var options = new EnvOptions { ImagesLock = SandboxRequirements.ImagesLock(), StartTimeout = TimeSpan.FromSeconds(45) };

        var (outcome, artifacts, plan) = await EnvHarness.RunAsync(Repos.StdlibService(), capsules.Services, options,
            Directory.CreateTempSubdirectory("noa-env-verify-").FullName);

        Assert.Equal(Abstractions.StageStatus.Succeeded, outcome.Status);
        var app = Assert.Single(EnvHarness.Json(artifacts, "env/verify.json").GetProperty("apps").EnumerateArray());
        Assert.True(app.GetProperty("built").GetBoolean(), app.ToString());
        Assert.True(app.GetProperty("answered").GetBoolean(), app.ToString());
        Assert.Contains("\"greeting\": \"hello\"", app.GetProperty("firstBytes").GetString());
        Assert.True(app.GetProperty("imageBytes").GetInt64() > 10_000_000);
        // The verified image is kept as an OCI layout in the run for the Registrar, its index naming the digest verify.json records.
        var index = Abstractions.OciJson.Parse<Abstractions.OciIndex>(artifacts.Files[Abstractions.EnvImages.IndexPath("hello-service")]);
        Assert.Equal(app.GetProperty("image").GetString(), Assert.Single(index.Manifests).Digest);
        Assert.Contains(Abstractions.EnvImages.BlobPath("hello-service", index.Manifests[0].Digest), artifacts.Files.Keys);
        if (options.ImagesLock is not null)
            Assert.Contains("@sha256:", EnvHarness.App(plan, ".").RunImage.Value);
        // The Dockerfile's build stage is kept, tagged, in this host's storage for the Runner (which removes it when done).
        var stage = app.GetProperty("buildStage");
        var builder = capsules.Services.GetRequiredService<IImageBuilder>();
        var kept = await builder.InspectAsync(stage.GetProperty("reference").GetString()!);
        Assert.Equal(stage.GetProperty("id").GetString(), kept?.Id);
        Assert.Equal(".", app.GetProperty("root").GetString());
        await builder.RemoveAsync(stage.GetProperty("reference").GetString()!);
    }

    [Fact]
    public async Task FlaskUnderGunicorn_FromDebianPackages_WithoutAPipIndex_IsBuiltAndAnswers()
    {
        // Image builds here reach Debian's apt and no pip index: flask and gunicorn come from python3-flask, python3-gunicorn and
        // the gunicorn package (its command), installed in the run stage.
        var apt = PackageRegistries.FromHost().Where(r => r.Ecosystem == "apt").ToList();
        if (apt.Count == 0)
            Requirement.Unmet("this host's configuration names no apt source (the Debian route needs one)");
        await using var capsules = await CapsuleServices.StartAsync();
        var tree = new MemorySourceTree(
            // Flask-Moment has no Debian package: left out of the image, which still serves (app.py does not import it), and named.
            ("requirements.txt", "Flask>=2.0\ngunicorn\nFlask-Moment\n"),
            ("Procfile", "web: gunicorn app:app\n"),
            ("app.py", """
                from flask import Flask

                app = Flask(__name__)


                @app.get("/")
                def index():
                    return {"served": "from debian"}
                """));
        var options = new EnvOptions { ImagesLock = SandboxRequirements.ImagesLock(), StartTimeout = TimeSpan.FromSeconds(60), Registries = apt, ExportImages = false, KeepBuildStage = false };

        var (_, artifacts, plan) = await EnvHarness.RunAsync(tree, capsules.Services, options, Directory.CreateTempSubdirectory("noa-env-verify-").FullName);

        Assert.Equal(Planning.DebianPython.Rule, plan.Apps.Single().Install.Rule);
        var app = Assert.Single(EnvHarness.Json(artifacts, "env/verify.json").GetProperty("apps").EnumerateArray());
        Assert.True(app.GetProperty("built").GetBoolean(), app.ToString());
        Assert.True(app.GetProperty("answered").GetBoolean(), app.ToString());
        Assert.Contains("from debian", app.GetProperty("firstBytes").GetString());
        var debian = app.GetProperty("debian");
        Assert.Equal("Flask-Moment", Assert.Single(debian.GetProperty("unmapped").EnumerateArray()).GetProperty("requirement").GetString());
        Assert.Contains(debian.GetProperty("mapped").EnumerateArray(), m => m.GetProperty("package").GetString() == "python3-flask");
    }

    [Fact]
    public async Task GoService_FromDebianPackages_WithoutAGoProxy_IsBuiltAndAnswers()
    {
        // gorilla/mux from golang-github-gorilla-mux-dev, a directory replacement in go.mod that outlives the source copy.
        var apt = PackageRegistries.FromHost().Where(r => r.Ecosystem == "apt").ToList();
        if (apt.Count == 0)
            Requirement.Unmet("this host's configuration names no apt source (the Debian route needs one)");
        await using var capsules = await CapsuleServices.StartAsync();
        // A module path of its own per run: the Debian mapping is read from the build's log, which a layer served from buildah's
        // cache (an earlier run of this test) does not print.
        var tree = new MemorySourceTree(
            ("go.mod", $"module example.com/hello{Guid.NewGuid():N}\n\ngo 1.19\n\nrequire github.com/gorilla/mux v1.8.0\n"),
            ("main.go", """
                package main

                import (
                	"net/http"

                	"github.com/gorilla/mux"
                )

                func main() {
                	r := mux.NewRouter()
                	r.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("routed by mux")) })
                	http.ListenAndServe(":8080", r)
                }
                """));
        var options = new EnvOptions { ImagesLock = SandboxRequirements.ImagesLock(), StartTimeout = TimeSpan.FromSeconds(45), Registries = apt, ExportImages = false, KeepBuildStage = false };

        var (_, artifacts, plan) = await EnvHarness.RunAsync(tree, capsules.Services, options, Directory.CreateTempSubdirectory("noa-env-verify-").FullName);

        Assert.Equal(Planning.DebianSource.Rule, plan.Apps.Single().Install.Rule);
        var app = Assert.Single(EnvHarness.Json(artifacts, "env/verify.json").GetProperty("apps").EnumerateArray());
        Assert.True(app.GetProperty("built").GetBoolean(), app.ToString());
        Assert.True(app.GetProperty("answered").GetBoolean(), app.ToString());
        Assert.Contains("routed by mux", app.GetProperty("firstBytes").GetString());
        var mapped = Assert.Single(app.GetProperty("debian").GetProperty("mapped").EnumerateArray());
        Assert.Equal("golang-github-gorilla-mux-dev", mapped.GetProperty("package").GetString());
    }

    [Fact]
    public async Task CorsAnywhere_FromTheAppsCorpus_IsBuiltFromItsLockfile_StartedAndAnswers()
    {
        // A server others published (scripts/corpora.sh apps): `npm ci` from its package-lock.json through the registry image builds
        // reach (npm's, through the host's CA), FROM node:18-slim of the local registry (make test ensures it), Procfile's start.
        var npm = PackageRegistries.FromHost().Where(r => r.Ecosystem == "npm").ToList();
        if (npm.Count == 0)
            Requirement.Unmet("this host's configuration names no npm registry (`npm ci` needs one)");
        await using var capsules = await CapsuleServices.StartAsync();
        var options = new EnvOptions { ImagesLock = SandboxRequirements.ImagesLock(), StartTimeout = TimeSpan.FromSeconds(45), Registries = npm, ExportImages = false, KeepBuildStage = false };

        var (_, artifacts, plan) = await EnvHarness.RunAsync(new DirectorySourceTree(CorpusTests.Corpus("apps/cors-anywhere")), capsules.Services, options,
            Directory.CreateTempSubdirectory("noa-env-verify-").FullName);

        // A published package (no .gitignore or .git, a script naming a path it does not ship): its dependencies only.
        Assert.Equal("npm ci --omit=dev", plan.Apps.Single().Install.Value);
        var app = Assert.Single(EnvHarness.Json(artifacts, "env/verify.json").GetProperty("apps").EnumerateArray());
        Assert.True(app.GetProperty("built").GetBoolean(), app.ToString());
        Assert.True(app.GetProperty("started").GetBoolean(), app.ToString());
        Assert.True(app.GetProperty("answered").GetBoolean(), app.ToString());
        // GET / without a URL to proxy: cors-anywhere's own help text, with its CORS header (lib/cors-anywhere.js).
        Assert.Equal(200, app.GetProperty("status").GetInt32());
        Assert.Contains("access-control-allow-origin: *", app.GetProperty("firstBytes").GetString());
    }

    [Fact]
    public async Task ServerThatNeverListens_IsBuiltButNotAnswered_WithItsLogTail()
    {
        // Control case: the same pipeline must be able to say no. The planned port comes from PORT's default, but the code
        // prints and exits instead of serving.
        await using var capsules = await CapsuleServices.StartAsync();
        var tree = new MemorySourceTree(
            ("pyproject.toml", "[project]\nname = \"broken\"\nversion = \"0.1.0\"\ndependencies = []\n"),
            ("server.py", """
                import os
                import sys
                from http.server import BaseHTTPRequestHandler, HTTPServer


                class Handler(BaseHTTPRequestHandler):
                    def do_GET(self):
                        self.send_response(200)
                        self.end_headers()


                if __name__ == "__main__":
                    port = int(os.environ.get("PORT", "8000"))
                    print("cannot bind", port, file=sys.stderr)
                    sys.exit(3)
                    HTTPServer(("0.0.0.0", port), Handler).serve_forever()
                """));
        // A container that ends fails at once: the wall ceiling is never waited for.
        var options = new EnvOptions { ImagesLock = SandboxRequirements.ImagesLock(), StartTimeout = TimeSpan.FromSeconds(60), KeepBuildStage = false };

        var (_, artifacts, _) = await EnvHarness.RunAsync(tree, capsules.Services, options, Directory.CreateTempSubdirectory("noa-env-verify-").FullName);

        var app = Assert.Single(EnvHarness.Json(artifacts, "env/verify.json").GetProperty("apps").EnumerateArray());
        Assert.True(app.GetProperty("built").GetBoolean(), app.ToString());
        Assert.True(app.TryGetProperty("answered", out var answered) && !answered.GetBoolean(), app.ToString());
        Assert.Contains("ended", app.GetProperty("reason").GetString());
        Assert.Contains("cannot bind 8000", app.GetProperty("logTail").GetString());
        Assert.False(app.TryGetProperty("image", out _), "an image that did not answer is not kept for publishing");
        Assert.DoesNotContain(artifacts.Files.Keys, k => k.StartsWith(Abstractions.EnvImages.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoCapsuleInTheProcess_FilesAreWritten_AndNotVerifiedSaysWhy()
    {
        var (outcome, artifacts, _) = await EnvHarness.RunAsync(Repos.StdlibService(), options: new EnvOptions { Verify = true });

        Assert.Equal(Abstractions.StageStatus.Succeeded, outcome.Status);
        Assert.Contains("env/apps/hello-service/Dockerfile", artifacts.Files.Keys);
        Assert.Contains("capsules module", EnvHarness.Json(artifacts, "env/verify.json").GetProperty("notVerified").GetString());
    }
}
