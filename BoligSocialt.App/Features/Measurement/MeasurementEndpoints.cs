using System.Globalization;
using System.Text;
using BoligSocialt.App.Auth;
using BoligSocialt.Domain.Common;

namespace BoligSocialt.App.Features.Measurement;

/// <summary>
/// The measurement over HTTP: the JSON contract at <see cref="ApiPattern"/> and the page's downloads at
/// <see cref="DownloadPattern"/>, for analysts, team leaders and the head (<see cref="Roles.Measurement"/>). Anybody else
/// signed in gets 403 (not a redirect: these are files and an API), a bad year or quarter 400, both with a Danish message.
/// </summary>
public static class MeasurementEndpoints
{
    public const string ApiPattern = "/api/measurement/{year}/{quarter}";
    public const string DownloadPattern = "/leverancemaaling/{year}/{quarter}.{format}";

    public static string ApiUrl(int year, int quarter) => $"/api/measurement/{year}/{quarter}";

    public static string DownloadUrl(int year, int quarter, MeasurementFormat format) =>
        $"/leverancemaaling/{year}/{quarter}.{MeasurementExport.Extension(format)}";

    public static IEndpointRouteBuilder MapMeasurementEndpoints(this IEndpointRouteBuilder app)
    {
        // A signed-in staff member, as everywhere; the roles are checked in the handler, so that others get a plain 403.
        app.MapGet(ApiPattern, (HttpContext http, string year, string quarter, MeasurementExportService exports, CancellationToken ct) =>
                AnswerAsync(http, year, quarter, MeasurementFormat.Json, download: false, exports, ct))
            .RequireAuthorization(SignIn.StaffPolicyName);
        app.MapGet(DownloadPattern, (HttpContext http, string year, string quarter, string format, MeasurementExportService exports, CancellationToken ct) =>
                MeasurementExport.ParseFormat(format) is { } known
                    ? AnswerAsync(http, year, quarter, known, download: true, exports, ct)
                    : Task.FromResult<IResult>(TypedResults.NotFound()))
            .RequireAuthorization(SignIn.StaffPolicyName);
        return app;
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, string year, string quarter, MeasurementFormat format, bool download,
        MeasurementExportService exports, CancellationToken ct)
    {
        if (!Roles.Measurement.Split(',').Any(http.User.IsInRole)) return Forbidden();
        if (Number(year, MeasurementExport.MinYear, MeasurementExport.MaxYear) is not { } y)
            return BadRequest($"Året skal være et helt tal fra {MeasurementExport.MinYear} til {MeasurementExport.MaxYear}, ikke '{year}'.");
        if (Number(quarter, 1, 4) is not { } q)
            return BadRequest($"Kvartalet skal være 1, 2, 3 eller 4, ikke '{quarter}'.");

        MeasurementExport export;
        try
        {
            export = await exports.GetAsync(y, q, ct);
        }
        catch (NotFoundException)
        {
            return Forbidden();
        }
        catch (DomainException e)
        {
            return BadRequest(e.Message);
        }
        return download
            ? TypedResults.File(export.Content(format), MeasurementExport.ContentType(format), MeasurementExport.FileName(y, q, format))
            : TypedResults.Text(export.Json(), "application/json", Encoding.UTF8);
    }

    private static int? Number(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max ? number : null;

    private static IResult Forbidden() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Ingen adgang",
        detail: "Leverancemålingen er for analysemedarbejdere, teamledere og chefen.");

    private static IResult BadRequest(string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Ugyldigt år eller kvartal", detail: message);
}
