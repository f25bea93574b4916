namespace BoligSocialt.App.Features.Cases;

/// <summary>
/// Runs one change of the case on the version the page shows. False when it was refused: the page then shows the
/// Danish message and the reloaded case, and the form keeps what the user typed.
/// </summary>
public delegate Task<bool> CaseStep(Func<int, Task> change);

public static class PickedDate
{
    /// <summary>A date picker's value (MudBlazor pickers work in DateTime) as the date the services take.</summary>
    public static DateOnly? AsDate(this DateTime? picked) => picked is { } d ? DateOnly.FromDateTime(d) : null;
}
