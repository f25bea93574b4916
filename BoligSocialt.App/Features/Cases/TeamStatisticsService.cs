using System.Globalization;
using System.Linq.Expressions;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Cases;

/// <summary>The figures of the leaders' page, in the order of its columns.</summary>
public enum TeamFigure
{
    OpenCases,
    FollowUpOverdue,
    WithoutFollowUp,
    ReferralToClosure,
    FollowUpsPerCase,
}

/// <param name="MedianDaysToClosure">Null when no case with a referral closed in the last 12 months.</param>
/// <param name="FollowUpsPerCaseMonth">Rounded to one decimal; null when no case was open in the quarter.</param>
public sealed record StaffStatistics(Guid Id, string Name, string Roles, int OpenCases, int FollowUpOverdue, int WithoutFollowUp,
    double? MedianDaysToClosure, double? FollowUpsPerCaseMonth)
{
    public string Display(TeamFigure figure) => figure switch
    {
        TeamFigure.OpenCases => OpenCases.ToString(CultureInfo.InvariantCulture),
        TeamFigure.FollowUpOverdue => FollowUpOverdue.ToString(CultureInfo.InvariantCulture),
        TeamFigure.WithoutFollowUp => WithoutFollowUp.ToString(CultureInfo.InvariantCulture),
        TeamFigure.ReferralToClosure => MedianDaysToClosure?.ToString("0.#", Danish) ?? "–",
        TeamFigure.FollowUpsPerCase => FollowUpsPerCaseMonth?.ToString("0.0", Danish) ?? "–",
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
}

/// <param name="Quarter">The last complete calendar quarter before today.</param>
/// <param name="ClosedAfter">Closures counted for the median are dated after this day (12 months before today).</param>
/// <param name="FollowUpIntervals">The distinct follow-up intervals (days) of the team's activities.</param>
public sealed record TeamStatistics(string Team, DateOnly Today, DateOnly QuarterStart, DateOnly QuarterEnd, DateOnly ClosedAfter,
    IReadOnlyList<int> FollowUpIntervals, IReadOnlyList<StaffStatistics> Staff)
{
    public string QuarterName => $"{(QuarterStart.Month - 1) / 3 + 1}. kvartal {QuarterStart.Year}";
}

/// <param name="Days">What the figure's list counts in days (see <see cref="TeamFigureText.DaysHeader"/>).</param>
/// <param name="Date">The date that matters for the figure (see <see cref="TeamFigureText.DateHeader"/>).</param>
/// <param name="Extra">A third figure for some lists (see <see cref="TeamFigureText.ExtraHeader"/>).</param>
public sealed record FigureCase(Guid Id, string Resident, string Activity, DateOnly OpenedOn, int Days, DateOnly? Date, int? Extra);

public sealed record FigureCases(Guid StaffId, string StaffName, TeamFigure Figure, IReadOnlyList<FigureCase> Cases);

/// <summary>The Danish header, help text and list columns of a figure.</summary>
public sealed record TeamFigureText(string Header, string Help, string DaysHeader, string DateHeader, string? ExtraHeader)
{
    public static TeamFigureText Of(TeamFigure figure) => figure switch
    {
        TeamFigure.OpenCases => new("Åbne forløb",
            "Forløb, medarbejderen er ansvarlig for, og som ikke er afsluttet.",
            "Dage åbent", "Næste opfølgning", null),
        TeamFigure.FollowUpOverdue => new("Opfølgning overskredet",
            "Åbne forløb, hvor den aftalte næste opfølgning ligger før i dag.",
            "Dage overskredet", "Aftalt opfølgning", null),
        TeamFigure.WithoutFollowUp => new("Ingen opfølgning i N dage",
            "Åbne forløb uden indførsel i forløbets logbog i mere end aktivitetens opfølgningsinterval (N dage), regnet fra seneste indførsel eller, uden indførsler, fra forløbets start.",
            "Dage siden", "Seneste indførsel (eller start)", "N (dage)"),
        TeamFigure.ReferralToClosure => new("Median dage fra henvisning til afslutning",
            "Forløb afsluttet inden for de seneste 12 måneder: dage fra henvisningen blev modtaget til afslutningen. Forløb uden henvisning tæller ikke med; – når der ingen er.",
            "Dage fra henvisning", "Afsluttet", null),
        TeamFigure.FollowUpsPerCase => new("Opfølgninger pr. forløb pr. måned",
            "Opfølgninger, samtaler, telefonopfølgninger, 3-partssamtaler og netværksmøder i logbogen for forløb, der var åbne i seneste hele kvartal, dateret i kvartalet, delt med antal af de forløb og med 3 måneder; – når der ingen forløb var.",
            "Dage åbent i kvartalet", "Seneste opfølgning i kvartalet", "Opfølgninger"),
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    /// <summary>The header of <see cref="TeamFigure.WithoutFollowUp"/> with N filled in when the team's activities share one interval.</summary>
    public static string HeaderFor(TeamFigure figure, IReadOnlyList<int> followUpIntervals) =>
        figure == TeamFigure.WithoutFollowUp && followUpIntervals is [var days] ? $"Ingen opfølgning i {days} dage" : Of(figure).Header;
}

/// <summary>
/// The leaders' figures per staff member of their team (teamets forløb). Staff: the team's active mentors and
/// counsellors. A staff member's cases: the cases of the team's activities (the access rule) they are responsible for.
/// </summary>
public sealed class TeamStatisticsService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<TeamStatistics> LoadAsync(CancellationToken ct = default)
    {
        var (actor, teamId) = await LeaderAsync();
        var period = Period.Of(clock.Today());
        await using var db = await factory.CreateDbContextAsync(ct);

        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).SingleAsync(ct);
        var intervals = await db.Activities.AsNoTracking().Where(a => a.FocusArea!.TeamId == teamId)
            .Select(a => a.FollowUpIntervalDays).Distinct().OrderBy(d => d).ToListAsync(ct);
        var facts = Facts(db, actor, period);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.TeamId == teamId && s.IsActive)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Roles,
                OpenCases = facts.Count(f => f.StaffId == s.Id && f.IsOpen),
                FollowUpOverdue = facts.Count(f => f.StaffId == s.Id && f.IsFollowUpOverdue),
                WithoutFollowUp = facts.Count(f => f.StaffId == s.Id && f.IsWithoutFollowUp),
                CasesInQuarter = facts.Count(f => f.StaffId == s.Id && f.WasOpenInQuarter),
                FollowUpsInQuarter = facts.Where(f => f.StaffId == s.Id && f.WasOpenInQuarter).Sum(f => f.FollowUpsInQuarter),
            })
            .ToListAsync(ct);
        // SQLite has no median: the few closures of a year are fetched and the median taken here.
        var closures = (await facts.Where(f => f.IsClosedWithReferralInYear)
                .Select(f => new { f.StaffId, ReceivedOn = f.ReceivedOn!.Value, ClosedOn = f.ClosedOn!.Value }).ToListAsync(ct))
            .ToLookup(f => f.StaffId, f => f.ClosedOn.DayNumber - f.ReceivedOn.DayNumber);

        var rows = staff.Where(s => IsCaseworker(s.Roles))
            .Select(s => new StaffStatistics(s.Id, s.Name, s.Roles.Danish(), s.OpenCases, s.FollowUpOverdue, s.WithoutFollowUp,
                Median(closures[s.Id].ToList()),
                s.CasesInQuarter == 0 ? null : Math.Round((double)s.FollowUpsInQuarter / s.CasesInQuarter / 3, 1, MidpointRounding.AwayFromZero)))
            .OrderBy(s => s.Name, DanishOrder.Names)
            .ToList();
        return new TeamStatistics(team, period.Today, period.QuarterStart, period.QuarterEnd, period.ClosedAfter, intervals, rows);
    }

    /// <summary>The cases behind one figure of one staff member: exactly those the figure counts.</summary>
    public async Task<FigureCases> CasesAsync(Guid staffId, TeamFigure figure, CancellationToken ct = default)
    {
        var (actor, teamId) = await LeaderAsync();
        if (!Enum.IsDefined(figure)) throw new DomainException("Vælg et af tallene i tabellen.");
        var period = Period.Of(clock.Today());
        await using var db = await factory.CreateDbContextAsync(ct);

        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.Id == staffId && s.TeamId == teamId && s.IsActive)
            .Select(s => new { s.Name, s.Roles }).SingleOrDefaultAsync(ct);
        if (staff is null || !IsCaseworker(staff.Roles)) throw new NotFoundException();

        var rows = await Facts(db, actor, period).Where(f => f.StaffId == staffId).Where(Counted(figure))
            .Join(db.Residents, f => f.ResidentId, r => r.Id, (f, r) => new { f, Resident = r.Name })
            .Join(db.Activities, x => x.f.ActivityId, a => a.Id, (x, a) => new { x.f, x.Resident, Activity = a.Name })
            .ToListAsync(ct);
        var cases = rows.Select(x => Row(figure, x.f, x.Resident, x.Activity, period))
            .OrderByDescending(c => c.Days).ThenBy(c => c.Resident, DanishOrder.Names)
            .ToList();
        return new FigureCases(staffId, staff.Name, figure, cases);
    }

    private async Task<(Actor Actor, int TeamId)> LeaderAsync()
    {
        var actor = await currentUser.GetAsync();
        if (!actor.IsLeader) throw new NotFoundException();
        return (actor, actor.TeamId!.Value);
    }

    private static bool IsCaseworker(StaffRoles roles) => (roles & (StaffRoles.Mentor | StaffRoles.Counsellor)) != 0;

    private static double? Median(IReadOnlyList<int> days)
    {
        if (days.Count == 0) return null;
        var sorted = days.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static Expression<Func<CaseFact, bool>> Counted(TeamFigure figure) => figure switch
    {
        TeamFigure.OpenCases => f => f.IsOpen,
        TeamFigure.FollowUpOverdue => f => f.IsFollowUpOverdue,
        TeamFigure.WithoutFollowUp => f => f.IsWithoutFollowUp,
        TeamFigure.ReferralToClosure => f => f.IsClosedWithReferralInYear,
        TeamFigure.FollowUpsPerCase => f => f.WasOpenInQuarter,
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    private static FigureCase Row(TeamFigure figure, CaseFact f, string resident, string activity, Period period)
    {
        var today = period.Today.DayNumber;
        var (days, date, extra) = figure switch
        {
            TeamFigure.OpenCases => (today - f.OpenedOn.DayNumber, f.NextFollowUpOn, (int?)null),
            TeamFigure.FollowUpOverdue => (today - f.NextFollowUpOn!.Value.DayNumber, f.NextFollowUpOn, null),
            TeamFigure.WithoutFollowUp => (today - f.LastEntryOn.DayNumber, f.LastEntryOn, f.IntervalDays),
            TeamFigure.ReferralToClosure => (f.ClosedOn!.Value.DayNumber - f.ReceivedOn!.Value.DayNumber, f.ClosedOn, null),
            TeamFigure.FollowUpsPerCase => (DaysOpenInQuarter(f, period), f.LastFollowUpInQuarter, f.FollowUpsInQuarter),
            _ => throw new ArgumentOutOfRangeException(nameof(figure)),
        };
        return new FigureCase(f.Id, resident, activity, f.OpenedOn, days, date, extra);
    }

    private static int DaysOpenInQuarter(CaseFact f, Period period)
    {
        var from = f.OpenedOn > period.QuarterStart ? f.OpenedOn : period.QuarterStart;
        var to = f.ClosedOn is { } closed && closed < period.QuarterEnd ? closed : period.QuarterEnd;
        return to.DayNumber - from.DayNumber + 1;
    }

    /// <summary>
    /// Every case in the leader's scope with what each figure is decided by, computed in SQL. The table counts these
    /// and the lists show them, so a list always holds exactly the cases its figure counts.
    /// </summary>
    private static IQueryable<CaseFact> Facts(AppDbContext db, Actor actor, Period period)
    {
        var (today, quarterStart, quarterEnd, closedAfter) = (period.Today, period.QuarterStart, period.QuarterEnd, period.ClosedAfter);
        LogbookEntryKind[] followUpKinds = [.. Case.FollowUpKinds];
        return db.VisibleCases(actor).AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.ResponsibleStaffId,
                c.ResidentId,
                c.ActivityId,
                c.OpenedOn,
                c.NextFollowUpOn,
                IsOpen = c.Status != CaseStatus.Closed,
                ClosedOn = c.Closure == null ? (DateOnly?)null : c.Closure.ClosedOn,
                ReceivedOn = db.Referrals.Where(r => r.Id == c.ReferralId).Select(r => (DateOnly?)r.ReceivedOn).FirstOrDefault(),
                LastEntryOn = db.LogbookEntries.Where(e => e.CaseId == c.Id).Max(e => (DateOnly?)e.Date) ?? c.OpenedOn,
                IntervalDays = db.Activities.Where(a => a.Id == c.ActivityId).Select(a => a.FollowUpIntervalDays).Single(),
                FollowUpsInQuarter = db.LogbookEntries.Count(e => e.CaseId == c.Id && e.Date >= quarterStart && e.Date <= quarterEnd && followUpKinds.Contains(e.Kind)),
                LastFollowUpInQuarter = db.LogbookEntries.Where(e => e.CaseId == c.Id && e.Date >= quarterStart && e.Date <= quarterEnd && followUpKinds.Contains(e.Kind))
                    .Max(e => (DateOnly?)e.Date),
            })
            .Select(c => new CaseFact
            {
                Id = c.Id,
                StaffId = c.ResponsibleStaffId,
                ResidentId = c.ResidentId,
                ActivityId = c.ActivityId,
                OpenedOn = c.OpenedOn,
                NextFollowUpOn = c.NextFollowUpOn,
                ClosedOn = c.ClosedOn,
                ReceivedOn = c.ReceivedOn,
                LastEntryOn = c.LastEntryOn,
                IntervalDays = c.IntervalDays,
                FollowUpsInQuarter = c.FollowUpsInQuarter,
                LastFollowUpInQuarter = c.LastFollowUpInQuarter,
                IsOpen = c.IsOpen,
                // As Case.IsFollowUpOverdue: the agreed next follow-up has passed.
                IsFollowUpOverdue = c.IsOpen && c.NextFollowUpOn < today,
                // "More than N days": the last entry plus N days lies before today.
                IsWithoutFollowUp = c.IsOpen && c.LastEntryOn.AddDays(c.IntervalDays) < today,
                IsClosedWithReferralInYear = !c.IsOpen && c.ClosedOn > closedAfter && c.ReceivedOn != null,
                // Open at some point in the quarter: opened by its end and not closed before its start. A reopened case has
                // lost its closure date, so one closed before the quarter and reopened after it counts as open in it.
                WasOpenInQuarter = c.OpenedOn <= quarterEnd && (c.IsOpen || c.ClosedOn >= quarterStart),
            });
    }

    /// <summary>One case and what decides each figure for it (a class, so that EF Core can go on filtering on it).</summary>
    private sealed class CaseFact
    {
        public Guid Id { get; init; }
        public Guid StaffId { get; init; }
        public Guid ResidentId { get; init; }
        public int ActivityId { get; init; }
        public DateOnly OpenedOn { get; init; }
        public DateOnly? NextFollowUpOn { get; init; }
        public DateOnly? ClosedOn { get; init; }
        public DateOnly? ReceivedOn { get; init; }
        /// <summary>The latest logbook entry of the case, or the day it opened when it has none.</summary>
        public DateOnly LastEntryOn { get; init; }
        public int IntervalDays { get; init; }
        public int FollowUpsInQuarter { get; init; }
        public DateOnly? LastFollowUpInQuarter { get; init; }
        public bool IsOpen { get; init; }
        public bool IsFollowUpOverdue { get; init; }
        public bool IsWithoutFollowUp { get; init; }
        public bool IsClosedWithReferralInYear { get; init; }
        public bool WasOpenInQuarter { get; init; }
    }

    /// <param name="QuarterStart">The last complete calendar quarter before today.</param>
    /// <param name="ClosedAfter">The day 12 months before today: closures after it count for the median.</param>
    private sealed record Period(DateOnly Today, DateOnly QuarterStart, DateOnly QuarterEnd, DateOnly ClosedAfter)
    {
        public static Period Of(DateOnly today)
        {
            var currentQuarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
            return new Period(today, currentQuarter.AddMonths(-3), currentQuarter.AddDays(-1), today.AddMonths(-12));
        }
    }
}
