using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace BoligSocialt.Tests.Security;

/// <summary>
/// Blazor Server receives what is typed over the circuit, whose messages are at most 32 KB (SignalR's default, kept in
/// Program.cs): a text pasted into a field without a limit can exceed it and break the page. Every text field of the app
/// therefore stops at a maximum length, well below that, and the service refuses longer text in Danish.
/// </summary>
public sealed partial class TextFieldLengthTests
{
    [GeneratedRegex(@"<(MudTextField|MudAutocomplete|InputText|InputTextArea|textarea|input)\b(?:=>|[^>])*>", RegexOptions.Singleline)]
    private static partial Regex TextField();

    private static string AppFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "BoligSocialt.App"));

    [Fact]
    public void Every_text_field_has_a_maximum_length()
    {
        var files = Directory.GetFiles(AppFolder(), "*.razor", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var fields = files.SelectMany(f => TextField().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Tag: m.Value))).ToList();
        Assert.True(fields.Count > 20, $"only {fields.Count} text fields found");
        var unlimited = fields
            .Where(f => !f.Tag.Contains("MaxLength=", StringComparison.Ordinal) && !f.Tag.Contains("maxlength=", StringComparison.Ordinal))
            .Where(f => !Regex.IsMatch(f.Tag, @"type=""(hidden|checkbox|radio|file|date|submit)""|InputType=""InputType\.(Date|Number)"""))
            .Select(f => $"{f.File}: {Regex.Replace(f.Tag, @"\s+", " ")[..Math.Min(120, Regex.Replace(f.Tag, @"\s+", " ").Length)]}")
            .ToList();
        Assert.True(unlimited.Count == 0, "Text fields without MaxLength:\n" + string.Join("\n", unlimited));
    }
}
