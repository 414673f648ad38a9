using System.Globalization;
using System.Xml;

namespace Noa.Stages.Runner.Results;

/// <summary>Visual Studio's TRX (<c>dotnet test --logger trx</c>): <c>UnitTestResult</c> elements with testName, outcome and duration.</summary>
internal static class Trx
{
    public static bool Looks(string text) => text.Contains("<TestRun", StringComparison.Ordinal) && text.Contains("UnitTestResult", StringComparison.Ordinal);

    /// <exception cref="XmlException">Not well-formed XML.</exception>
    public static List<TestCase> Parse(string xml)
    {
        var doc = new XmlDocument { XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            doc.Load(reader);
        var tests = new List<TestCase>();
        foreach (XmlElement result in doc.GetElementsByTagName("UnitTestResult"))
        {
            var status = result.GetAttribute("outcome") switch
            {
                "Passed" => TestCase.Passed,
                "NotExecuted" or "Inconclusive" or "Pending" or "Disconnected" or "Warning" => TestCase.Skipped,
                _ => TestCase.Failed,
            };
            double? seconds = TimeSpan.TryParse(result.GetAttribute("duration"), CultureInfo.InvariantCulture, out var d) ? d.TotalSeconds : null;
            var message = result.GetElementsByTagName("Message").OfType<XmlElement>().FirstOrDefault()?.InnerText;
            tests.Add(new TestCase(result.GetAttribute("testName"), status, seconds, status == TestCase.Passed ? null : TestCase.FirstLine(message)));
        }
        return tests;
    }
}
