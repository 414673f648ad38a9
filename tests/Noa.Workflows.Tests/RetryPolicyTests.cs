namespace Noa.Workflows.Tests;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 64)]
    [InlineData(8, 100)]
    [InlineData(60, 100)]
    [InlineData(5000, 100)]
    public void DelayFor_Defaults_DoublesFromOneSecondCappedAtHundredTimesInitial(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), new RetryPolicy().DelayFor(attempt));
    }

    [Fact]
    public void DelayFor_MaximumInterval_CapsTheDelay()
    {
        var policy = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(500), BackoffCoefficient = 3, MaximumInterval = TimeSpan.FromSeconds(5) };

        Assert.Equal([500, 1500, 4500, 5000], Enumerable.Range(1, 4).Select(a => policy.DelayFor(a).TotalMilliseconds));
    }

    [Theory]
    [InlineData(3, 2, true)]
    [InlineData(3, 3, false)]
    [InlineData(1, 1, false)]
    [InlineData(0, 1000, true)]
    public void AllowsAnotherAttempt_MaximumAttempts_CountsTheFirstAttemptAndZeroIsUnlimited(int maximum, int made, bool allowed)
    {
        Assert.Equal(allowed, new RetryPolicy { MaximumAttempts = maximum }.AllowsAnotherAttempt(made));
    }
}
