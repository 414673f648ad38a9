using System.Xml;
using Noa.Stages.Runner.Results;

namespace Noa.Stages.Runner.Tests;

/// <summary>The formats as the tools write them (samples in each tool's documented shape), and the control cases that must not parse.</summary>
public sealed class ResultFormatTests
{
    [Fact]
    public void JUnit_PytestReport_ReadsEveryStatus()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4" time="0.051">
            <testcase classname="tests.test_a" name="test_ok" time="0.001" />
            <testcase classname="tests.test_a" name="test_bad" time="0.002"><failure message="assert 2 == 3">def test_bad():
            &gt;       assert add(1, 1) == 3</failure></testcase>
            <testcase classname="tests.test_a" name="test_err" time="0.000"><error message="failed on setup with &quot;fixture 'db' not found&quot;">…</error></testcase>
            <testcase classname="tests.test_a" name="test_skip" time="0.000"><skipped type="pytest.skip" message="not today">…</skipped></testcase>
            </testsuite></testsuites>
            """;

        var tests = JUnitXml.Parse(xml);

        Assert.Equal(["passed", "failed", "failed", "skipped"], tests.Select(t => t.Status));
        Assert.Equal("tests.test_a.test_bad", tests[1].Name);
        Assert.Equal("assert 2 == 3", tests[1].Message);
        Assert.Equal(0.002, tests[1].Seconds);
    }

    [Fact]
    public void JUnit_WithADoctype_IsRefused()
    {
        const string xxe = """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><testsuite><testcase name="&e;"/></testsuite>""";

        Assert.Throws<XmlException>(() => JUnitXml.Parse(xxe));
    }

    [Fact]
    public void Trx_DotnetTest_ReadsOutcomeAndDuration()
    {
        const string trx = """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" name="x" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>
            <UnitTestResult testName="Calc.Adds" outcome="Passed" duration="00:00:00.0120000" />
            <UnitTestResult testName="Calc.Fails" outcome="Failed" duration="00:00:00.5000000"><Output><ErrorInfo><Message>Assert.Equal() Failure
            Expected: 3</Message></ErrorInfo></Output></UnitTestResult>
            <UnitTestResult testName="Calc.Later" outcome="NotExecuted" duration="00:00:00" />
            </Results></TestRun>
            """;

        var tests = Trx.Parse(trx);

        Assert.Equal(["passed", "failed", "skipped"], tests.Select(t => t.Status));
        Assert.Equal("Assert.Equal() Failure", tests[1].Message);
        Assert.Equal(0.5, tests[1].Seconds);
    }

    [Fact]
    public void GoTestJson_KeepsTheLastActionPerTest_AndIgnoresOtherLines()
    {
        const string output = """
            {"Time":"2024-01-01T00:00:00Z","Action":"run","Package":"example.com/m","Test":"TestA"}
            {"Time":"2024-01-01T00:00:00Z","Action":"output","Package":"example.com/m","Test":"TestA","Output":"=== RUN   TestA\n"}
            {"Time":"2024-01-01T00:00:00Z","Action":"pass","Package":"example.com/m","Test":"TestA","Elapsed":0.01}
            {"Time":"2024-01-01T00:00:00Z","Action":"fail","Package":"example.com/m","Test":"TestB","Elapsed":0.2}
            {"Time":"2024-01-01T00:00:00Z","Action":"skip","Package":"example.com/m","Test":"TestC","Elapsed":0}
            {"Time":"2024-01-01T00:00:00Z","Action":"fail","Package":"example.com/m","Elapsed":0.3}
            go: downloading example.com/x v1.0.0
            """;

        var (format, tests) = TextFormats.Parse(output)!.Value;

        Assert.Equal("go-test-json", format);
        Assert.Equal(["passed", "failed", "skipped"], tests.Select(t => t.Status));
        Assert.Equal("example.com/m.TestB", tests[1].Name);
    }

    [Fact]
    public void LibTest_CargoTestLines()
    {
        const string output = "running 3 tests\ntest parse::tests::empty ... ok\ntest parse::tests::bad ... FAILED\ntest slow ... ignored\n\ntest result: FAILED. 1 passed; 1 failed; 1 ignored";

        var (format, tests) = TextFormats.Parse(output)!.Value;

        Assert.Equal("libtest", format);
        Assert.Equal(["passed", "failed", "skipped"], tests.Select(t => t.Status));
    }

    [Fact]
    public void LibTest_DocTestNamesHaveSpaces()
    {
        const string output = "   Doc-tests semver\n\nrunning 2 tests\ntest /workspace/src/lib.rs - Version::new (line 385) ... ok\n"
            + "test /workspace/src/parse.rs - parse::Error (line 11) ... FAILED\n\ntest result: FAILED. 1 passed; 1 failed; 0 ignored";

        var (_, tests) = TextFormats.Parse(output)!.Value;

        Assert.Equal(["/workspace/src/lib.rs - Version::new (line 385)", "/workspace/src/parse.rs - parse::Error (line 11)"], tests.Select(t => t.Name));
        Assert.Equal(["passed", "failed"], tests.Select(t => t.Status));
    }

    [Fact]
    public void Summaries_WhenNoSingleTestIsPrinted()
    {
        Assert.Equal(new TestCounts(6, 4, 1, 1), Summaries.Parse("....F.\n===== 4 passed, 1 failed, 1 skipped in 0.12s =====")!.Value.Counts);
        Assert.Equal(new TestCounts(7, 4, 2, 1), Summaries.Parse("Ran 7 tests in 0.010s\n\nFAILED (failures=1, errors=1, skipped=1)")!.Value.Counts);
        Assert.Equal(new TestCounts(6, 5, 1, 0), Summaries.Parse("Tests:       1 failed, 5 passed, 6 total")!.Value.Counts);
        Assert.Equal(new TestCounts(3, 2, 1, 0), Summaries.Parse("  2 passing (12ms)\n  1 failing\n")!.Value.Counts);
        Assert.Null(Summaries.Parse("make: Nothing to be done for 'test'."));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ok")]
    [InlineData("{\"Action\":\"pass\"}")]
    [InlineData("test result: ok. 0 passed")]
    [InlineData("Ran 0 tests in 0.000s")]
    public void NotTestOutput_YieldsNoTests(string output) =>
        Assert.Null(TextFormats.Parse(output));
}
