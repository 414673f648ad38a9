namespace Noa.Stages.Graph.Repository;

/// <summary>A command line a repository documents or runs.</summary>
/// <param name="File">Where it is written.</param>
/// <param name="Line">Its line there (1-based).</param>
/// <param name="Cwd">The folder it runs in, relative to the root ("" = the root): the README's folder (after any
/// <c>cd</c> earlier in the same block), the Makefile's, the package's, a CI step's <c>working-directory</c>.</param>
/// <param name="Text">The command, one line, prompts and continuations removed.</param>
/// <param name="Source">readme, makefile, justfile, package.json, procfile, dockerfile, compose, ci, tox, nox, flaskenv, uwsgi.</param>
/// <param name="Name">The Makefile target, npm script, Procfile process, compose service or CI job it belongs to.</param>
internal sealed record CommandLine(string File, int Line, string Cwd, string Text, string Source, string? Name = null)
{
    /// <summary>The command's words, shell quotes removed (a rough split: enough to read a tool and its arguments).</summary>
    public IReadOnlyList<string> Words { get; } = Split(Text);

    /// <summary>"file:line".</summary>
    public string Where => $"{File}:{Line}";

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
