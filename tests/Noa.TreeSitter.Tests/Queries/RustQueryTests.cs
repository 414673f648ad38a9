namespace Noa.TreeSitter.Tests.Queries;

public sealed class RustQueryTests
{
    private const string Code = """
        use std::collections::{HashMap, hash_map::Entry as E};
        mod sub;

        /// A point.
        #[derive(Debug)]
        pub struct Point { pub x: i32 }
        pub trait Shape { fn area(&self) -> f64; }
        impl Shape for Point { fn area(&self) -> f64 { 0.0 } }
        macro_rules! mymac { () => {} }
        #[get("/hello")]
        async fn greet() -> String { String::new() }
        #[derive(Parser)]
        struct Cli {
            /// Name
            #[arg(short, long)]
            name: String,
        }
        fn main() {
            let app = Router::new().route("/users", get(list_users).post(create_user));
            let v = std::env::var("HOME");
            let b = reqwest::get("https://example.com");
            sqlx::query("SELECT 1").execute(&pool);
            a::b::f(1);
            println!("x");
        }
        #[cfg(test)]
        mod tests {
            #[test]
            fn one() {}
            // plain
            #[tokio::test]
            async fn two() {}
            fn helper() {}
        }
        """;

    [Fact]
    public void Definitions_ImplMethodsTraitsMacrosAndTests()
    {
        var defs = StaticQueryFixture.Definitions("rust", Code);
        // Docs and #[test] attributes are preceding siblings, read by the extractor (see Noa.Stages.Graph.Tests).
        Assert.Contains("struct Point", defs);
        Assert.Contains("field x", defs);
        Assert.Contains("trait Shape", defs);
        Assert.Contains("method area of Shape", defs);
        Assert.Contains("method area of Point", defs);
        Assert.Contains("function mymac", defs);
        Assert.Contains("module tests", defs);
        Assert.Contains("function one", defs);
        Assert.Contains("function two", defs);
        Assert.Contains("function helper", defs);
        // A method matches the plain function pattern too; the extractor merges matches of one node (method wins).
    }

    [Fact]
    public void References_ImportsInheritanceAndSurface()
    {
        Assert.Equal(["HashMap", "hash_map::Entry"], StaticQueryFixture.Texts("rust", Code, "import", "import.name"));
        Assert.Contains("sub", StaticQueryFixture.Texts("rust", Code, "import", "import.module"));
        Assert.Equal(["Point"], StaticQueryFixture.Texts("rust", Code, "inherits"));
        Assert.Contains("a::b", StaticQueryFixture.Texts("rust", Code, "reference.call", "receiver"));
        Assert.Contains("println", StaticQueryFixture.Texts("rust", Code, "reference.call"));
        Assert.Equal(["greet", "list_users", "create_user"], StaticQueryFixture.Texts("rust", Code, "endpoint", "endpoint.handler"));
        Assert.Equal(["\"HOME\""], StaticQueryFixture.Texts("rust", Code, "config.env"));
        Assert.Equal(["name"], StaticQueryFixture.Texts("rust", Code, "cli.flag"));
        Assert.Equal(["\"https://example.com\""], StaticQueryFixture.Texts("rust", Code, "http.url"));
        Assert.Equal(["query", "execute"], StaticQueryFixture.Texts("rust", Code, "store.call"));
    }

    [Fact]
    public void Corpus_AnyhowChain()
    {
        var code = StaticQueryFixture.Corpus("rust/anyhow-1.0.69/src/chain.rs");
        if (code is null)
        {
            return;
        }
        Assert.Contains("Iterator", StaticQueryFixture.Texts("rust", code, "inherits", "implements"));
        Assert.Contains("method next of Chain", StaticQueryFixture.Definitions("rust", code));
    }
}
