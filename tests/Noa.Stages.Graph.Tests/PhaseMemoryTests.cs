namespace Noa.Stages.Graph.Tests;

/// <summary>Reads the process's heap size: never runs beside other test classes, whose allocations and garbage would count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapCollection
{
    public const string Name = "heap";
}

[Collection(HeapCollection.Name)]
public sealed class PhaseMemoryTests
{
    private const int Chunk = 16 << 20;
    private const int Chunks = 8; // 128 MB, twice the threshold below

    [Fact]
    public void Release_PhaseThatLeftGarbagePastTheThreshold_CollectsItOnce()
    {
        GC.Collect(); // garbage of earlier tests, freed while this one allocates, would hide what the phase left
        var memory = new PhaseMemory(Chunk * Chunks / 2);
        var before = GC.GetTotalMemory(forceFullCollection: false);
        Phase();
        var left = GC.GetTotalMemory(forceFullCollection: false);

        Assert.True(memory.Release());
        var after = GC.GetTotalMemory(forceFullCollection: false);
        Assert.True(left - before >= (long)Chunk * Chunks / 2, $"the phase left {(left - before) >> 20} MB"); // the control: it did leave garbage
        Assert.True(after - before < Chunk, $"expected the phase's {(long)Chunk * Chunks >> 20} MB of garbage collected; {(after - before) >> 20} MB are left");
        Assert.False(memory.Release()); // the heap's size after the collection is the next mark
    }

    [Fact]
    public void Release_PhaseThatStayedUnderTheThreshold_CollectsNothing()
    {
        var memory = new PhaseMemory(PhaseMemory.DefaultThreshold);
        GC.KeepAlive(new byte[64 << 10]);
        var collections = GC.CollectionCount(GC.MaxGeneration);

        Assert.False(memory.Release());
        Assert.Equal(collections, GC.CollectionCount(GC.MaxGeneration));
    }

    // Allocates and drops 128 MB, as a parse or a build leaves its buffers and tables.
    private static void Phase()
    {
        var held = new List<byte[]>();
        for (var i = 0; i < Chunks; i++)
        {
            held.Add(new byte[Chunk]);
        }
        GC.KeepAlive(held);
    }
}
