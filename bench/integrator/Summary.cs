/// <summary>Totals over the corpus per language, ours beside Kiota's: documents whose SDK passes its check, operations
/// with a method, lines and generation time.</summary>
internal sealed class Summary
{
    private readonly Dictionary<string, Totals> ours = [];
    private readonly Dictionary<string, Totals> kiota = [];
    private int documents;
    private int operations;

    public int Refused { get; set; }

    private sealed class Totals
    {
        public int Pass;
        public int Documents;
        public int Operations;
        public long Lines;
        public double Seconds;
    }

    public void AddOurs(int specOperations, double read, IEnumerable<(string Language, double Seconds, int Lines, string Verdict)> languages)
    {
        documents++;
        operations += specOperations;
        foreach (var (language, seconds, lines, verdict) in languages)
        {
            var t = Get(ours, language);
            t.Documents++;
            t.Pass += verdict.StartsWith("pass", StringComparison.Ordinal) ? 1 : 0;
            t.Operations += specOperations; // every operation of the model gets a method (GenerateTests checks it)
            t.Lines += lines;
            t.Seconds += read + seconds;
        }
    }

    public void AddKiota(KiotaColumn.Result result)
    {
        var t = Get(kiota, result.Language);
        t.Documents++;
        t.Pass += result.Compiles ? 1 : 0;
        t.Operations += result.Operations;
        t.Lines += result.Lines;
        t.Seconds += result.GenerateSeconds;
    }

    public void Print(TextWriter w, bool withKiota)
    {
        w.WriteLine($"{documents} documents read ({Refused} refused), {operations:N0} operations in them.");
        w.WriteLine();
        w.WriteLine("| language | generator | documents checked | pass | operations with a method | lines | read + generate (s, total) |");
        w.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var language in KiotaColumn.Languages)
        {
            Row(w, language, "noa", ours);
            if (withKiota)
                Row(w, language, "Kiota 1.38.0", kiota);
        }
    }

    private static void Row(TextWriter w, string language, string generator, Dictionary<string, Totals> totals)
    {
        var t = Get(totals, language);
        w.WriteLine($"| {language} | {generator} | {t.Documents} | {t.Pass} | {t.Operations:N0} | {t.Lines:N0} | {t.Seconds:F1} |");
    }

    private static Totals Get(Dictionary<string, Totals> totals, string language) =>
        totals.TryGetValue(language, out var t) ? t : totals[language] = new Totals();
}
