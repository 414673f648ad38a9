using System.Text;

namespace Noa.Embeddings.Tokens;

/// <summary>Whitespace handling shared by the token counter and the models.</summary>
public static class Whitespace
{
    /// <summary>
    /// Tabs, newlines and runs of spaces become one space, ends trimmed. MiniLM's tokenizer splits only on spaces
    /// and CRLF, so a word glued to a tab or a lone newline would otherwise become [UNK].
    /// </summary>
    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
