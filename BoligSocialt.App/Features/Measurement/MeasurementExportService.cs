using BoligSocialt.App.Data;
using BoligSocialt.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>The measurement with the catalogue's names, for the page and the downloads; the access check is the measurement's.</summary>
public sealed class MeasurementExportService(DeliveryMeasurementService measurements, IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <exception cref="Auth.NotFoundException">The actor is not an analyst, team leader or the head.</exception>
    /// <exception cref="DomainException">The year or quarter does not exist.</exception>
    public async Task<MeasurementExport> GetAsync(int year, int quarter, CancellationToken ct = default)
    {
        var measurement = await measurements.GetAsync(year, quarter, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        return new MeasurementExport(measurement, await MeasurementExportLabels.LoadAsync(db, ct));
    }

    /// <summary>The quarter the page opens with: the last complete one.</summary>
    public (int Year, int Quarter) LastCompleteQuarter() => DeliveryMeasurementService.LastCompleteQuarter(clock.Today());

    /// <summary>The years to choose from: from the first plan period's (or the last complete quarter's, if earlier) to this year.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var first = LastCompleteQuarter().Year;
        if (await db.PlanPeriods.MinAsync(p => (DateOnly?)p.Start, ct) is { } start) first = Math.Min(first, start.Year);
        var thisYear = clock.Today().Year;
        return Enumerable.Range(first, thisYear - first + 1).ToList();
    }
}
