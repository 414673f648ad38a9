using Noa.Stages.Integrator.Go;

namespace Noa.Stages.Integrator.Tests.Go;

/// <summary>
/// The Go SDK of hand-written edge specs passes <c>go vet</c> and <c>go build</c>: the Python tests' hostile spec (keyword
/// and non-identifier names, a repeated operationId, comment-breaking descriptions, a discriminated oneOf over allOf
/// objects, circular references, every auth scheme, binary, multipart, SSE, NDJSON, cursor paging) and a spec rich in
/// what the hostile one lacks (anyOf without a discriminator, multi-base allOf, integer enums, 3.1 nullable types, dates,
/// page/offset/integer-cursor paging, recursive and circular aliases, names a struct tag cannot carry, schema names the
/// runtime uses). A control proves the check fails on code that does not compile.
/// </summary>
public sealed class GoHostileSpecTests
{
    // Names and shapes an independent reader expects from each spec (not pasted from the generator's output).
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["hostile.yaml"] =
        [
            "func (c *Client) List(ctx context.Context, params *ListParams) (*PetPage, error)",
            "func (c *Client) ListPost(ctx context.Context, payload Pet) (*Pet, error)", // the repeated id, renamed
            "func (c *Client) ListPager(", // cursor paging from cursor + next_cursor
            "func (c *Client) Call_123Download(ctx context.Context, petID int64) ([]byte, error)",
            "func (c *Client) UploadPhoto(ctx context.Context, petID int64, payload io.Reader) error",
            "func (c *Client) Watch(ctx context.Context, params *WatchParams) (*EventStream, error)",
            "*JSONStream[*Pet]",
            "Class *int64",
            "XRequestID *string",
            "const DefaultBaseURL = \"https://eu.example.com/v1\"",
            "type Breed string",
            "BreedPitBull Breed = \"pit-bull\"",
            "type Pet struct {",
            "\tBase\n", // allOf embeds its base
            "Born *time.Time `json:\"born,omitempty\"`",
            "Type *string `json:\"@type,omitempty\"`",
            "type Str struct", // a schema named like a Go type
        ],
        ["rich.yaml"] =
        [
            "func (c *Client) ListOrdersPager(", // page number
            "func (c *Client) ListLinesPager(", // offset
            "func (c *Client) OrderEventsPager(", // integer cursor
            "type Tree []Tree",
            "type Weird map[string]any",
            "type Labels map[string]int64",
            "type Client_ struct",
            "type ProblemError_ = string",
            "PriorityMinus3 Priority = -3",
            "Due *Date `json:\"due,omitempty\"`",
            "ID *string `json:\"id,omitempty\"`", // read-only, so optional
            "Type2 *int64 `json:\"type,omitempty\"`", // 'Type' and 'type' in one struct
            "func (u *Result) UnmarshalJSON(data []byte) error",
            "func (c *Client) AddNote(ctx context.Context, payload *string) (string, error)",
            "func (c *Client) Search(ctx context.Context, payload map[string]any) ([]*Result, error)",
        ],
    };

    [Theory]
    [InlineData("hostile.yaml")]
    [InlineData("rich.yaml")]
    public async Task EdgeSpec_Generates_AndPassesGoVetAndBuild(string spec)
    {
        var go = GoToolchain.Require();
        var model = await Generate.ModelAsync(Generate.Spec(spec), spec);
        var files = GoGenerator.Generate(model);
        var folder = Directory.CreateTempSubdirectory("noa-go-edge-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var failure = await GoToolchain.VetAndBuildAsync(go, folder);
            Assert.True(failure is null, failure);
            var all = string.Concat(files.Select(f => f.Content));
            foreach (var expected in Expected[spec])
                Assert.Contains(expected, all);
            Assert.DoesNotContain("\nfunc init()", all); // the summary's "func init()" stays inside a comment
            Assert.DoesNotContain("\u202e", all);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public Task HostileSpecRuntime_AgainstALocalServer_RetriesPagesAuthenticatesStreamsAndReportsProblems() =>
        RunCheckAsync("hostile.yaml", "runtime_check.go", "runtime checks passed");

    [Fact]
    public Task RichSpecRuntime_AgainstALocalServer_PagesDecodesUnionsAndEmbedsBases() =>
        RunCheckAsync("rich.yaml", "rich_check.go", "rich checks passed");

    private static async Task RunCheckAsync(string spec, string checkFile, string passed)
    {
        var go = GoToolchain.Require();
        var model = await Generate.ModelAsync(Generate.Spec(spec), spec);
        var root = Directory.CreateTempSubdirectory("noa-go-runtime-").FullName;
        try
        {
            Generate.WriteAll(GoGenerator.Generate(model), Path.Combine(root, "sdk"));
            var module = GoGenerator.ModulePath(null, GoGenerator.PackageName(model.Title), GoGenerator.Version(model.Version));
            var check = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Go", checkFile));
            var program = GoToolchain.Program(root, module, check.Replace("sdk \"noa_sdk\"", $"sdk \"{module}\"", StringComparison.Ordinal));
            var vetted = await GoToolchain.VetAndBuildAsync(go, program);
            Assert.True(vetted is null, vetted);
            var run = await Tools.RunAsync(go, ["run", "."], program, GoToolchain.Environment());
            Assert.True(run.ExitCode == 0, $"{checkFile} failed:\n{run.Output}");
            Assert.Contains(passed, run.Output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Control_CodeThatDoesNotCompile_FailsTheCheck()
    {
        var go = GoToolchain.Require();
        var model = await Generate.ModelAsync(Generate.Spec("hostile.yaml"), "hostile.yaml");
        var files = GoGenerator.Generate(model);
        var folder = Directory.CreateTempSubdirectory("noa-go-control-").FullName;
        try
        {
            Generate.WriteAll(files, folder);
            var package = GoGenerator.PackageName(model.Title);
            // A struct tag go vet rejects (the build accepts it), then a type error the build rejects.
            File.WriteAllText(Path.Combine(folder, "broken.go"), $"package {package}\n\ntype brokenTag struct {{\n\tA int `json:a`\n}}\n");
            var vet = await GoToolchain.VetAndBuildAsync(go, folder);
            Assert.NotNull(vet);
            Assert.Contains("go vet failed", vet);
            File.WriteAllText(Path.Combine(folder, "broken.go"), $"package {package}\n\nvar broken int = \"not an int\"\n");
            var build = await Tools.RunAsync(go, ["build", "./..."], folder, GoToolchain.Environment());
            Assert.NotEqual(0, build.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
