namespace Noa.Stages.Classifier;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide (ids are unique across the product: this assembly's block is 2101-2199).</summary>
internal static class LogEvents
{
    public const int Classified = 2101;
}
