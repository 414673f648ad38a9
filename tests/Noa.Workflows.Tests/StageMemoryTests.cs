using Noa.Abstractions;

namespace Noa.Workflows.Tests;

/// <summary>Reads the process's heap size: never runs beside other test classes, whose allocations and garbage would count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapCollection
{
    public const string Name = "heap";
}

[Collection(HeapCollection.Name)]
public sealed class StageMemoryTests : IDisposable
{
    private const int Chunk = 16 << 20;
    private const int Chunks = 24; // 384 MB, three times StageMemory.Growth
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task RunAsync_StageLeavingHundredsOfMbOfGarbage_IsCollectedBeforeTheStageAfterIt()
    {
        long before = 0, afterBig = 0, atNext = 0;
        var big = new TestStage("big", (_, _) =>
        {
            // Collected first: garbage left by earlier tests, freed while the stage allocates, would hide what the stage holds.
            before = GC.GetTotalMemory(forceFullCollection: true);
            var held = new List<byte[]>();
            for (var i = 0; i < Chunks; i++)
                held.Add(new byte[Chunk]);
            afterBig = GC.GetTotalMemory(forceFullCollection: false);
            GC.KeepAlive(held);
            return Task.FromResult(StageOutcome.Success());
        });
        var next = new TestStage("next", (_, _) =>
        {
            atNext = GC.GetTotalMemory(forceFullCollection: false);
            return Task.FromResult(StageOutcome.Success());
        }, "big");

        var record = await _h.Engine.RunAsync(new WorkflowDefinition("w", [big, next]), EngineHarness.Request());

        Assert.Equal(RunState.Succeeded, record.State);
        Assert.True(afterBig - before >= (long)Chunk * Chunks, $"the stage held {(afterBig - before) >> 20} MB"); // the control: it did hold them
        Assert.True(atNext - before < StageMemory.Growth,
            $"expected the {(long)Chunk * Chunks >> 20} MB the first stage left to be collected before the next started; the heap grew by {(atNext - before) >> 20} MB");
    }

    [Fact]
    public void ReleaseAfter_HeapThatDidNotGrow_CollectsNothing() =>
        Assert.False(StageMemory.ReleaseAfter(StageMemory.HeapBytes()));
}
