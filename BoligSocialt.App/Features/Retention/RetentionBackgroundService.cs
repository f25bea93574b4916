namespace BoligSocialt.App.Features.Retention;

/// <summary>
/// Runs the retention schedule in the web app: shortly after start, then once a day, on the app's
/// <see cref="TimeProvider"/> (tests drive it with their own). Two instances of the app may both run it: the runs wait
/// for each other (<see cref="RetentionService"/>), and the later finds nobody left. A failed run is logged and the next
/// day's run tries again.
/// </summary>
public sealed class RetentionBackgroundService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RetentionBackgroundService> logger)
    : BackgroundService
{
    public static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstRunAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RunOnceAsync(stoppingToken);
            wait = Interval;
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Retention run failed; the next run is in {Interval}", Interval);
        }
    }
}
