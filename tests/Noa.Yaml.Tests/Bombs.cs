using System.Text;

namespace Noa.Yaml.Tests;

/// <summary>The YAML bombs of the guard's tests, built in memory.</summary>
internal static class Bombs
{
    /// <summary>The classic "billion laughs": nine levels of nine aliases each, 10^9 strings in a few hundred bytes.</summary>
    public static string BillionLaughs()
    {
        var yaml = new StringBuilder("lol0: &l0 [\"lol\"]\n");
        for (var level = 1; level <= 9; level++)
            yaml.Append($"lol{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        return yaml.ToString();
    }

    /// <summary><paramref name="depth"/> nested collections: flow sequences (<c>[[[…]]]</c>), block sequences (<c>- - - x</c>)
    /// or flow mappings (<c>{a: {a: …}}</c>).</summary>
    public static string Deep(string shape, int depth) => shape switch
    {
        "flow" => new string('[', depth) + new string(']', depth),
        "block" => string.Concat(Enumerable.Repeat("- ", depth)) + "x\n",
        "mapping" => string.Concat(Enumerable.Repeat("{a: ", depth)) + "x" + new string('}', depth),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>A document of one key whose value is a scalar of <paramref name="length"/> characters.</summary>
    public static string LongScalar(string style, int length) => style switch
    {
        "plain" => "k: " + new string('x', length) + "\n",
        "quoted" => "k: \"" + new string('x', length) + "\"\n",
        "literal" => "k: |\n" + string.Concat(Enumerable.Repeat("  " + new string('x', 99) + "\n", length / 100)),
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };
}
