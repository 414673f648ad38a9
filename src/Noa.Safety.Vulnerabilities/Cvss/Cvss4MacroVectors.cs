namespace Noa.Safety.Vulnerabilities.Cvss;

/// <summary>The data of the FIRST CVSS v4.0 specification's scoring (§8, and the reference calculator it names): the
/// score of each of the 270 MacroVectors, the highest-severity vectors of each equivalence class, and each class's depth
/// (the largest severity distance inside it, plus one).</summary>
internal static class Cvss4MacroVectors
{
    /// <summary>MacroVector "EQ1 EQ2 EQ3 EQ4 EQ5 EQ6" → score.</summary>
    public static readonly IReadOnlyDictionary<string, double> Scores = Expand();

    /// <summary>The highest-severity metric values of each level of EQ1, EQ2, EQ4 and EQ5, as "metric:value/…" parts.</summary>
    public static readonly string[][] Eq1Highest = [["AV:N/PR:N/UI:N"], ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"], ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"]];

    public static readonly string[][] Eq2Highest = [["AC:L/AT:N"], ["AC:H/AT:N", "AC:L/AT:P"]];

    public static readonly string[][] Eq4Highest = [["SC:H/SI:S/SA:S"], ["SC:H/SI:H/SA:H"], ["SC:L/SI:L/SA:L"]];

    public static readonly string[][] Eq5Highest = [["E:A"], ["E:P"], ["E:U"]];

    /// <summary>EQ3 and EQ6 are scored jointly: [EQ3][EQ6] (EQ3 = 2 only exists with EQ6 = 1).</summary>
    public static readonly string[][][] Eq3Eq6Highest =
    [
        [["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"], ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"]],
        [
            ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"],
            ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"],
        ],
        [[], ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"]],
    ];

    /// <summary>Depths, in tenths of severity distance: EQ1 [level], EQ2 [level], EQ3+EQ6 [EQ3][EQ6], EQ4 [level].</summary>
    public static readonly int[] Eq1Depth = [1, 4, 5];

    public static readonly int[] Eq2Depth = [1, 2];

    public static readonly int[][] Eq3Eq6Depth = [[7, 6], [8, 8], [0, 10]];

    public static readonly int[] Eq4Depth = [6, 5, 4];

    // One row per EQ1 EQ2 EQ3 EQ4 prefix: the scores for EQ5 EQ6 = 00 01 10 11 20 21, or for EQ3 = 2 (where EQ6 is
    // always 1) EQ5 EQ6 = 01 11 21.
    private const string Table = """
        0000 10 9.9 9.8 9.5 9.5 9.2
        0001 10 9.6 9.3 8.7 9.1 8.1
        0002 9.3 9 8.9 8 8.1 6.8
        0010 9.8 9.5 9.5 9.2 9 8.4
        0011 9.3 9.2 8.9 8.1 8.1 6.5
        0012 8.8 8 7.8 7 6.9 4.8
        0020 9.2 8.2 7.2
        0021 7.9 6.9 5
        0022 6.9 5.5 2.7
        0100 9.9 9.7 9.5 9.2 9.2 8.5
        0101 9.5 9.1 9 8.3 8.4 7.1
        0102 9.2 8.1 8.2 7.1 7.2 5.3
        0110 9.5 9.3 9.2 8.5 8.5 7.3
        0111 9.2 8.2 8 7.2 7 5.9
        0112 8.4 7 7.1 5.2 5 3
        0120 8.6 7.5 5.2
        0121 7.1 5.2 2.9
        0122 6.3 2.9 1.7
        1000 9.8 9.5 9.4 8.7 9.1 8.1
        1001 9.4 8.9 8.6 7.4 7.7 6.4
        1002 8.7 7.5 7.4 6.3 6.3 4.9
        1010 9.4 8.9 8.8 7.7 7.6 6.7
        1011 8.6 7.6 7.4 5.8 5.9 5
        1012 7.2 5.7 5.7 5.2 5.2 2.5
        1020 8.3 7 5.4
        1021 6.5 5.8 2.6
        1022 5.3 2.1 1.3
        1100 9.5 9 8.8 7.6 7.6 7
        1101 9 7.7 7.5 6.2 6.1 5.3
        1102 7.7 6.6 6.8 5.9 5.2 3
        1110 8.9 7.8 7.6 6.7 6.2 5.8
        1111 7.4 5.9 5.7 5.7 4.7 2.3
        1112 6.1 5.2 5.7 2.9 2.4 1.6
        1120 7.1 5.9 3
        1121 5.8 2.6 1.5
        1122 2.3 1.3 0.6
        2000 9.3 8.7 8.6 7.2 7.5 5.8
        2001 8.6 7.4 7.4 6.1 5.6 3.4
        2002 7 5.4 5.2 4 4 2.2
        2010 8.5 7.5 7.4 5.5 6.2 5.1
        2011 7.2 5.7 5.5 4.1 4.6 1.9
        2012 5.3 3.6 3.4 1.9 1.9 0.8
        2020 6.4 5.1 2
        2021 4.7 2.1 1.1
        2022 2.4 0.9 0.4
        2100 8.8 7.5 7.3 5.3 6 5
        2101 7.3 5.5 5.9 4 4.1 2
        2102 5.4 4.3 4.5 2.2 2 1.1
        2110 7.5 5.5 5.8 4.5 4 2.1
        2111 6.1 5.1 4.8 1.8 2 0.9
        2112 4.6 1.8 1.7 0.7 0.8 0.2
        2120 5.3 2.4 1.4
        2121 2.4 1.2 0.5
        2122 1 0.3 0.1
        """;

    private static Dictionary<string, double> Expand()
    {
        string[] full = ["00", "01", "10", "11", "20", "21"], eq3Two = ["01", "11", "21"];
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = line.Split(' ');
            var suffixes = cells.Length == 7 ? full : eq3Two;
            for (var i = 0; i < suffixes.Length; i++)
            {
                scores.Add(cells[0] + suffixes[i], double.Parse(cells[i + 1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return scores;
    }
}
