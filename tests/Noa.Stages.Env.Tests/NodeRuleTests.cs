using Noa.Abstractions;

namespace Noa.Stages.Env.Tests;

/// <summary>What the fetched JavaScript/TypeScript applications' image builds showed missing (docs/benchmarks.md, the host CA
/// section): yarn and pnpm without corepack, Prisma's client, a Node major images.lock does not hold — each beside a control.</summary>
public sealed class NodeRuleTests
{
    private const string Server = "const http = require('http');\nhttp.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 3000);\n";

    private static MemorySourceTree Package(string packageJson, params (string Path, string Text)[] more) =>
        new([("package.json", packageJson), ("server.js", Server), .. more]);

    [Fact]
    public async Task Yarn_WithoutCorepack_IsInstalledWithNpm_InBothStagesWhenStartRunsIt()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Package(
            """{ "name": "s", "version": "1.0.0", "packageManager": "yarn@1.22.19", "scripts": { "start": "node server.js" }, "dependencies": { "ms": "2.1.3" } }""",
            ("yarn.lock", "ms@2.1.3:\n  version \"2.1.3\"\n")));

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("{ command -v corepack >/dev/null && corepack enable && yarn --version >/dev/null 2>&1; } || npm install -g --force --no-fund --no-audit yarn@1.22.19 && yarn install --frozen-lockfile",
            app.Install.Value);
        // The start script runs under yarn: the run stage gets the same step, since it has no corepack either.
        Assert.Equal("yarn start", app.Start.Value);
        Assert.Contains("\nRUN { command -v corepack >/dev/null && corepack enable && yarn --version >/dev/null 2>&1; } || npm install -g --force --no-fund --no-audit yarn@1.22.19\n", RunStage(artifacts));

        // Control: started with node (the Procfile says so), the run stage needs no yarn.
        var (_, nodeStarted, started) = await EnvHarness.RunAsync(Package(
            """{ "name": "s", "version": "1.0.0", "scripts": { "start": "node server.js" }, "dependencies": { "ms": "2.1.3" } }""",
            ("yarn.lock", "ms@2.1.3:\n  version \"2.1.3\"\n"), ("Procfile", "web: node server.js\n")));
        Assert.Equal("node server.js", EnvHarness.App(started, ".").Start.Value);
        Assert.DoesNotContain("yarn@", RunStage(nodeStarted));
        Assert.Contains("--force --no-fund --no-audit yarn@1 && yarn install --frozen-lockfile", EnvHarness.App(started, ".").Install.Value);
    }

    [Fact]
    public async Task Pnpm_TakesPackageManagersVersion_AndNpmNeedsNoSetup_Control()
    {
        var (_, _, pnpm) = await EnvHarness.RunAsync(Package(
            """{ "name": "s", "version": "1.0.0", "packageManager": "pnpm@8.15.4+sha256.abc", "scripts": { "start": "node server.js" }, "dependencies": { "ms": "2.1.3" } }""",
            ("pnpm-lock.yaml", "lockfileVersion: '6.0'\n")));
        Assert.EndsWith("pnpm --version >/dev/null 2>&1; } || npm install -g --force --no-fund --no-audit pnpm@8.15.4 && pnpm install --frozen-lockfile", EnvHarness.App(pnpm, ".").Install.Value);

        var (_, artifacts, npm) = await EnvHarness.RunAsync(Package(
            """{ "name": "s", "version": "1.0.0", "scripts": { "start": "node server.js" }, "dependencies": { "ms": "2.1.3" } }""",
            ("package-lock.json", """{ "name": "s", "lockfileVersion": 3, "packages": {} }""")));
        Assert.Equal("npm ci", EnvHarness.App(npm, ".").Install.Value);
        Assert.DoesNotContain("corepack", Dockerfile(artifacts));
    }

    [Fact]
    public async Task Prisma_ClientIsGeneratedAfterTheSource_FromPackageJsonsSchema_BeforeTheBuildScript()
    {
        var (_, artifacts, plan) = await EnvHarness.RunAsync(Package(
            """
            {
              "name": "s", "version": "1.0.0",
              "scripts": { "build": "tsc", "start": "node server.js" },
              "prisma": { "schema": "src/prisma/schema.prisma" },
              "dependencies": { "@prisma/client": "5.0.0" },
              "devDependencies": { "prisma": "5.0.0", "typescript": "5.0.0" }
            }
            """,
            ("package-lock.json", """{ "name": "s", "lockfileVersion": 3, "packages": {} }"""),
            ("src/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n")));

        var build = EnvHarness.App(plan, ".").Build;
        Assert.Equal("npx prisma generate --schema src/prisma/schema.prisma && npm run build", build.Value);
        Assert.StartsWith("build.prisma-generate", build.Rule);
        Assert.Equal(["package.json:5", "src/prisma/schema.prisma", "package.json:4"], build.Evidence.Take(3));
        var dockerfile = Dockerfile(artifacts);
        Assert.True(dockerfile.IndexOf("COPY . /src/", StringComparison.Ordinal) < dockerfile.IndexOf("npx prisma generate", StringComparison.Ordinal), dockerfile);
    }

    [Fact]
    public async Task Prisma_AtItsDefaultPath_IsGenerated_AndWithoutASchemaNothingIs_Control()
    {
        const string manifest = """{ "name": "s", "version": "1.0.0", "scripts": { "start": "node server.js" }, "dependencies": { "@prisma/client": "5.0.0" } }""";
        var (_, _, withSchema) = await EnvHarness.RunAsync(Package(manifest, ("prisma/schema.prisma", "generator client {\n  provider = \"prisma-client-js\"\n}\n")));
        Assert.Equal("npx prisma generate --schema prisma/schema.prisma", EnvHarness.App(withSchema, ".").Build.Value);

        var (_, _, without) = await EnvHarness.RunAsync(Package(manifest));
        Assert.Null(EnvHarness.App(without, ".").Build.Value);
    }

    [Fact]
    public async Task EnginesNode_AMajorTheLockDoesNotHold_TakesTheNearestItHolds_AndSaysSo()
    {
        var images = Lock(18, 22);
        var (_, _, plan) = await EnvHarness.RunAsync(Package(
            """{ "name": "s", "version": "1.0.0", "engines": { "node": ">=24" }, "scripts": { "start": "node server.js" } }"""),
            options: new EnvOptions { Verify = false, ImagesLock = images, Registries = EnvHarness.ConnectedHost });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal("22", app.Runtime.Value);
        Assert.StartsWith("runtime.nearest-locked: runtime.package.json asks for Node 24", app.Runtime.Rule);
        Assert.Contains("18, 22", app.Runtime.Rule);
        Assert.Equal(["package.json:1", "images.lock"], app.Runtime.Evidence);
        Assert.StartsWith("node:22-slim@sha256:", app.BuildImage.Value);
    }

    [Fact]
    public async Task EnginesNode_AMajorTheLockHolds_OrNoLock_IsKept_Control()
    {
        var manifest = """{ "name": "s", "version": "1.0.0", "engines": { "node": ">=22" }, "scripts": { "start": "node server.js" } }""";
        var (_, _, held) = await EnvHarness.RunAsync(Package(manifest),
            options: new EnvOptions { Verify = false, ImagesLock = Lock(18, 22), Registries = EnvHarness.ConnectedHost });
        Assert.Equal(("22", "runtime.package.json"), (EnvHarness.App(held, ".").Runtime.Value, EnvHarness.App(held, ".").Runtime.Rule));

        var (_, _, unlocked) = await EnvHarness.RunAsync(Package(manifest.Replace(">=22", ">=24", StringComparison.Ordinal)));
        Assert.Equal(("24", "runtime.package.json"), (EnvHarness.App(unlocked, ".").Runtime.Value, EnvHarness.App(unlocked, ".").Runtime.Rule));
    }

    [Theory]
    // What scripts/images.sh builds now (node 18 from Debian, the official 20, 22, 24): each pin gets its own major.
    [InlineData(""".nvmrc""", "22\n", "22", "runtime..nvmrc")]
    [InlineData("package.json", """{ "name": "s", "version": "1.0.0", "engines": { "node": ">=24.18.0" }, "scripts": { "start": "node server.js" } }""", "24", "runtime.package.json")]
    [InlineData("package.json", """{ "name": "s", "version": "1.0.0", "engines": { "node": "20.x" }, "scripts": { "start": "node server.js" } }""", "20", "runtime.package.json")]
    [InlineData("package.json", """{ "name": "s", "version": "1.0.0", "engines": { "node": "^18.17.0" }, "scripts": { "start": "node server.js" } }""", "18", "runtime.package.json")]
    // A constraint open above takes the newest LTS major held; nothing pinned, the same (vite 8 needs Node 20.19+, not 18).
    [InlineData("package.json", """{ "name": "s", "version": "1.0.0", "engines": { "node": ">=20.12" }, "scripts": { "start": "node server.js" } }""", "24", "runtime.package.json")]
    [InlineData("package.json", """{ "name": "s", "version": "1.0.0", "scripts": { "start": "node server.js" } }""", "24", "runtime.default-locked")]
    public async Task ALockHoldingNode18To24_EachPinGetsItsMajor_AndNoPinTheNewestLts(string file, string text, string major, string rule)
    {
        var tree = file == "package.json" ? Package(text)
            : Package("""{ "name": "s", "version": "1.0.0", "scripts": { "start": "node server.js" } }""", (file, text));
        var (_, artifacts, plan) = await EnvHarness.RunAsync(tree,
            options: new EnvOptions { Verify = false, ImagesLock = Lock(18, 20, 22, 24), Registries = EnvHarness.ConnectedHost });

        var app = EnvHarness.App(plan, ".");
        Assert.Equal(major, app.Runtime.Value);
        Assert.StartsWith(rule, app.Runtime.Rule);
        Assert.StartsWith($"node:{major}-slim@sha256:", app.BuildImage.Value);
        Assert.StartsWith($"FROM node:{major}-slim@sha256:", Dockerfile(artifacts).Split('\n').First(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NothingPinned_WithALockHoldingOnlyNode18_OrNoLock_KeepsTheDefault_Control()
    {
        const string manifest = """{ "name": "s", "version": "1.0.0", "scripts": { "start": "node server.js" } }""";
        var (_, _, only18) = await EnvHarness.RunAsync(Package(manifest),
            options: new EnvOptions { Verify = false, ImagesLock = Lock(18), Registries = EnvHarness.ConnectedHost });
        Assert.Equal(("18", "runtime.default"), (EnvHarness.App(only18, ".").Runtime.Value, EnvHarness.App(only18, ".").Runtime.Rule));

        // An odd major is no LTS: 23 held beside 18 leaves the default.
        var (_, _, odd) = await EnvHarness.RunAsync(Package(manifest),
            options: new EnvOptions { Verify = false, ImagesLock = Lock(18, 23), Registries = EnvHarness.ConnectedHost });
        Assert.Equal(("18", "runtime.default"), (EnvHarness.App(odd, ".").Runtime.Value, EnvHarness.App(odd, ".").Runtime.Rule));

        var (_, _, unlocked) = await EnvHarness.RunAsync(Package(manifest));
        Assert.Equal(("18", "runtime.default"), (EnvHarness.App(unlocked, ".").Runtime.Value, EnvHarness.App(unlocked, ".").Runtime.Rule));
    }

    [Fact]
    public async Task BuildScript_OfAnExamplesPackageJson_IsNotTheAppsBuild_ItsOwnIs_Control()
    {
        const string example = """{ "name": "example", "private": true, "scripts": { "build": "webpack" } }""";
        var (_, _, other) = await EnvHarness.RunAsync(Package("""{ "name": "s", "version": "1.0.0", "scripts": { "start": "node server.js" } }""",
            ("examples/webpack/package.json", example)));
        Assert.Null(EnvHarness.App(other, ".").Build.Value);

        var (_, _, own) = await EnvHarness.RunAsync(Package("""{ "name": "s", "version": "1.0.0", "scripts": { "build": "tsc", "start": "node server.js" } }""",
            ("examples/webpack/package.json", example)));
        Assert.Equal(("npm run build", "package.json:1"), (EnvHarness.App(own, ".").Build.Value, EnvHarness.App(own, ".").Build.Evidence.Single()));
    }

    [Fact]
    public async Task PublishedPackage_WithItsBuildOutputInTheSource_RunsNoBuildScript_AndWithoutItDoes_Control()
    {
        const string manifest = """{ "name": "s", "version": "1.0.0", "main": "dist/index.js", "scripts": { "build": "parcel build", "start": "node server.js" } }""";
        var (_, _, shipped) = await EnvHarness.RunAsync(Package(manifest, ("dist/index.js", "module.exports = 1;\n")));
        var build = EnvHarness.App(shipped, ".").Build;
        Assert.Null(build.Value);
        Assert.StartsWith("build.prebuilt: package.json's main dist/index.js", build.Rule);
        Assert.Equal(["package.json:1", "dist/index.js"], build.Evidence);

        var (_, _, source) = await EnvHarness.RunAsync(Package(manifest, ("src/index.ts", "export const one = 1;\n")));
        Assert.Equal("npm run build", EnvHarness.App(source, ".").Build.Value);
    }

    [Fact]
    public async Task AProgramThatIsNotTheOwnBin_IsLeftAsItIs_Control()
    {
        // The rule itself on a real package: AppsCorpusTests.Peer_*.
        var (_, _, plan) = await EnvHarness.RunAsync(Package("""{ "name": "s", "version": "1.0.0", "bin": { "s": "server.js" }, "scripts": { "start": "node server.js" } }"""));
        var app = EnvHarness.App(plan, ".");
        Assert.Equal("npm start", app.Start.Value);
        Assert.DoesNotContain("own-bin", app.Start.Rule);
    }

    /// <summary>An images.lock holding node images of these majors (and nothing else), in a file of its own.</summary>
    private static string Lock(params int[] majors)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("noa-env-lock-").FullName, "images.lock");
        var images = string.Join(",\n", majors.Select(m => $$"""
            { "name": "node{{m}}", "tags": ["node:{{m}}-slim", "node:{{m}}"], "reference": "127.0.0.1:5000/library/node:{{m}}-slim",
              "digest": "sha256:{{new string((char)('a' + m % 6), 64)}}", "imageId": "sha256:{{new string('0', 64)}}", "digests": {} }
            """));
        File.WriteAllText(path, $$"""{ "version": 1, "registry": "127.0.0.1:5000", "images": [{{images}}] }""");
        return path;
    }

    private static string RunStage(MemoryArtifacts artifacts) => Dockerfile(artifacts)[Dockerfile(artifacts).LastIndexOf("\nFROM ", StringComparison.Ordinal)..];

    private static string Dockerfile(MemoryArtifacts artifacts) => artifacts.Text(Assert.Single(artifacts.Files.Keys, k => k.EndsWith("/Dockerfile", StringComparison.Ordinal)));
}
