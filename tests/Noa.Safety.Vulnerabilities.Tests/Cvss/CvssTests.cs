using Noa.Safety.Vulnerabilities.Cvss;

namespace Noa.Safety.Vulnerabilities.Tests.Cvss;

public class CvssTests
{
    // Scores as NVD and FIRST's v3.1 calculator give them.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H", 7.4)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/E:P/RL:O", 9.9)]
    public void BaseScore_KnownVectors(string vector, double expected) => Assert.Equal(expected, Cvss3.BaseScore(vector));

    [Theory]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    public void BaseScore_Malformed_Null(string vector) => Assert.Null(Cvss3.BaseScore(vector));

    [Theory]
    [InlineData(4.000000000000001, 4.0)]
    [InlineData(4.02, 4.1)]
    [InlineData(4.0, 4.0)]
    [InlineData(9.81, 9.9)]
    public void Roundup_SpecAppendixA(double input, double expected) => Assert.Equal(expected, Cvss3.Roundup(input));

    // Scores as FIRST's v4.0 calculator gives them.
    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3)]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 6.9)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0)]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 1.0)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 8.1)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:S", 8.9)] // a safety impact scores a vector with no other impact
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/U:Red", 9.3)] // supplemental metrics do not score
    public void Score_KnownVectors(string vector, double expected) => Assert.Equal(expected, Cvss4.Score(vector));

    /// <summary>Vectors drawn by scripts/cvss4-fixture.sh (base, threat, environmental and supplemental metrics) with the
    /// scores of an independent reference calculator (ae-cvss-calculator, which implements FIRST's scoring).</summary>
    [Fact]
    public void Score_AgreesWithTheReferenceCalculator_OnEveryFixtureVector()
    {
        var rows = File.ReadLines(TestFiles.Fixture("cvss4", "reference-scores.tsv")).Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t')).Select(c => (Vector: c[0], Expected: double.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.True(rows.Count >= 200, $"only {rows.Count} reference vectors");
        var disagreements = rows.Select(r => (r.Vector, r.Expected, Actual: Cvss4.Score(r.Vector))).Where(r => r.Actual != r.Expected).ToList();
        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} of {rows.Count} differ:\n" + string.Join("\n", disagreements.Take(20).Select(d => $"{d.Vector}: expected {d.Expected}, got {d.Actual}")));
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N")] // SA missing
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:Q/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")] // unknown value
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N")] // S is for MSI only
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:X")] // unknown metric
    [InlineData("CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")] // repeated
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    public void Score_NotAV4Vector_Null(string vector) => Assert.Null(Cvss4.Score(vector));

    [Theory]
    [InlineData(0.0, SeverityBand.None)]
    [InlineData(0.1, SeverityBand.Low)]
    [InlineData(3.9, SeverityBand.Low)]
    [InlineData(4.0, SeverityBand.Medium)]
    [InlineData(6.9, SeverityBand.Medium)]
    [InlineData(7.0, SeverityBand.High)]
    [InlineData(8.9, SeverityBand.High)]
    [InlineData(9.0, SeverityBand.Critical)]
    public void BandOf_Score_SpecBoundaries(double score, SeverityBand expected) => Assert.Equal(expected, Severity.BandOf(score));
}
