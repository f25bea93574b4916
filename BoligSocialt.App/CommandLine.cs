using System.Globalization;
using System.Text;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.App.Features.Referrals;

namespace BoligSocialt.App;

/// <summary>
/// The executable's verbs: jobs run from the command line instead of serving the web app. A verb names itself, its
/// options and what it runs; the later verbs (import-logbook, measure, retention) join <see cref="Verbs"/>.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int BadInput = 1;

    private const string Executable = "BoligSocialt.App";

    private static readonly IReadOnlyList<Verb> Verbs =
    [
        new("bench", "måler fordelingstavlen og søgningen ved indtag på en midlertidig database med testdata",
            [
                new("--runs", "antal målte indlæsninger af fordelingstavlen", 20, 1, 1_000),
                new("--residents", "antal beboere i databasen", ReferralBenchmark.DefaultResidents, 100, 1_000_000),
            ],
            (options, output) => ReferralBenchmark.RunAsync(options["--runs"], options["--residents"], output)),
        new("bench-case", "måler forløbssiden med en lang tidslinje på en midlertidig database med testdata",
            [
                new("--runs", "antal målte indlæsninger og gengivelser af siden", 20, 1, 1_000),
                new("--entries", "antal indførsler i forløbets tidslinje", CasePageBenchmark.DefaultEntries, 1, 10_000),
            ],
            (options, output) => CasePageBenchmark.RunAsync(options["--runs"], options["--entries"], output)),
    ];

    /// <summary>
    /// A first argument that is a bare word names a verb (a known one or a typing error); anything else, such as
    /// <c>--urls …</c> or <c>key=value</c>, is configuration for the web app.
    /// </summary>
    public static bool NamesVerb(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0].Length > 0 && args[0][0] is not ('-' or '/') && !args[0].Contains('=');

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var verb = Verbs.SingleOrDefault(v => v.Name == args[0]);
        if (verb is null) return Refuse(error, $"Ukendt kommando '{args[0]}'.", Usage());

        var given = args.Skip(1).ToList();
        if (given.Any(a => a is "--help" or "-h"))
        {
            await output.WriteAsync(verb.Usage());
            return Success;
        }
        return TryParse(verb, given, out var options, out var problem)
            ? await verb.RunAsync(options, output)
            : Refuse(error, problem, verb.Usage());
    }

    private static bool TryParse(Verb verb, List<string> given, out Dictionary<string, int> options, out string problem)
    {
        options = [];
        problem = "";
        for (var i = 0; i < given.Count; i += 2)
        {
            var option = verb.Options.SingleOrDefault(o => o.Name == given[i]);
            if (option is null)
                problem = $"Ukendt tilvalg '{given[i]}' til {verb.Name}.";
            else if (options.ContainsKey(option.Name))
                problem = $"{option.Name} er angivet mere end én gang.";
            else if (i + 1 >= given.Count)
                problem = $"{option.Name} mangler et tal.";
            else if (!int.TryParse(given[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < option.Min || value > option.Max)
                problem = $"{option.Name} skal være et helt tal fra {option.Min} til {option.Max}, ikke '{given[i + 1]}'.";
            else
                options[option.Name] = value;
            if (problem.Length > 0) return false;
        }
        foreach (var option in verb.Options) options.TryAdd(option.Name, option.Default);
        return true;
    }

    private static int Refuse(TextWriter error, string problem, string usage)
    {
        error.WriteLine(problem);
        error.WriteLine();
        error.Write(usage);
        return BadInput;
    }

    private static string Usage()
    {
        var text = new StringBuilder();
        text.AppendLine($"Brug: {Executable} [kommando [tilvalg]]");
        text.AppendLine("Uden kommando kører webappen. Kommandoer:");
        foreach (var verb in Verbs) text.AppendLine($"  {verb.Name,-12} {verb.Meaning}");
        text.AppendLine($"Skriv '{Executable} <kommando> --help' for kommandoens tilvalg.");
        return text.ToString();
    }

    private sealed record NumberOption(string Name, string Meaning, int Default, int Min, int Max);

    private sealed record Verb(string Name, string Meaning, IReadOnlyList<NumberOption> Options,
        Func<IReadOnlyDictionary<string, int>, TextWriter, Task<int>> RunAsync)
    {
        public string Usage()
        {
            var text = new StringBuilder();
            text.AppendLine($"Brug: {Executable} {Name} [tilvalg]");
            text.AppendLine($"{char.ToUpper(Meaning[0], CultureInfo.InvariantCulture)}{Meaning[1..]}.");
            foreach (var option in Options)
                text.AppendLine($"  {option.Name + " N",-16} {option.Meaning} ({option.Min}-{option.Max}, standard {option.Default})");
            return text.ToString();
        }
    }
}
