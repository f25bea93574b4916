using BoligSocialt.App.Data;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Referrals;

/// <summary>What happened to a referral: ids only, so that no personal data travels with the notice.</summary>
public sealed record ReferralChange(Guid ReferralId, int TeamId, Guid? AllocatedToId);

/// <summary>
/// Tells open pages (the allocation board, a staff member's start page) that a referral arrived, was allocated,
/// accepted or declined, so they reload without the user doing anything. Pages of this app instance hear it at once;
/// other instances on the same database hear it from the notice saved with the change (<see cref="ReferralNoticeRelay"/>).
/// </summary>
public sealed class ReferralEvents
{
    /// <summary>This app instance, so that the relay does not repeat its own notices.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    public event Action<ReferralChange>? Changed;

    /// <summary>Adds the notice for the other instances to the save in progress: it exists exactly when the change does.</summary>
    public void Record(AppDbContext db, ReferralChange change) =>
        db.ReferralNotices.Add(new ReferralNotice(Instance, change.ReferralId, change.TeamId, change.AllocatedToId, DateTime.UtcNow));

    public void Publish(ReferralChange change) => Changed?.Invoke(change);
}

/// <summary>
/// Passes the referral changes saved by other app instances to this instance's pages, a second at most after they
/// were saved, and removes notices old enough that every instance has seen them.
/// </summary>
public sealed class ReferralNoticeRelay(IDbContextFactory<AppDbContext> factory, ReferralEvents events, TimeProvider clock, ILogger<ReferralNoticeRelay> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);
    private long _seen = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RelayAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be migrating or briefly unavailable; the next tick tries again.
                logger.LogWarning(e, "Henvisningsbeskeder fra andre instanser kunne ikke læses");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Publishes the notices of other instances saved since the last call; the first call only marks where to start.</summary>
    public async Task RelayAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (_seen < 0)
        {
            _seen = await db.ReferralNotices.MaxAsync(n => (long?)n.Id, ct) ?? 0;
            return;
        }
        var notices = await db.ReferralNotices.AsNoTracking().Where(n => n.Id > _seen).OrderBy(n => n.Id).ToListAsync(ct);
        foreach (var notice in notices)
        {
            _seen = notice.Id;
            if (notice.Instance != events.Instance)
                events.Publish(new ReferralChange(notice.ReferralId, notice.TeamId, notice.AllocatedToId));
        }
        var expired = clock.GetUtcNow().UtcDateTime - KeptFor;
        await db.ReferralNotices.Where(n => n.SavedAtUtc < expired).ExecuteDeleteAsync(ct);
    }
}
