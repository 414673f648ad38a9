using System.Text;

namespace Noa.Stages.Integrator.Output;

/// <summary>Writes source text line by line with indentation blocks, so generators never concatenate indents by hand.</summary>
internal sealed class CodeWriter(string indentUnit = "    ")
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
            for (var i = 0; i < _depth; i++)
                _text.Append(indentUnit);
        _text.Append(text).Append('\n');
        return this;
    }

    public CodeWriter Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            Line(line);
        return this;
    }

    /// <summary>Indents what is written until the returned scope is disposed.</summary>
    public IDisposable Indent()
    {
        _depth++;
        return new Scope(this);
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope(CodeWriter writer) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
                writer._depth--;
            _done = true;
        }
    }
}
