using System.Globalization;
using System.Xml;

namespace Noa.Stages.Runner.Results;

/// <summary>
/// JUnit XML as pytest (<c>--junitxml</c>), Maven Surefire, Gradle, Jest's and Node's junit reporters write it: <c>testcase</c>
/// elements (name, classname, time) with a <c>failure</c>, <c>error</c> or <c>skipped</c> child. DTDs and external entities are refused.
/// </summary>
internal static class JUnitXml
{
    public static bool Looks(string text) => text.Contains("<testsuite", StringComparison.Ordinal) || text.Contains("<testcase", StringComparison.Ordinal);

    /// <exception cref="XmlException">Not well-formed XML.</exception>
    public static List<TestCase> Parse(string xml)
    {
        var tests = new List<TestCase>();
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        var doc = new XmlDocument { XmlResolver = null };
        doc.Load(reader);
        foreach (XmlElement testcase in doc.GetElementsByTagName("testcase"))
        {
            var name = testcase.GetAttribute("name");
            var cls = testcase.GetAttribute("classname");
            var full = cls.Length > 0 && !name.StartsWith(cls, StringComparison.Ordinal) ? $"{cls}.{name}" : name;
            double? seconds = double.TryParse(testcase.GetAttribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : null;
            var problem = testcase.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.Name is "failure" or "error" or "skipped");
            var status = problem?.Name switch { "failure" or "error" => TestCase.Failed, "skipped" => TestCase.Skipped, _ => TestCase.Passed };
            var message = problem is null ? null : TestCase.FirstLine(problem.GetAttribute("message") is { Length: > 0 } m ? m : problem.InnerText);
            tests.Add(new TestCase(full, status, seconds, message));
        }
        return tests;
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 256L << 20,
    };
}
