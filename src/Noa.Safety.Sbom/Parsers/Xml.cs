using System.Xml;
using System.Xml.Linq;

namespace Noa.Safety.Sbom.Parsers;

/// <summary>XML from an untrusted snapshot: no DTDs (so no entity expansion or external fetches).</summary>
internal static class Xml
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        return XDocument.Load(reader);
    }
}
