using System.Collections.Frozen;

namespace Noa.Stages.Classifier.Scoping;

/// <summary>
/// The path conventions that say what a file is to the software (<see cref="FileScopes"/>), in a fixed order: vendored (linguist's
/// vendor.yml, fixture folders aside), fixture, generated, example, documentation, benchmark, test, else product. Folder names are
/// compared without case and match at any depth; file names follow the test frameworks of each language (pytest, Jest/Vitest/Mocha,
/// Playwright/Cypress, go test, RSpec, PHPUnit, GoogleTest, ExUnit, dart test) and the source sets of Maven and Gradle
/// (<c>src/test</c>, <c>src/integrationTest</c>, <c>src/jmh</c>). A project-level convention (a .NET project that references a test SDK)
/// is applied afterwards by <see cref="TestProjects"/>.
/// </summary>
internal static class ScopeRules
{
    private static readonly FrozenSet<string> FixtureFolders = Set(
        "fixtures", "fixture", "__fixtures__", "testdata", "test-data", "test_data", "testfiles", "test-files", "test_files",
        "test-fixtures", "test_fixtures", "testfixtures-data", "__snapshots__");

    // Inside a test folder these hold what the tests read, not test code.
    private static readonly FrozenSet<string> FixtureFoldersInTests = Set(
        "data", "resources", "assets", "files", "inputs", "input", "outputs", "output", "expected", "golden", "goldens", "snapshots",
        "cassettes", "samples", "corpus", "baselines");

    private static readonly FrozenSet<string> ExampleFolders = Set(
        "example", "examples", "_example", "_examples", "sample", "samples", "_samples", "demo", "demos", "_demo", "_demos");

    private static readonly FrozenSet<string> BenchmarkFolders = Set("bench", "benches", "benchmark", "benchmarks", "_benchmarks", "jmh");

    private static readonly FrozenSet<string> TestFolders = Set(
        "test", "tests", "__tests__", "__test__", "spec", "specs", "__mocks__", "e2e", "e2e-tests", "e2e_tests", "cypress",
        "integration-tests", "integration_tests", "integrationtests", "unittests", "unit-tests", "unit_tests", "functional-tests",
        "functional_tests", "acceptance-tests", "acceptance_tests", "testsuite", "test-suite", "test_suite", "fuzz", "fuzzing");

    // Test runner configuration: part of the tests, whichever folder it sits in.
    private static readonly FrozenSet<string> TestFiles = Set(
        "conftest.py", "pytest.ini", "tox.ini", ".rspec", "spec_helper.rb", "rails_helper.rb", "test_helper.rb", "phpunit.xml",
        "phpunit.xml.dist", ".mocharc.js", ".mocharc.cjs", ".mocharc.json", ".mocharc.yml", ".mocharc.yaml", "karma.conf.js",
        "karma.conf.ts", "setupTests.js", "setupTests.ts", "jest.setup.js", "jest.setup.ts", "codecov.yml", ".codecov.yml");

    private static readonly string[] TestConfigPrefixes = ["jest.config.", "vitest.config.", "vitest.workspace.", "playwright.config.", "cypress.config.", "wdio.conf."];

    private static readonly string[] ScriptExtensions = [".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte"];

    // Markup written for people. Plain text is not among them: requirements/base.txt and runtime.txt are linguist's "Text" too.
    private static readonly FrozenSet<string> ProseLanguages = Set(
        "Markdown", "reStructuredText", "AsciiDoc", "Org", "RDoc", "Pod", "Pod 6", "Texinfo", "MDX", "Creole", "MediaWiki", "Textile", "RMarkdown");

    /// <summary>Whether a language (linguist name) is documentation prose.</summary>
    public static bool IsProse(string? language) => language is not null && ProseLanguages.Contains(language);

    /// <summary>The scope by path. <paramref name="vendoredByRule"/> and <paramref name="generated"/> are linguist's decisions (or the
    /// <c>.gitattributes</c> overrides); <paramref name="documentationOverride"/> is <c>linguist-documentation</c> when set;
    /// <paramref name="prose"/> is true for documentation markup (<see cref="IsProse"/>).</summary>
    public static string Decide(string path, bool vendoredByRule, bool generated, bool? documentationOverride, bool prose)
    {
        var segments = path.Split('/');
        var name = segments[^1];
        // Below a JVM source root the folders are package names (com/example/demo, org/springframework/samples): they say nothing
        // about the file's scope, so only the folders down to the source root are read.
        var folders = segments.AsSpan(0, PackageRoot(segments));
        if (vendoredByRule)
        {
            return FileScopes.Vendored;
        }
        if (IsFixture(folders))
        {
            return FileScopes.Fixture;
        }
        if (generated)
        {
            return FileScopes.Generated;
        }
        if (documentationOverride == true)
        {
            return FileScopes.Documentation;
        }
        foreach (var folder in folders)
        {
            if (IsExampleFolder(folder))
            {
                return FileScopes.Example;
            }
        }
        if (name.Contains(".stories.", StringComparison.OrdinalIgnoreCase))
        {
            // Storybook stories show components in isolation: examples, never shipped.
            return FileScopes.Example;
        }
        if (documentationOverride is null && (prose || Paths.PathRules.IsDocumentation(path)))
        {
            return FileScopes.Documentation;
        }
        foreach (var folder in folders)
        {
            if (IsBenchmarkFolder(folder))
            {
                return FileScopes.Benchmark;
            }
        }
        if (IsBenchmarkFile(name))
        {
            return FileScopes.Benchmark;
        }
        for (var i = 0; i < folders.Length; i++)
        {
            if (IsTestFolder(folders, i))
            {
                return FileScopes.Test;
            }
        }
        return IsTestFile(name) ? FileScopes.Test : FileScopes.Product;
    }

    /// <summary>A folder that holds test fixtures, or a data folder inside a test folder (<c>tests/data</c>, <c>src/test/resources</c>).</summary>
    internal static bool IsFixture(ReadOnlySpan<string> folders)
    {
        var inTests = false;
        for (var i = 0; i < folders.Length; i++)
        {
            var folder = folders[i];
            if (FixtureFolders.Contains(folder) || (inTests && FixtureFoldersInTests.Contains(folder)))
            {
                return true;
            }
            inTests |= IsTestFolder(folders, i);
        }
        return false;
    }

    private static bool IsExampleFolder(string folder) =>
        ExampleFolders.Contains(folder) || Affixed(folder, "example") || Affixed(folder, "examples") || Affixed(folder, "sample")
        || Affixed(folder, "samples") || Affixed(folder, "demo");

    private static bool IsBenchmarkFolder(string folder) =>
        BenchmarkFolders.Contains(folder) || Affixed(folder, "benchmarks") || Affixed(folder, "benchmark") || Affixed(folder, "bench")
        || folder.EndsWith(".Benchmarks", StringComparison.OrdinalIgnoreCase) || folder.EndsWith(".Benchmark", StringComparison.OrdinalIgnoreCase)
        || folder.EndsWith(".Benchmarking", StringComparison.OrdinalIgnoreCase);

    private static bool IsBenchmarkFile(string name) =>
        ScriptExtensions.Any(e => name.EndsWith(".bench" + e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <c>folders[i]</c> is a test folder: a conventional name, a Maven/Gradle test source set under <c>src</c>, a .NET test
    /// project folder (<c>App.Tests</c>, <c>App.UnitTests</c>, <c>App.Specs</c>), a <c>-tests</c>/<c>_tests</c> suffix, or Perl's root <c>t</c>.</summary>
    internal static bool IsTestFolder(ReadOnlySpan<string> folders, int i)
    {
        var folder = folders[i];
        if (TestFolders.Contains(folder) || (i == 0 && folder == "t"))
        {
            return true;
        }
        if (i > 0 && folders[i - 1] == "src" && (folder.StartsWith("test", StringComparison.Ordinal) || folder.EndsWith("Test", StringComparison.Ordinal)
            || folder.EndsWith("Tests", StringComparison.Ordinal) || folder == "it"))
        {
            return true;
        }
        var dot = folder.LastIndexOf('.');
        if (dot > 0)
        {
            var last = folder.AsSpan(dot + 1);
            // PascalCase project names (App.Tests, App.UnitTests, App.Test); a lower-case "latest" is not one.
            if (last.EndsWith("Tests", StringComparison.Ordinal) || last.EndsWith("Test", StringComparison.Ordinal)
                || last.Equals("tests", StringComparison.OrdinalIgnoreCase) || last.Equals("test", StringComparison.OrdinalIgnoreCase)
                || last.Equals("Specs", StringComparison.OrdinalIgnoreCase) || last.Equals("Spec", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return folder.EndsWith("-e2e", StringComparison.OrdinalIgnoreCase) || folder.EndsWith("_e2e", StringComparison.OrdinalIgnoreCase)
            || folder.EndsWith("-tests", StringComparison.OrdinalIgnoreCase) || folder.EndsWith("_tests", StringComparison.OrdinalIgnoreCase)
            || folder.EndsWith("-test", StringComparison.OrdinalIgnoreCase) || folder.EndsWith("_test", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Test file names of the languages' test frameworks, and test runner configuration.</summary>
    internal static bool IsTestFile(string name)
    {
        if (TestFiles.Contains(name) || TestConfigPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
        {
            return true;
        }
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }
        var stem = name.AsSpan(0, dot);
        var extension = name.AsSpan(dot);
        switch (extension)
        {
            case ".py":
                return stem.StartsWith("test_") || stem.EndsWith("_test") || stem is "tests";
            case ".go":
                return stem.EndsWith("_test");
            case ".rb":
                return stem.EndsWith("_spec") || stem.EndsWith("_test");
            case ".php":
                return stem.EndsWith("Test") && stem.Length > 4;
            case ".exs":
                return stem.EndsWith("_test");
            case ".dart":
                return stem.EndsWith("_test");
            case ".c" or ".cc" or ".cpp" or ".cxx":
                return stem.EndsWith("_test") || stem.EndsWith("_unittest") || stem.EndsWith("_tests");
        }
        foreach (var e in ScriptExtensions)
        {
            if (extension.Equals(e, StringComparison.OrdinalIgnoreCase))
            {
                // Jest, Vitest, Mocha, Jasmine: x.test.ts, x.spec.ts; Nest e2e: x.e2e-spec.ts; Cypress: x.cy.ts.
                var inner = stem.LastIndexOf('.');
                if (inner > 0)
                {
                    var kind = stem[(inner + 1)..];
                    return kind is "test" or "spec" or "e2e-spec" or "e2e" or "cy" or "e2e-test" or "integration-test" or "int-test";
                }
                return false;
            }
        }
        return false;
    }

    // example-app, app-example, spring-boot-sample-web: the word as a dash- or underscore-separated part of the name.
    private static bool Affixed(string folder, string word)
    {
        if (folder.Length <= word.Length || folder.AsSpan().IndexOfAny('-', '_') < 0)
        {
            return false;
        }
        foreach (var part in folder.Split('-', '_'))
        {
            if (part.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    // src/<set>/java|kotlin|scala|groovy (Maven and Gradle), or a Java-like root further up: the number of folders to read.
    private static int PackageRoot(string[] segments)
    {
        for (var i = 1; i < segments.Length - 2; i++)
        {
            if (segments[i] is "java" or "kotlin" or "scala" or "groovy" && i >= 2 && segments[i - 2] == "src")
            {
                return i + 1;
            }
        }
        return segments.Length - 1;
    }

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
