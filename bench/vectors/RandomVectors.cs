/// <summary>Random unit vectors, uniform or bunched around centres, for benchmarks without an embedding model.</summary>
internal static class RandomVectors
{
    public static float[] Unit(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
            v[i] = (float)(random.NextDouble() * 2 - 1);
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    /// <summary>The centre plus a random direction of length spread, normalised: cosine to the centre is 1/sqrt(1+spread^2).</summary>
    public static float[] Near(Random random, float[] centre, float spread)
    {
        var direction = Unit(random, centre.Length);
        var v = centre.Zip(direction, (c, d) => c + spread * d).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
