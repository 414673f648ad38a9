namespace Noa.TreeSitter.Tests.Queries;

public sealed class JavaQueryTests
{
    private const string Code = """
        import java.util.List;
        import static org.junit.Assert.assertEquals;
        @RequestMapping("/api")
        public class C extends Base implements Runnable {
            /** The field. */
            private int a;
            @GetMapping("/items/{id}")
            public Item get(long id) { return repo.find(id); }
            @RequestMapping(value = "/x", method = RequestMethod.POST)
            void post() { System.getenv("HOME"); new URL("https://x.y"); stmt.executeQuery("select 1"); }
            @Test
            void testIt() {}
            @Value("${db.url}") String url;
            @Option(names = {"-v", "--verbose"}) boolean v;
        }
        enum E { A, B }
        record R(int x) {}
        """;

    [Fact]
    public void DefinitionsAndSurface()
    {
        var defs = StaticQueryFixture.Definitions("java", Code);
        Assert.Contains("field a", defs);
        Assert.Contains("method testIt test", defs);
        Assert.Contains("method get", defs);
        Assert.Contains("constant B", defs);
        Assert.Contains("record R", defs);
        Assert.Equal(["\"/api\"", "\"/items/{id}\"", "\"/x\""], StaticQueryFixture.Texts("java", Code, "endpoint", "endpoint.route"));
        Assert.Equal(["RequestMapping", "GetMapping", "POST"], StaticQueryFixture.Texts("java", Code, "endpoint", "endpoint.method"));
        Assert.Equal(["\"HOME\""], StaticQueryFixture.Texts("java", Code, "config.env"));
        Assert.Equal(["\"${db.url}\""], StaticQueryFixture.Texts("java", Code, "config.key"));
        Assert.Equal(["\"-v\"", "\"--verbose\""], StaticQueryFixture.Texts("java", Code, "cli.flag"));
        Assert.Equal(["\"https://x.y\""], StaticQueryFixture.Texts("java", Code, "http.url"));
        Assert.Equal(["executeQuery"], StaticQueryFixture.Texts("java", Code, "store.call"));
        Assert.Equal(["List", "assertEquals"], StaticQueryFixture.Texts("java", Code, "import", "import.name"));
        Assert.Contains("URL", StaticQueryFixture.Texts("java", Code, "reference.call"));
    }

    [Fact]
    public void Corpus_ArrayList()
    {
        var code = StaticQueryFixture.Corpus("java/java.base/java/util/ArrayList.java");
        if (code is null)
        {
            return;
        }
        var defs = StaticQueryFixture.Definitions("java", code);
        Assert.Contains("class ArrayList", defs);
        Assert.Contains("constructor ArrayList", defs);
        Assert.Contains("method trimToSize", defs);
        Assert.Contains("AbstractList<E>", StaticQueryFixture.Texts("java", code, "inherits", "base"));
        Assert.Contains("List<E>", StaticQueryFixture.Texts("java", code, "inherits", "implements"));
    }
}
