using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Noa.Yaml.Tests;

/// <summary>The one YAML guard, against real bombs: each is refused within its limit, and a cancelled read stops inside the scanner.</summary>
public sealed class YamlGuardTests
{
    [Theory]
    [InlineData("a: 1\nb: [1, 2, 3]\n")]
    [InlineData("base: &b {x: 1, y: 2}\nuse: *b\nagain: *b\n")]
    [InlineData("")]
    [InlineData("- a\n- b\n---\nsecond: document\n")]
    public void Check_OrdinaryYaml_Passes(string yaml) =>
        Assert.Null(YamlGuard.Check(yaml, YamlLimits.Default, "doc"));

    // Valid YAML that YamlDotNet refuses (aaubry/YamlDotNet#523, #535): a literal block scalar whose first line holds only
    // spaces. The first is the shape of Figma's OpenAPI description (@figma/rest-api-spec 0.43.0, openapi.yaml line 3283).
    [Theory]
    [InlineData("layoutAlign:\n  type: string\n  description: |-\n    \n    Determines if the layer should stretch.\n\n    - `INHERIT`\nnext: 1\n")]
    [InlineData("a:\n- b: |\n    \n    \n  c: d\n")]
    public void BlockScalarsWithABlankFirstLine_AreRead(string yaml)
    {
        Assert.Throws<SemanticErrorException>(() => new YamlDotNet.RepresentationModel.YamlStream().Load(new StringReader(yaml)));

        Assert.Null(YamlGuard.Check(yaml, YamlLimits.Default, "doc"));
        Assert.Single(YamlGuard.Load(yaml, YamlLimits.Default, "doc").Documents);
    }

    [Fact]
    public void LoadAllTyped_TypesPlainScalarsAsYaml12Does_QuotedOnesStayStrings()
    {
        var docs = YamlToJson.LoadAllTyped("a: 8000\nb: \"8000\"\nc: true\nd: 'true'\ne: 1.5\nf: ~\ng: 0.0.0.0:80\n---\nkind: Service\n", YamlLimits.Default, "doc");

        Assert.Equal(2, docs.Count);
        var json = docs[0]!;
        Assert.Equal(8000, (long)json["a"]!);
        Assert.Equal("8000", (string?)json["b"]);
        Assert.True((bool)json["c"]!);
        Assert.Equal("true", (string?)json["d"]);
        Assert.Equal(1.5, (double)json["e"]!);
        Assert.Null(json["f"]);
        Assert.Equal("0.0.0.0:80", (string?)json["g"]);
        Assert.Equal("Service", (string?)docs[1]!["kind"]);
        // The untyped reader keeps every scalar a string (the control).
        Assert.Equal("8000", (string?)YamlToJson.Load("a: 8000\n", YamlLimits.Default, "doc")!["a"]);
    }

    [Fact]
    public void BlockScalarWithABlankFirstLine_KeepsItsTextAndItsSiblings()
    {
        var json = YamlToJson.Load("d: |-\n    \n    text\n    more\nnext: 1\n", YamlLimits.Default, "doc")!;

        Assert.Equal("\ntext\nmore", (string?)json["d"]);
        Assert.Equal("1", (string?)json["next"]);
    }

    [Fact]
    public void WithBlankLinesEmptied_KeepsLineCountAndEveryOtherLine() =>
        Assert.Equal("a: 1\n\n  b\r\n\r\nc: \"  \"\n", YamlGuard.WithBlankLinesEmptied("a: 1\n   \n  b\r\n \t\r\nc: \"  \"\n"));

    [Fact]
    public void MalformedYaml_IsStillRefusedAfterTheRetry() =>
        Assert.Contains("invalid YAML", YamlGuard.Check("d: |-\n    \n    text\n  bad: [\n", YamlLimits.Default, "doc"), StringComparison.Ordinal);

    [Fact]
    public void Check_AliasesCountAtTheirExpandedSize()
    {
        // Root 1 + keys 2 + anchored list (1 + 3) + outer list 1 + two aliases of 4 each = 16 nodes.
        const string yaml = "a: &x [1, 2, 3]\nb: [*x, *x]\n";

        Assert.Null(YamlGuard.Check(yaml, YamlLimits.Default with { MaxNodes = 16 }, "doc"));
        Assert.Contains("more than 15 nodes once its aliases are expanded", YamlGuard.Check(yaml, YamlLimits.Default with { MaxNodes = 15 }, "doc"), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BillionLaughs_IsRefusedByTheNodeLimit()
    {
        // 10^9 "lol"s in 9 lines: refused once the running total passes the limit, long before 10^9.
        var refused = YamlGuard.Check(Bombs.BillionLaughs(), YamlLimits.Default, "lol.yaml");

        Assert.NotNull(refused);
        Assert.StartsWith("lol.yaml: more than 10,000,000 nodes", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BillionLaughs_ThrowsBeforeBuildingTheTree()
    {
        var e = Assert.Throws<YamlLimitException>(() => YamlToJson.Load(Bombs.BillionLaughs(), YamlLimits.Default with { MaxNodes = 100_000 }, "lol.yaml"));

        Assert.Contains("limit MaxNodes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_BillionLaughs_ThroughTheGuardedParser_Throws()
    {
        var deserializer = new DeserializerBuilder().Build();

        Assert.Throws<YamlLimitException>(() => deserializer.Deserialize<object>(YamlGuard.Parser(Bombs.BillionLaughs(), YamlLimits.Default with { MaxNodes = 100_000 }, "lol.yaml")));
    }

    [Fact]
    public void Check_ManyAliasesOfASmallAnchor_AreRefusedByTheAliasLimit()
    {
        var yaml = new StringBuilder("a: &a x\nb: [");
        for (var i = 0; i < 200_001; i++)
            yaml.Append("*a, ");
        yaml.Append("*a]\n");

        Assert.Contains("limit MaxAliases", YamlGuard.Check(yaml.ToString(), YamlLimits.Default, "doc"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    [InlineData("mapping")]
    public void Check_NestedHundredThousandDeep_IsRefusedAtTheDepthLimit(string shape)
    {
        // 200 KB nested 100k deep cost YamlDotNet ~27 s of CPU unguarded (quadratic in depth).
        var refused = YamlGuard.Check(Bombs.Deep(shape, 100_000), YamlLimits.Default, "deep.yaml");

        Assert.NotNull(refused);
        Assert.Contains("nesting deeper than 256 levels (limit MaxDepth)", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NestedWithinTheLimit_Passes() =>
        Assert.Null(YamlGuard.Check(Bombs.Deep("flow", 200), YamlLimits.Default, "deep.yaml"));

    [Theory]
    [InlineData("plain")]
    [InlineData("quoted")]
    [InlineData("literal")]
    public void Check_LongScalar_IsRefusedByTheScalarLimit(string style)
    {
        var refused = YamlGuard.Check(Bombs.LongScalar(style, 2_000_000), YamlLimits.Default with { MaxScalarChars = 1_000_000 }, "long.yaml");

        Assert.NotNull(refused);
        Assert.Contains("a scalar of more than 1,000,000 characters", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DocumentOverTheSizeLimit_IsRefusedUnread() =>
        Assert.Contains("larger than 1,000 characters (limit MaxChars)",
            YamlGuard.Check(new string('#', 1001), YamlLimits.Default with { MaxChars = 1000 }, "big.yaml"), StringComparison.Ordinal);

    [Fact]
    public void Check_UnknownAlias_IsInvalidYaml() =>
        Assert.Contains("'*nope' names no anchor", YamlGuard.Check("a: *nope\n", YamlLimits.Default, "doc"), StringComparison.Ordinal);

    [Fact]
    public void Check_RecursiveAlias_IsInvalidYaml() =>
        Assert.Contains("'*a' names no anchor", YamlGuard.Check("a: &a [1, *a]\n", YamlLimits.Default, "doc"), StringComparison.Ordinal);

    [Fact]
    public void Check_MalformedYaml_NamesTheLine() =>
        Assert.Contains("doc: invalid YAML at line 3", YamlGuard.Check("a: 1\nb: [unclosed\n", YamlLimits.Default, "doc"), StringComparison.Ordinal);

    [Fact]
    public void Parse_CancelledToken_StopsInsideTheScannerBeforeAnyEvent()
    {
        // One 4 MB scalar: the scanner reads all of it before it yields the scalar's event, so only a check inside the
        // reader can stop it there. Control: the same document with a live token reads to its end.
        var yaml = Bombs.LongScalar("plain", 4_000_000);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var parser = YamlGuard.Parser(yaml, YamlLimits.Default, "long.yaml", cancelled.Token);
        var events = new List<YamlDotNet.Core.Events.ParsingEvent>();

        Assert.Throws<OperationCanceledException>(() =>
        {
            while (parser.MoveNext())
                events.Add(parser.Current!);
        });
        Assert.DoesNotContain(events, e => e is YamlDotNet.Core.Events.Scalar { Value.Length: > 1000 });
        Assert.Null(YamlGuard.Check(yaml, YamlLimits.Default, "long.yaml", CancellationToken.None));
    }

    [Fact]
    public async Task Parse_CancelledWhileWorking_Stops()
    {
        // Unlimited depth: 100k-deep flow nesting would cost tens of seconds; a cancel after 200 ms must end it promptly.
        var yaml = Bombs.Deep("flow", 100_000);
        var limits = YamlLimits.Default with { MaxDepth = int.MaxValue, MaxDuration = TimeSpan.FromHours(1) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var parse = Task.Run(() => YamlGuard.Check(yaml, limits, "deep.yaml", cancel.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => parse.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Parse_OverItsTimeBudget_IsRefused()
    {
        var yaml = Bombs.Deep("flow", 100_000);
        var limits = YamlLimits.Default with { MaxDepth = int.MaxValue, MaxDuration = TimeSpan.FromMilliseconds(100) };

        Assert.Contains("limit MaxDuration", YamlGuard.Check(yaml, limits, "deep.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Aliases_AreExpandedIntoTheJsonTree()
    {
        var json = YamlToJson.Load("base: &b {x: '1'}\nuse: *b\n", YamlLimits.Default, "doc")!;

        Assert.Equal("{\"base\":{\"x\":\"1\"},\"use\":{\"x\":\"1\"}}", json.ToJsonString());
    }

    [Fact]
    public void Load_InputThatTripsTheScanner_IsAYamlException() =>
        // YamlDotNet's own scanner throws InvalidOperationException here; readers catch YamlException.
        Assert.ThrowsAny<YamlException>(() => YamlGuard.Load("a: [1\nb: 2\n", YamlLimits.Default, "doc"));

    [Fact]
    public void Load_MalformedYaml_ThrowsYamlException() =>
        Assert.ThrowsAny<YamlException>(() => YamlGuard.Load("a: 1\nb: [unclosed\n", YamlLimits.Default, "doc"));
}
