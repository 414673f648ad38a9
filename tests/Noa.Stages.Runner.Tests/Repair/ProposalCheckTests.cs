using Noa.Stages.Runner.Repair;

namespace Noa.Stages.Runner.Tests.Repair;

public sealed class ProposalCheckTests
{
    [Theory]
    [InlineData("APP_MODE=test make test", null)]
    [InlineData("python3 -m pytest -p no:cacheprovider tests/", null)]
    [InlineData("make test SUDO_USER=x", null)]
    [InlineData("npm test -- --mount-point=x", null)]
    [InlineData("", "holds no command")]
    [InlineData("make test\nrm -rf .", "more than one line")]
    [InlineData("make test\r", "more than one line")]
    [InlineData("make\ttest\u0007", "control characters")]
    [InlineData("make test", "the same command")]
    [InlineData("make test # earlier", "the same command")]
    [InlineData("true", "hide the step's failure")]
    [InlineData("make test || true", "hide the step's failure")]
    [InlineData("make test || exit 0", "hide the step's failure")]
    [InlineData("make test; true", "hide the step's failure")]
    [InlineData("sudo make test", "change the sandbox (sudo)")]
    [InlineData("cd src && unshare -r make test", "change the sandbox (unshare)")]
    [InlineData("ulimit -f unlimited; make test", "change the sandbox (ulimit)")]
    [InlineData("echo 1 > /proc/sys/kernel/x && make test", "change the sandbox (/proc/sys)")]
    [InlineData("(docker run x)", "change the sandbox (docker)")]
    public void Refusal_NamesWhatIsWrong(string command, string? refused)
    {
        var why = ProposalCheck.Refusal(command, "make test", ["make test # earlier"], 100);

        if (refused is null)
            Assert.Null(why);
        else
            Assert.Contains(refused, why);
    }

    [Fact]
    public void Refusal_OverTheLength_NamesTheSetting()
    {
        Assert.Null(ProposalCheck.Refusal(new string('x', 100), "make test", [], 100));
        Assert.Contains("101 characters long, over 100 (Noa:Runner:Repair:MaxCommandLength)", ProposalCheck.Refusal(new string('x', 101), "make test", [], 100));
    }

    [Fact]
    public void Options_WithoutEndpoint_AreOff_AndBadValuesAreEachNamed()
    {
        Assert.False(new RepairOptions().Enabled);
        Assert.Empty(new RunnerOptions { Repair = new RepairOptions() }.Validate());
        var errors = new RunnerOptions { Repair = new RepairOptions { Endpoint = new Uri("ftp://x/"), Attempts = 0, RequestSeconds = 0, MaxCommandLength = 5 } }.Validate();
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Noa:Runner:Repair:Endpoint must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Noa:Runner:Repair:Model", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Noa:Runner:Repair:Attempts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"command\": \"make check\", \"reason\": \"r\"}", "make check")]
    [InlineData("```json\n{\"command\": \"make check\"}\n```", "make check")]
    public void Parse_TheJsonAskedFor_WithOrWithoutAFence(string content, string command) =>
        Assert.Equal(command, RepairModel.Parse(content).Command);

    [Theory]
    [InlineData("make check")]
    [InlineData("{\"cmd\": \"make check\"}")]
    [InlineData("[\"make check\"]")]
    public void Parse_AnythingElse_IsAModelError(string content) =>
        Assert.Throws<RepairModelException>(() => RepairModel.Parse(content));
}
