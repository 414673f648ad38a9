namespace Noa.Stages.Registrar;

/// <summary>How far a publish is: bytes of blobs pushed (or found already there) of the total.</summary>
public readonly record struct PublishProgress(long Done, long Total, string Current);
