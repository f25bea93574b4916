using System.Globalization;
using System.Text;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.App.Features.Referrals;
using BoligSocialt.App.Features.Retention;

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
        new("bench", "måler fordelingstavlen og søgningen ved indtag på en midlertidig database med testdata", null,
            [
                new NumberOption("--runs", "antal målte indlæsninger af fordelingstavlen", 20, 1, 1_000),
                new NumberOption("--residents", "antal beboere i databasen", ReferralBenchmark.DefaultResidents, 100, 1_000_000),
            ],
            (given, output, _) => ReferralBenchmark.RunAsync(given.Number("--runs"), given.Number("--residents"), output)),
        new("bench-case", "måler forløbssiden med en lang tidslinje på en midlertidig database med testdata", null,
            [
                new NumberOption("--runs", "antal målte indlæsninger og gengivelser af siden", 20, 1, 1_000),
                new NumberOption("--entries", "antal indførsler i forløbets tidslinje", CasePageBenchmark.DefaultEntries, 1, 10_000),
            ],
            (given, output, _) => CasePageBenchmark.RunAsync(given.Number("--runs"), given.Number("--entries"), output)),
        new("bench-measure", "måler leverancemålingen for et kvartal på en midlertidig database med fire års logbog og importen af en gammel logbog", null,
            [
                new NumberOption("--runs", "antal målte kørsler af målingen og af den håndskrevne forespørgsel", 10, 1, 1_000),
                new NumberOption("--residents", "antal beboere i databasen", MeasurementBenchmark.DefaultResidents, 100, 1_000_000),
                new NumberOption("--entries", "antal logbogsindførsler i databasen", MeasurementBenchmark.DefaultEntries, 1, 10_000_000),
                new NumberOption("--lines", "antal linjer i den gamle logbog, der importeres", MeasurementBenchmark.DefaultLines, 1, 1_000_000),
                new NumberOption("--import-runs", "antal målte importer, hver i en ny database", MeasurementBenchmark.DefaultImportRuns, 1, 20),
                new TextOption("--provider", "databasen, der måles på (standard: Sqlite, midlertidige filer)", "<navn>", Allowed: ["Sqlite", "Postgres"]),
                new TextOption(TextOption.Database, "med --provider Postgres: forbindelsen til PostgreSQL-serveren, hvor de midlertidige databaser laves og slettes", "<forbindelse>"),
            ],
            (given, output, _) => MeasurementBenchmark.RunAsync(given.Number("--runs"), given.Number("--residents"), given.Number("--entries"),
                given.Number("--lines"), given.Number("--import-runs"), MeasurementBenchmark.Provider(given.Text("--provider")), given.Text(TextOption.Database), output)),
        new("measure", "skriver et kvartals leverancemåling som json (docs/MEASUREMENT_EXPORT.md), csv eller xlsx", null,
            [
                new NumberOption("--year", "året", 0, MeasurementExport.MinYear, MeasurementExport.MaxYear, Required: true),
                new NumberOption("--quarter", "kvartalet", 0, 1, 4, Required: true),
                new TextOption("--format", "filformatet", "<format>", Required: true, Allowed: ["json", "csv", "xlsx"]),
                new TextOption("--output", "filen, der skrives (uden: standardoutput; xlsx skal have en fil)", "<fil>"),
                TextOption.DatabaseOption,
            ],
            (given, output, _) => MeasurementExportCommand.RunAsync(given.Number("--year"), given.Number("--quarter"), given.Text("--format")!,
                given.Text("--output"), given.Text(TextOption.Database), output)),
        new("import-logbook", "importerer en gammel logbog (CSV-fil, se docs/IMPORT_FORMAT.md): alt eller intet", "<fil.csv>",
            [TextOption.DatabaseOption],
            (given, output, error) => LogbookImportCommand.RunAsync(given.File, given.Text(TextOption.Database), output, error)),
        new("export-logbook", "skriver hele organisationens logbog for en periode i importens format", null,
            [
                new TextOption("--from", "periodens første dag", "<åååå-mm-dd>", Required: true),
                new TextOption("--to", "periodens sidste dag", "<åååå-mm-dd>", Required: true),
                new TextOption("--activity", "kun denne aktivitet (koden, fx BMJ)", "<kode>"),
                new TextOption("--output", "filen, der skrives (standard: standard-output)", "<fil.csv>"),
                TextOption.DatabaseOption,
            ],
            (given, output, _) => LogbookExportCommand.RunAsync(given.Text("--from")!, given.Text("--to")!, given.Text("--activity"),
                given.Text("--output"), given.Text(TextOption.Database), output)),
        new("retention", "anonymiserer beboere efter opbevaringsreglen (med --dry-run: viser kun antallet, der ville blive anonymiseret)", null,
            [FlagOption.DryRun, TextOption.DatabaseOption],
            (given, output, _) => RetentionCommand.RunAsync(given.Flag(FlagOption.DryRun.Name), given.Text(TextOption.Database), output)),
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
        if (!TryParse(verb, given, out var arguments, out var problem)) return Refuse(error, problem, verb.Usage());
        try
        {
            return await verb.RunAsync(arguments, output, error);
        }
        catch (CommandLineException e)
        {
            return Refuse(error, e.Message, verb.Usage());
        }
        catch (StartupException e)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }
    }

    private static bool TryParse(Verb verb, List<string> given, out VerbArguments arguments, out string problem)
    {
        var values = new Dictionary<string, string>();
        string? file = null;
        problem = "";
        for (var i = 0; i < given.Count && problem.Length == 0; i++)
        {
            if (!given[i].StartsWith("--", StringComparison.Ordinal) && verb.File is not null && file is null)
            {
                file = given[i];
                continue;
            }
            var option = verb.Options.SingleOrDefault(o => o.Name == given[i]);
            if (option is null)
                problem = given[i].StartsWith("--", StringComparison.Ordinal) ? $"Ukendt tilvalg '{given[i]}' til {verb.Name}." : $"Uventet '{given[i]}' til {verb.Name}.";
            else if (values.ContainsKey(option.Name))
                problem = $"{option.Name} er angivet mere end én gang.";
            else if (option is FlagOption)
                values[option.Name] = "";
            else if (i + 1 >= given.Count)
                problem = $"{option.Name} mangler {option.Expects}.";
            else if (option.Check(given[i + 1]) is { } wrong)
                problem = wrong;
            else
                values[option.Name] = given[++i];
        }
        if (problem.Length == 0 && verb.File is not null && file is null) problem = $"{verb.Name} mangler {verb.File}.";
        if (problem.Length == 0 && verb.Options.FirstOrDefault(o => o.Required && !values.ContainsKey(o.Name)) is { } missing)
            problem = $"{missing.Name} skal angives.";
        arguments = new VerbArguments(file, values, verb.Options);
        return problem.Length == 0;
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
        foreach (var verb in Verbs) text.AppendLine($"  {verb.Name,-15} {verb.Meaning}");
        text.AppendLine($"Skriv '{Executable} <kommando> --help' for kommandoens tilvalg.");
        return text.ToString();
    }

    private sealed record Verb(string Name, string Meaning, string? File, IReadOnlyList<Option> Options,
        Func<VerbArguments, TextWriter, TextWriter, Task<int>> RunAsync)
    {
        public string Usage()
        {
            var text = new StringBuilder();
            text.AppendLine($"Brug: {Executable} {Name}{(File is null ? "" : $" {File}")} [tilvalg]");
            text.AppendLine($"{char.ToUpper(Meaning[0], CultureInfo.InvariantCulture)}{Meaning[1..]}.");
            foreach (var option in Options) text.AppendLine($"  {option.Name + " " + option.Placeholder,-24} {option.Help}");
            return text.ToString();
        }
    }
}

/// <summary>A problem with what the user asked for, found while running a verb: exit 1 with the message and the usage.</summary>
public sealed class CommandLineException(string message) : Exception(message);

/// <summary>An option of a verb: its name, what it expects, and the check of a given value (a Danish problem, or null).</summary>
internal abstract record Option(string Name, string Meaning, string Placeholder, bool Required)
{
    public abstract string Expects { get; }
    public abstract string Help { get; }
    public abstract string? Check(string value);
}

/// <summary>A whole number from <paramref name="Min"/> to <paramref name="Max"/>; <paramref name="Default"/> when not given (unless it is Required).</summary>
internal sealed record NumberOption(string Name, string Meaning, int Default, int Min, int Max, bool Required = false) : Option(Name, Meaning, "N", Required)
{
    public override string Expects => "et tal";
    public override string Help => Required ? $"{Meaning} ({Min}-{Max}, skal angives)" : $"{Meaning} ({Min}-{Max}, standard {Default})";

    public override string? Check(string value) => Parse(value) is null
        ? $"{Name} skal være et helt tal fra {Min} til {Max}, ikke '{value}'."
        : null;

    public int? Parse(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= Min && number <= Max ? number : null;
}

/// <summary>An option without a value: given, or not.</summary>
internal sealed record FlagOption(string Name, string Meaning) : Option(Name, Meaning, "", false)
{
    public static FlagOption DryRun => new("--dry-run", "viser kun, hvad der ville ske; intet ændres");

    public override string Expects => "ingen værdi";
    public override string Help => Meaning;

    public override string? Check(string value) => null;
}

/// <summary>A text option; with <paramref name="Allowed"/> it takes one of those words.</summary>
internal sealed record TextOption(string Name, string Meaning, string Placeholder, bool Required = false, IReadOnlyList<string>? Allowed = null)
    : Option(Name, Meaning, Placeholder, Required)
{
    public const string Database = "--database";

    /// <summary>The web app's database unless another is named: the verbs work on the same data as the web app.</summary>
    public static TextOption DatabaseOption => new(Database, "databasen: en sti til en SQLite-fil eller en forbindelsesstreng (standard: webappens, fra appsettings.json)", "<sti>");

    public override string Expects => Allowed is null ? "en værdi" : $"en af {string.Join(", ", Allowed)}";
    public override string Help => Allowed is null ? Meaning : $"{Meaning} ({string.Join(" | ", Allowed)})";

    public override string? Check(string value) => Allowed is null || Allowed.Contains(value, StringComparer.OrdinalIgnoreCase)
        ? (value.Trim().Length == 0 ? $"{Name} må ikke være tom." : null)
        : $"{Name} skal være en af {string.Join(", ", Allowed)}, ikke '{value}'.";
}

/// <summary>What a verb was given: its file (if it takes one) and its options, already checked.</summary>
internal sealed class VerbArguments(string? file, IReadOnlyDictionary<string, string> values, IReadOnlyList<Option> options)
{
    public string File => file ?? throw new InvalidOperationException("The verb takes no file.");

    public int Number(string name)
    {
        var option = options.OfType<NumberOption>().Single(o => o.Name == name);
        return values.TryGetValue(name, out var value) ? option.Parse(value)!.Value : option.Default;
    }

    public string? Text(string name) => values.GetValueOrDefault(name);

    public bool Flag(string name) => values.ContainsKey(name);
}
