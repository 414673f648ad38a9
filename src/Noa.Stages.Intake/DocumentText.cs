using System.Text;

namespace Noa.Stages.Intake;

/// <summary>Reads a document (OpenAPI or model list) as text within <see cref="IntakeOptions.MaxDocumentBytes"/>.</summary>
internal static class DocumentText
{
    public static Checked<string> Read(string file, string name, IntakeOptions options)
    {
        var length = new FileInfo(file).Length;
        if (length > options.MaxDocumentBytes)
        {
            return Checked<string>.Refuse($"the document '{name}' is {length} bytes, more than {options.MaxDocumentBytes} (limit MaxDocumentBytes)");
        }
        try
        {
            return File.ReadAllText(file, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            return Checked<string>.Refuse($"the document '{name}' is not UTF-8 text");
        }
    }

    /// <summary>JSON starts with an object; anything else is read as YAML (of which JSON is a subset anyway).</summary>
    public static bool LooksLikeJson(string text) => text.AsSpan().TrimStart().TrimStart('\uFEFF').StartsWith("{");
}
