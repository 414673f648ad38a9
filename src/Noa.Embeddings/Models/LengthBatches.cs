namespace Noa.Embeddings.Models;

/// <summary>
/// Groups inputs of similar token length into model calls. A call costs about (inputs × longest input) because
/// every input is padded to the longest one, so inputs are taken longest first and a batch grows while its padded
/// size stays within a token budget: many short inputs go together, long ones go in small batches, and little of
/// any batch is padding. Longest first also lets concurrent batches finish together (the last ones are the cheap ones).
/// </summary>
internal static class LengthBatches
{
    /// <summary>Batches of input indices, longest inputs first; every index appears once.</summary>
    /// <param name="lengths">Tokens per input, [CLS] and [SEP] included.</param>
    /// <param name="maxInputs">Most inputs in one batch.</param>
    /// <param name="tokenBudget">Most padded tokens (inputs × longest) in one batch; a single input may exceed it.</param>
    /// <param name="sort">False keeps input order and cuts fixed batches of <paramref name="maxInputs"/> (no budget).</param>
    public static IReadOnlyList<int[]> Plan(IReadOnlyList<int> lengths, int maxInputs, int tokenBudget, bool sort = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInputs, 1);
        var order = Enumerable.Range(0, lengths.Count).ToArray();
        if (!sort)
            return [.. order.Chunk(maxInputs)];
        // Stable: equal lengths keep input order, so the same inputs always make the same batches.
        order = [.. order.OrderByDescending(i => lengths[i])];
        var batches = new List<int[]>();
        var start = 0;
        while (start < order.Length)
        {
            var longest = Math.Max(1, lengths[order[start]]);
            var count = Math.Clamp(tokenBudget / longest, 1, maxInputs);
            count = Math.Min(count, order.Length - start);
            batches.Add(order[start..(start + count)]);
            start += count;
        }
        return batches;
    }
}
