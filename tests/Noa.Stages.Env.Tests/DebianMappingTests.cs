using Noa.Stages.Env.Verify;

namespace Noa.Stages.Env.Tests;

/// <summary>The Debian install scripts' last line, read from an image build's output for verify.json.</summary>
public sealed class DebianMappingTests
{
    [Theory]
    [InlineData("NOA-DEBIAN-PYTHON ", "pip")]
    [InlineData("NOA-DEBIAN-GO ", "go")]
    [InlineData("NOA-DEBIAN-RUST ", "cargo")]
    public void ScriptResult_IsReadWithItsEcosystem(string marker, string ecosystem)
    {
        var mapping = new DebianMapping();
        foreach (var line in new[] { "STEP 5/9: RUN apt-get update", "not mapped: Flask-Moment (requirements.txt): no Debian package python3-flask-moment",
                     marker + """{"mapped":[],"unmapped":[{"requirement":"Flask-Moment"}],"installed":["python3-flask"]}""", "STEP 6/9: COPY . /src/" })
            mapping.Report(line);

        var found = mapping.Result();

        Assert.NotNull(found);
        Assert.Equal(ecosystem, found["ecosystem"]!.GetValue<string>());
        Assert.Equal("Flask-Moment", found["unmapped"]![0]!["requirement"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("STEP 3/9: RUN go mod download")]                 // no script ran
    [InlineData("NOA-DEBIAN-GO {\"mapped\":[{\"requirement\":\"git")] // a line cut short
    [InlineData("NOA-DEBIAN-CABAL {\"mapped\":[]}")]                // no such script
    public void WithoutAWholeResultLine_NothingIsRead_Control(string line)
    {
        var mapping = new DebianMapping();
        mapping.Report(line);

        Assert.Null(mapping.Result());
    }
}
