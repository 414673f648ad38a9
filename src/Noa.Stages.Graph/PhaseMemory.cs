namespace Noa.Stages.Graph;

/// <summary>
/// Gives back the garbage of one of the stage's phases before the next allocates. The GC collects its oldest generation and the
/// large object heap only when their budgets run out, and keeps what it frees committed, so on a large source (the JDK: 15k
/// files, 941k edges) the parse's garbage stayed resident while the graph was built, and the facts and build tables (~300 MB)
/// while kg.json was written and the card rendered: each phase grew the process past the last one's peak. A phase that grew
/// the heap by more than the threshold is followed by one blocking, compacting collection; a small source never pays for it.
/// </summary>
internal sealed class PhaseMemory(long threshold)
{
    /// <summary>The growth past which a phase's garbage is collected (128 MB, as the workflow's collection at a stage's end).</summary>
    public const long DefaultThreshold = 128L << 20;

    private long _mark = GC.GetTotalMemory(forceFullCollection: false);

    public PhaseMemory()
        : this(DefaultThreshold)
    {
    }

    /// <summary>Collects when the heap (garbage included) grew by more than the threshold since the last mark; true when it did.
    /// Either way the heap's size now is the next mark.</summary>
    public bool Release()
    {
        var grew = GC.GetTotalMemory(forceFullCollection: false) - _mark > threshold;
        if (grew)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        _mark = GC.GetTotalMemory(forceFullCollection: false);
        return grew;
    }
}
