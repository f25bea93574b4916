using System.Globalization;
using BoligSocialt.App;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Components;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Administration;
using BoligSocialt.App.Features.Audit;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.App.Features.GroupCourses;
using BoligSocialt.App.Features.Home;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.App.Features.Measurement;
using BoligSocialt.App.Features.Referrals;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.App.Features.Retention;
using BoligSocialt.App.Features.Staff;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

var danish = new CultureInfo("da-DK");
CultureInfo.DefaultThreadCurrentCulture = danish;
CultureInfo.DefaultThreadCurrentUICulture = danish;

// A verb (e.g. `bench`) runs a job from the command line instead of serving the web app.
if (CommandLine.NamesVerb(args)) return await CommandLine.RunAsync(args, Console.Out, Console.Error);

try
{
    var builder = WebApplication.CreateBuilder(args);
    // Serves the static assets of the build (MudBlazor's among them) in every environment, not only Development.
    builder.WebHost.UseStaticWebAssets();

    // The database is migrated before any other hosted service starts: data protection reads its keys from it.
    builder.Services.AddDatabase(builder.Configuration);
    builder.Services.AddHostedService<DatabaseStartup>();
    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();
    builder.Services.AddCascadingAuthenticationState();
    builder.Services.AddSingleton(TimeProvider.System);
    // Every instance on the same database shares the keys, so a sign-in cookie or a circuit works on any of them.
    builder.Services.AddDataProtection().SetApplicationName("BoligSocialt").PersistKeysToDbContext<AppDbContext>();
    builder.AddSignIn();
    builder.Services.AddScoped<ICurrentUser, CurrentUser>();
    builder.Services.AddScoped<StartPageQueries>();
    builder.Services.AddScoped<ResidentService>();
    builder.Services.AddScoped<ResidentMergeService>();
    builder.Services.AddScoped<StaffService>();
    builder.Services.AddScoped<ActivityCatalogService>();
    builder.Services.AddScoped<PlanPeriodService>();
    builder.Services.AddScoped<CaseQueries>();
    builder.Services.AddScoped<TeamStatisticsService>();
    builder.Services.AddScoped<CaseService>();
    builder.Services.AddScoped<ReferralService>();
    builder.Services.AddScoped<AllocationBoardService>();
    builder.Services.AddScoped<GroupCourseService>();
    builder.Services.AddScoped<LogbookService>();
    builder.Services.AddScoped<LogbookImportService>();
    builder.Services.AddScoped<LogbookExportService>();
    builder.Services.AddScoped<DeliveryMeasurementService>();
    builder.Services.AddScoped<MeasurementExportService>();
    builder.Services.AddScoped<AuditLogService>();
    builder.Services.AddScoped<RetentionService>();
    builder.Services.AddScoped<RetentionSettingsService>();
    builder.Services.AddHostedService<RetentionBackgroundService>();
    builder.Services.AddSingleton<ReferralEvents>();
    builder.Services.AddHostedService<ReferralNoticeRelay>();
    // A request an endpoint cannot read (a bad form, a bad antiforgery token) is a plain 400 in every environment, not
    // an exception page in Development: its answer is the status code page's, in Danish.
    builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);

    var app = builder.Build();

    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/fejl", createScopeForErrors: true);
        app.UseHsts();
        app.UseHttpsRedirection();
    }
    app.UseStatusCodePagesWithReExecute("/ikke-fundet", createScopeForStatusCodePages: true);
    app.UseRequestLocalization(new RequestLocalizationOptions
    {
        DefaultRequestCulture = new RequestCulture(danish),
        SupportedCultures = [danish],
        SupportedUICultures = [danish],
    });
    // Before this: authentication handles its own paths without endpoints (Entra ID's /signin-oidc callback).
    app.UseAuthentication();
    app.UseCurrentUser();
    // An unknown URL is a plain 404 for everyone, rather than a sign-in challenge from the fallback policy.
    app.Use((context, next) =>
    {
        if (context.GetEndpoint() is not null) return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    });
    // The pages are interactive and post nothing to the server: anything but GET is answered in Danish, rather than by
    // Blazor's form handling in English.
    app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null
            || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) return next(context);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return context.Response.WriteAsync("Siden kan kun åbnes, ikke sendes data til.");
    });
    app.UseAuthorization();
    app.UseAntiforgery();

    app.MapStaticAssets().AllowAnonymous();
    app.MapSignIn();
    app.MapMeasurementEndpoints();
    app.MapLogbookExport();
    app.MapAuditLogExport();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupError(e) is { } startup)
{
    Console.Error.WriteLine($"BoligSocialt kan ikke starte: {startup.Message}");
    return 1;
}

static StartupException? StartupError(Exception e) => e switch
{
    StartupException s => s,
    AggregateException a => a.InnerExceptions.Select(StartupError).FirstOrDefault(s => s is not null),
    _ when e.InnerException is not null => StartupError(e.InnerException),
    _ => null,
};

public partial class Program;
