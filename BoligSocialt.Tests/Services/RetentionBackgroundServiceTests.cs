using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Retention;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BoligSocialt.Tests.Services;

/// <summary>The app's daily run, driven by a clock the test moves: shortly after start, then once a day.</summary>
public sealed class RetentionBackgroundServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 3, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Runs_shortly_after_start_and_then_every_day()
    {
        var mentor = await _database.AddStaffAsync("Mette Mentor", StaffRoles.Mentor, "Team1");
        await RetentionScenario.FormerResidentAsync(_database, mentor.StaffMemberId, "Amina Hussein");
        var clock = new ManualClock(Start);
        await using var services = new ServiceCollection()
            .AddSingleton<IDbContextFactory<AppDbContext>>(_database)
            .AddSingleton<TimeProvider>(clock)
            .AddLogging()
            .AddScoped<RetentionService>()
            .BuildServiceProvider();
        using var background = new RetentionBackgroundService(services.GetRequiredService<IServiceScopeFactory>(), clock,
            NullLogger<RetentionBackgroundService>.Instance);

        await background.StartAsync(CancellationToken.None);
        await clock.WaitForTimerAsync();
        Assert.Null(await LastRunAsync());

        clock.Advance(RetentionBackgroundService.FirstRunAfter);
        await clock.WaitForTimerAsync();
        var first = Start + RetentionBackgroundService.FirstRunAfter;
        Assert.Equal((first, 1), await LastRunAsync());

        // The next run waits for a whole day: a little less moves nothing.
        await RetentionScenario.FormerResidentAsync(_database, mentor.StaffMemberId, "Fatima Omar");
        clock.Advance(RetentionBackgroundService.Interval - TimeSpan.FromMinutes(1));
        Assert.Equal((first, 1), await LastRunAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        await clock.WaitForTimerAsync();
        Assert.Equal((first + RetentionBackgroundService.Interval, 1), await LastRunAsync());

        await background.StopAsync(CancellationToken.None);
    }

    private async Task<(DateTimeOffset, int)?> LastRunAsync()
    {
        await using var db = _database.CreateDbContext();
        var schedule = await db.RetentionSchedules.AsNoTracking().SingleAsync();
        return schedule.LastRunAt is { } at ? (at, schedule.LastRunResidents!.Value) : null;
    }

    /// <summary>A clock that moves only when told; its timers fire when it passes their time.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock _lock = new();
        private readonly List<ManualTimer> _timers = [];
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_lock) return _now;
        }

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            List<ManualTimer> due;
            lock (_lock)
            {
                _now += by;
                due = _timers.Where(t => t.DueAt <= _now).ToList();
                foreach (var timer in due) _timers.Remove(timer);
            }
            foreach (var timer in due) timer.Fire();
        }

        /// <summary>Until the service waits on the clock again (its run, if any, is then done). Gives up after 30 s.</summary>
        public async Task WaitForTimerAsync()
        {
            for (var waited = 0; waited < 3_000; waited++)
            {
                lock (_lock)
                    if (_timers.Count > 0) return;
                await Task.Delay(10);
            }
            throw new TimeoutException("The service never waited on the clock.");
        }

        private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset DueAt { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock._lock)
                {
                    clock._timers.Remove(this);
                    if (dueTime == Timeout.InfiniteTimeSpan) return true;
                    DueAt = clock._now + dueTime;
                    clock._timers.Add(this);
                }
                return true;
            }

            public void Fire() => callback(state);

            public void Dispose()
            {
                lock (clock._lock) clock._timers.Remove(this);
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
