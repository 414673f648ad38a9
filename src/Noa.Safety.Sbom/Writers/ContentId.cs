using System.Security.Cryptography;
using System.Text;

namespace Noa.Safety.Sbom.Writers;

/// <summary>A name-based UUID (RFC 9562 v8 layout over SHA-256) of everything an SBOM says, so equal inputs give equal documents.</summary>
internal static class ContentId
{
    public static Guid Of(Sbom sbom)
    {
        var text = new StringBuilder(sbom.ProjectName).Append('\n');
        foreach (var c in sbom.Components)
        {
            text.Append(c.Purl).Append('|').Append(c.Scope).Append('|').Append(c.Direct).Append('|').Append(c.Requirement)
                .Append('|').Append(c.License?.Text).Append('|').AppendJoin(',', c.Hashes.Select(h => $"{h.Algorithm}:{h.Value}"))
                .Append('|').Append(c.SourcePath).Append('|').AppendJoin(',', c.Sources).Append('\n');
        }
        foreach (var d in sbom.Dependencies)
        {
            text.Append(d.Ref).Append("->").AppendJoin(',', d.DependsOn).Append('\n');
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
