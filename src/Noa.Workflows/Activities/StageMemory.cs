namespace Noa.Workflows;

/// <summary>
/// Gives back the memory a stage attempt left behind before the stages after it start. The GC collects its oldest generation
/// and the large object heap only when their budgets run out, and keeps what it frees committed: after the Graph stage of the
/// JDK (15k files, 941k edges) its per-file facts and build tables, hundreds of MB of garbage, were still resident while
/// Embeddings and Env started beside each other, and the digest peaked there (1.36 GB). So an attempt that grew the heap by
/// more than <see cref="Growth"/> is followed by one blocking collection that compacts and decommits what it frees; the
/// attempts of small sources never pay for it.
/// </summary>
internal static class StageMemory
{
    /// <summary>Heap growth over an attempt past which the attempt's garbage is collected at its end.</summary>
    public const long Growth = 128L << 20;

    /// <summary>The managed heap's size now, garbage not yet collected included.</summary>
    public static long HeapBytes() => GC.GetTotalMemory(forceFullCollection: false);

    /// <summary>Collects and decommits when the heap grew by more than <see cref="Growth"/> since <paramref name="before"/>;
    /// true when it did.</summary>
    public static bool ReleaseAfter(long before)
    {
        if (HeapBytes() - before <= Growth)
            return false;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return true;
    }
}
