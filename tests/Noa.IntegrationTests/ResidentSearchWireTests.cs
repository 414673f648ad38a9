using System.Text;
using System.Text.Json;
using Noa.Abstractions;
using Noa.Cli.Search;
using Noa.Embeddings.Search;

namespace Noa.IntegrationTests;

/// <summary>
/// The CLI's hand-written side of the resident search protocol (<see cref="ResidentSearchWire"/>) against the generated
/// serializer the resident process uses (<see cref="ResidentSearchJson"/>): the request's bytes are the generated writer's,
/// and a response the generated writer wrote reads back to the same values; what is not the protocol's JSON is refused.
/// </summary>
public sealed class ResidentSearchWireTests
{
    // Quotes, backslashes, control characters, HTML characters, non-ASCII and a surrogate pair: every escape the default encoder writes.
    private const string Awkward = "say \"hi\" \\ to <a href='x'>&amp;</a> + `tick`\n\t\r\b\f\u0001\u007f é 日付 😀";

    public static TheoryData<SearchQuery> Queries => new()
    {
        new SearchQuery("parse a date string"),
        new SearchQuery(Awkward, 7, SearchMode.Text, new VectorFilter { Source = "/src/" + Awkward, Language = "python", Scope = "test" }),
        new SearchQuery("x", 100, SearchMode.Vector, new VectorFilter
        {
            Source = "s", Run = "r", Language = "l", PathPrefix = "p/", Kind = "k", Scope = "product", Tenant = "t",
        }),
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Request_IsTheGeneratedWritersBytes(SearchQuery query)
    {
        var request = new ResidentSearchRequest("build@1", "ABC123", query);
        var generated = JsonSerializer.SerializeToUtf8Bytes(request, ResidentSearchJson.Default.ResidentSearchRequest);

        var written = ResidentSearchWire.Request(request);

        Assert.Equal(Encoding.UTF8.GetString(generated) + "\n", Encoding.UTF8.GetString(written));
        var read = JsonSerializer.Deserialize(written.AsSpan(0, written.Length - 1), ResidentSearchJson.Default.ResidentSearchRequest)!;
        Assert.Equal(request, read); // the control: the resident process reads it back whole
    }

    [Fact]
    public void Response_ReadsWhatTheGeneratedWriterWrote()
    {
        SearchResult[] results =
        [
            new(1, 0.8125, "src/a.py", "parse", "function", "python", 3, 9, Awkward, "/src", "run_1", "m@int8", "id1"),
            new(2, 1e-7, "docs/" + Awkward, "Heading", "section", "markdown", 1, 1, "", "/src", "run_1", "m@int8", "id2", "documentation",
                "localhost:5000/noa/src:run_1", "sha256:abc"),
        ];
        var response = new ResidentSearchResponse(new SearchAnswer(results, ["/other: 5 chunks are not embedded yet"]));

        var read = ResidentSearchWire.Response([.. JsonSerializer.SerializeToUtf8Bytes(response, ResidentSearchJson.Default.ResidentSearchResponse), (byte)'\n']);

        Assert.Null(read.Refused);
        Assert.Null(read.Error);
        Assert.Equal(results, read.Answer!.Results);
        Assert.Equal(response.Answer!.Pending, read.Answer.Pending);
    }

    [Theory]
    [InlineData("another build", null)]
    [InlineData(null, "the collection is gone")]
    public void Response_RefusalOrError_ReadsWithoutAnAnswer(string? refused, string? error)
    {
        var response = new ResidentSearchResponse(null, refused, error);

        var read = ResidentSearchWire.Response(JsonSerializer.SerializeToUtf8Bytes(response, ResidentSearchJson.Default.ResidentSearchResponse));

        Assert.Equal(response, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"answer\":{\"results\":[{\"rank\":1}],\"pending\":[]}}")] // a result without its fields
    [InlineData("{\"answer\":{\"results\":[")]
    [InlineData("not json")]
    public void Response_NotTheProtocolsJson_IsRefused(string text) =>
        Assert.ThrowsAny<JsonException>(() => ResidentSearchWire.Response(Encoding.UTF8.GetBytes(text)));
}
