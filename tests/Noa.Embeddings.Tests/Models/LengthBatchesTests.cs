using Noa.Embeddings.Models;

namespace Noa.Embeddings.Tests.Models;

public sealed class LengthBatchesTests
{
    [Fact]
    public void Plan_Sorted_EveryIndexOnceLongestFirst()
    {
        int[] lengths = [10, 200, 30, 200, 5, 64, 64, 12];

        var batches = LengthBatches.Plan(lengths, maxInputs: 3, tokenBudget: 400);

        Assert.Equal(Enumerable.Range(0, lengths.Length), batches.SelectMany(b => b).Order());
        var flat = batches.SelectMany(b => b).Select(i => lengths[i]).ToList();
        Assert.Equal(flat.OrderDescending(), flat);
        Assert.All(batches, b => Assert.True(b.Length <= 3));
        Assert.All(batches, b => Assert.True(b.Length == 1 || b.Length * b.Max(i => lengths[i]) <= 400));
    }

    [Fact]
    public void Plan_ShortInputs_BatchGrowsToTheCap()
    {
        var batches = LengthBatches.Plan(Enumerable.Repeat(16, 100).ToArray(), maxInputs: 32, tokenBudget: 2048);

        Assert.Equal([32, 32, 32, 4], batches.Select(b => b.Length));
    }

    [Fact]
    public void Plan_InputOverTheBudget_AloneInItsBatch()
    {
        var batches = LengthBatches.Plan([256, 256, 8], maxInputs: 32, tokenBudget: 128);

        Assert.Equal([1, 1, 1], batches.Select(b => b.Length));
    }

    [Fact]
    public void Plan_Unsorted_FixedBatchesInInputOrder()
    {
        var batches = LengthBatches.Plan([5, 100, 7, 9, 3], maxInputs: 2, tokenBudget: 1, sort: false);

        Assert.Equal([[0, 1], [2, 3], [4]], batches);
    }
}
