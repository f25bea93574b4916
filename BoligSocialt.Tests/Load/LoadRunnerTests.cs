namespace BoligSocialt.Tests.Load;

/// <summary>
/// The load runner itself, small: two tablets for a few seconds against the app in a process of its own. Every save
/// must show in the page without an error and be exactly one row in the database. Nothing about time is asserted.
/// </summary>
public sealed class LoadRunnerTests
{
    [Fact]
    public async Task Two_tablets_save_follow_ups_without_errors_and_every_confirmed_save_is_one_row()
    {
        var result = await LoadRunner.RunAsync(new LoadOptions(2, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)), _ => { });

        Assert.Empty(result.Errors);
        Assert.All(result.Tablets, t => Assert.True(t.ConfirmedSaves > 0, $"tablet {t.Number} saved nothing"));
        Assert.All(result.Tablets, t => Assert.Equal(t.ConfirmedSaves, t.Rows));
        Assert.Equal(result.ConfirmedSaves - result.Tablets[0].ConfirmedSaves, result.LatencyMs.Count);
        Assert.True(result.Opened.Heap > 0 && result.AfterRun.WorkingSet > 0, "the app's memory was not measured");
    }
}
