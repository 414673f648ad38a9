using System.Security.Cryptography;
using System.Text;
using Noa.Abstractions;

namespace Noa.Embeddings.Models;

/// <summary>
/// Which vector collection holds a model's chunks: one per model, since a collection's dimension is fixed and vectors of
/// two models are not comparable. The name is the model id in lower case with every other character an underscore
/// (<c>sentence_transformers_all_minilm_l6_v2</c>), shortened with a hash of the id past 40 characters.
/// </summary>
public static class ChunkCollections
{
    /// <summary>The collection name for a model id; always valid by <see cref="VectorCollection.Validate"/>.</summary>
    public static string For(string modelId)
    {
        var slug = new StringBuilder(modelId.Length);
        foreach (var c in modelId.ToLowerInvariant())
        {
            var keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep)
                slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '_')
                slug.Append('_');
        }
        var name = slug.ToString().TrimEnd('_');
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
            name = "m_" + name;
        if (name.Length > 40)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelId)))[..8];
            name = name[..31].TrimEnd('_') + "_" + hash;
        }
        return VectorCollection.Validate(name);
    }
}
