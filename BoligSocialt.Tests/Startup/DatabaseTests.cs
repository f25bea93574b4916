using BoligSocialt.App.Data;
using BoligSocialt.App.Data.Catalog;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Startup;

public sealed class DatabaseTests : IAsyncLifetime
{
    private const string FutureMigration = "29990101000000_FromTheFuture";

    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    private async Task<(IDbContextFactory<AppDbContext> Factory, string File)> PreparedAsync()
    {
        var file = _folder.File("app.db");
        var factory = TempFolder.Factory(TempFolder.Services($"Data Source={file}"));
        await Database.PrepareAsync(factory);
        return (factory, file);
    }

    private static List<string> Tables(string file) =>
        TempFolder.Query(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");

    // ---- schema ----

    [Fact]
    public async Task Prepare_on_an_empty_file_applies_every_migration()
    {
        var (factory, file) = await PreparedAsync();

        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations().ToArray(), (await db.Database.GetAppliedMigrationsAsync()).ToArray());
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Contains("Residents", Tables(file));
        Assert.Contains("AuditEntries", Tables(file));
    }

    [Fact]
    public async Task Prepare_on_an_existing_zero_byte_file_creates_the_schema()
    {
        var file = _folder.File("empty.db");
        await File.WriteAllBytesAsync(file, []);
        var factory = TempFolder.Factory(TempFolder.Services($"Data Source={file}"));

        await Database.PrepareAsync(factory);

        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations().ToArray(), (await db.Database.GetAppliedMigrationsAsync()).ToArray());
        Assert.Equal(31, await db.Activities.CountAsync());
    }

    [Fact]
    public async Task Prepare_puts_the_database_in_wal_mode()
    {
        var (_, file) = await PreparedAsync();

        Assert.Equal(["wal"], TempFolder.Query(file, "PRAGMA journal_mode").ToArray());
    }

    [Fact]
    public async Task Prepare_makes_a_relative_path_absolute_and_creates_its_folder()
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), _folder.File("sub/folder/app.db"));
        var factory = TempFolder.Factory(TempFolder.Services($"Data Source={relative}"));

        await Database.PrepareAsync(factory);

        Assert.True(File.Exists(_folder.File("sub/folder/app.db")));
    }

    [Fact]
    public async Task Preparing_twice_changes_nothing()
    {
        var (factory, file) = await PreparedAsync();
        var tables = Tables(file);
        var history = TempFolder.Query(file, "SELECT * FROM __EFMigrationsHistory");

        await Database.PrepareAsync(factory);

        Assert.Equal(tables, Tables(file));
        Assert.Equal(history, TempFolder.Query(file, "SELECT * FROM __EFMigrationsHistory"));
    }

    // ---- catalogue ----

    [Fact]
    public async Task Catalogue_is_loaded_with_every_list()
    {
        var (factory, _) = await PreparedAsync();

        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(2, await db.PlanPeriods.CountAsync());
        Assert.Equal(4, await db.FocusAreas.CountAsync());
        Assert.Equal(2, await db.Teams.CountAsync());
        Assert.Equal(8, await db.HousingAreas.CountAsync());
        Assert.Equal(17, await db.Departments.CountAsync()); // 6 + 3 + 3 + 4 + 1; the three newest areas have none listed
        Assert.Equal(31, await db.Activities.CountAsync());
        Assert.Equal(19, await db.CatalogTerms.CountAsync(t => t.List == CatalogList.ReferralSource));
        Assert.Equal(6, await db.CatalogTerms.CountAsync(t => t.List == CatalogList.OutcomeKind));
        Assert.Equal(6, await db.CatalogTerms.CountAsync(t => t.List == CatalogList.ClosureReason));
        Assert.Equal(5, await db.CatalogTerms.CountAsync(t => t.List == CatalogList.ReferralDeclineReason));
        Assert.Equal(9, await db.CatalogTerms.CountAsync(t => t.List == CatalogList.LogbookEntryKind));
        Assert.Equal(12, await db.IndicatorBaselines.CountAsync()); // 3 baselines × 4 reporting areas
    }

    [Fact]
    public async Task Catalogue_departments_per_housing_area_are_as_listed()
    {
        var (factory, _) = await PreparedAsync();

        await using var db = await factory.CreateDbContextAsync();
        var perArea = await db.HousingAreas.OrderBy(a => a.Code)
            .Select(a => new { a.Code, Count = db.Departments.Count(d => d.HousingAreaId == a.Id) })
            .ToDictionaryAsync(a => a.Code, a => a.Count);
        Assert.Equal(6, perArea["Vollsmose"]);
        Assert.Equal(3, perArea["Kertemindevejkvarteret"]);
        Assert.Equal(3, perArea["Korslokken"]);
        Assert.Equal(4, perArea["Rising"]);
        Assert.Equal(1, perArea["Ejerslykke"]);
    }

    [Fact]
    public async Task Teams_own_their_focus_areas()
    {
        var (factory, _) = await PreparedAsync();

        await using var db = await factory.CreateDbContextAsync();
        var teamOf = await db.FocusAreas.Include(f => f.Team).ToDictionaryAsync(f => f.Code, f => f.Team!.Code);
        Assert.Equal("Team1", teamOf["EducationAndLifeChances"]);
        Assert.Equal("Team1", teamOf["Employment"]);
        Assert.Equal("Team2", teamOf["CrimePrevention"]);
        Assert.Equal("Team2", teamOf["CohesionAndCitizenship"]);
        Assert.Equal(["Team 1", "Team 2"], await db.Teams.OrderBy(t => t.Code).Select(t => t.Name).ToArrayAsync());
    }

    [Fact]
    public async Task Job_mentoring_starts_with_a_three_party_meeting_and_records_four_outcome_kinds()
    {
        var (factory, _) = await PreparedAsync();

        await using var db = await factory.CreateDbContextAsync();
        var bmj = await db.Activities.Include(a => a.PlanPeriod).Include(a => a.FocusArea).SingleAsync(a => a.Code == "BMJ");
        Assert.Equal("Beskæftigelsesmentor for jobparate", bmj.Name);
        Assert.Equal(StartMeetingKind.ThreePartyMeeting, bmj.StartMeeting);
        Assert.Equal(
            [OutcomeKind.Internship, OutcomeKind.WageSubsidyJob, OutcomeKind.OrdinaryJob, OutcomeKind.EducationStarted],
            bmj.AllowedOutcomeKinds.ToArray());
        Assert.Equal("2021-2024", bmj.PlanPeriod!.Code);
        Assert.Equal("Employment", bmj.FocusArea!.Code);
    }

    [Fact]
    public async Task Kertemindevejkvarteret_is_reported_as_Vollsmose()
    {
        var (factory, _) = await PreparedAsync();

        await using var db = await factory.CreateDbContextAsync();
        var area = await db.HousingAreas.SingleAsync(a => a.Code == "Kertemindevejkvarteret");
        Assert.Equal("Vollsmose", area.ReportsAs);
        Assert.Equal("Vollsmose", (await db.HousingAreas.SingleAsync(a => a.Code == "Vollsmose")).ReportsAs);
    }

    [Fact]
    public async Task Loading_the_catalogue_again_changes_nothing()
    {
        var (factory, _) = await PreparedAsync();
        await using var db = await factory.CreateDbContextAsync();
        var before = await CountsAsync(db);

        var changed = await CatalogLoader.LoadAsync(db, CatalogLoader.ReadEmbedded());

        Assert.Equal(0, changed);
        Assert.Equal(before, await CountsAsync(db));
    }

    private static async Task<string> CountsAsync(AppDbContext db) => string.Join(",",
        await db.PlanPeriods.CountAsync(), await db.Teams.CountAsync(), await db.FocusAreas.CountAsync(), await db.HousingAreas.CountAsync(),
        await db.Departments.CountAsync(), await db.Activities.CountAsync(), await db.CatalogTerms.CountAsync(), await db.IndicatorBaselines.CountAsync());

    [Fact]
    public async Task Changed_catalogue_adds_what_is_missing_and_changes_nothing_that_exists()
    {
        var (factory, _) = await PreparedAsync();
        int bmjId;
        Guid referralId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var bmj = await db.Activities.Include(a => a.PlanPeriod).SingleAsync(a => a.Code == "BMJ");
            bmjId = bmj.Id;
            var department = await db.Departments.FirstAsync();
            var resident = new Resident("Amina Hussein", new DateOnly(1990, 1, 1), null, null, DateTimeOffset.UtcNow);
            resident.MoveTo(department.Id, new DateOnly(2015, 1, 1));
            resident.GiveRegistrationConsent(new DateOnly(2023, 5, 1), Guid.NewGuid(), DateOnly.FromDateTime(DateTime.Today));
            var referral = new Referral(resident, bmj, Referral.SelfReferralSource, null, null, "Ønsker job", new DateOnly(2023, 5, 1),
                null, DateOnly.FromDateTime(DateTime.Today));
            referralId = referral.Id;
            db.Residents.Add(resident);
            db.Referrals.Add(referral);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }

        var catalog = CatalogLoader.ReadEmbedded();
        var bmjItem = catalog.Activities.Single(a => a.Code == "BMJ");
        var newActivity = catalog.Activities.Single(a => a.Code == "UBMJ") with { Code = "NYT25", Name = "Nyt jobcafé-tilbud" };
        var changedCatalog = catalog with
        {
            Activities = [.. catalog.Activities.Select(a => a == bmjItem ? a with { Name = "Jobmentor (omdøbt)" } : a), newActivity],
            HousingAreas = [.. catalog.HousingAreas.Select(h => h.Code == "Rising" ? h with { Departments = [.. h.Departments, "Nyløkken"] } : h)],
        };

        int changed;
        await using (var db = await factory.CreateDbContextAsync())
            changed = await CatalogLoader.LoadAsync(db, changedCatalog);

        Assert.Equal(2, changed);
        await using var check = await factory.CreateDbContextAsync();
        // What exists belongs to the administrators: the catalogue's new name does not overwrite it.
        var kept = await check.Activities.SingleAsync(a => a.Code == "BMJ");
        Assert.Equal(bmjId, kept.Id);
        Assert.Equal("Beskæftigelsesmentor for jobparate", kept.Name);
        var added = await check.Activities.Include(a => a.FocusArea).Include(a => a.PlanPeriod).SingleAsync(a => a.Code == "NYT25");
        Assert.Equal("Nyt jobcafé-tilbud", added.Name);
        Assert.Equal("Employment", added.FocusArea!.Code);
        Assert.Equal("2024-2028", added.PlanPeriod!.Code);
        var nyløkken = await check.Departments.Include(d => d.HousingArea).SingleAsync(d => d.Name == "Nyløkken");
        Assert.Equal("Rising", nyløkken.HousingArea!.Code);
        Assert.Equal(32, await check.Activities.CountAsync());
        Assert.Equal(18, await check.Departments.CountAsync());
        var stored = await check.Referrals.SingleAsync(r => r.Id == referralId);
        Assert.Equal(bmjId, stored.ActivityId);
        Assert.Equal("Beskæftigelsesmentor for jobparate", await check.Activities.Where(a => a.Id == stored.ActivityId).Select(a => a.Name).SingleAsync());
    }

    [Fact]
    public async Task Catalogue_that_leaves_out_an_activity_deletes_nothing()
    {
        var (factory, _) = await PreparedAsync();
        var catalog = CatalogLoader.ReadEmbedded();

        await using var db = await factory.CreateDbContextAsync();
        await CatalogLoader.LoadAsync(db, catalog with { Activities = [.. catalog.Activities.Where(a => a.Code != "BMJ")] });

        Assert.True(await db.Activities.AnyAsync(a => a.Code == "BMJ"));
        Assert.Equal(31, await db.Activities.CountAsync());
    }

    // ---- a database from a newer version ----

    [Fact]
    public async Task Database_with_an_unknown_migration_is_refused_and_left_unchanged()
    {
        var (factory, file) = await PreparedAsync();
        TempFolder.Execute(file,
            $"INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('{FutureMigration}', '10.0.15')");
        var tables = Tables(file);
        var history = TempFolder.Query(file, "SELECT * FROM __EFMigrationsHistory ORDER BY MigrationId");
        var activities = TempFolder.Query(file, "SELECT COUNT(*) FROM Activities");

        var error = await Assert.ThrowsAsync<StartupException>(() => Database.PrepareAsync(factory));

        Assert.Contains(FutureMigration, error.Message);
        Assert.Equal(tables, Tables(file));
        Assert.Equal(history, TempFolder.Query(file, "SELECT * FROM __EFMigrationsHistory ORDER BY MigrationId"));
        Assert.Equal(activities, TempFolder.Query(file, "SELECT COUNT(*) FROM Activities"));
    }

    [Fact]
    public async Task Database_that_only_knows_a_future_migration_gets_no_tables_added()
    {
        var file = _folder.File("future.db");
        TempFolder.Execute(file,
            "CREATE TABLE __EFMigrationsHistory (MigrationId TEXT NOT NULL PRIMARY KEY, ProductVersion TEXT NOT NULL);" +
            $"INSERT INTO __EFMigrationsHistory VALUES ('{FutureMigration}', '10.0.15');");
        var factory = TempFolder.Factory(TempFolder.Services($"Data Source={file}"));

        var error = await Assert.ThrowsAsync<StartupException>(() => Database.PrepareAsync(factory));

        Assert.Contains(FutureMigration, error.Message);
        Assert.Equal(["__EFMigrationsHistory"], Tables(file).ToArray());
        Assert.Equal(["delete"], TempFolder.Query(file, "PRAGMA journal_mode").ToArray());
    }

    // ---- an unwritable data folder ----

    [Fact]
    public async Task Data_folder_that_cannot_be_created_is_reported_with_its_path()
    {
        // A regular file where a folder should be: no folder can be created under it, not even by root.
        var blocker = _folder.File("not-a-folder");
        await File.WriteAllTextAsync(blocker, "");
        var dataFolder = Path.Combine(blocker, "data");
        var factory = TempFolder.Factory(TempFolder.Services($"Data Source={Path.Combine(dataFolder, "x.db")}"));

        var error = await Assert.ThrowsAsync<StartupException>(() => Database.PrepareAsync(factory));

        Assert.Contains($"'{dataFolder}'", error.Message);
        Assert.False(Directory.Exists(dataFolder));
    }

    [Fact]
    public async Task Data_folder_under_proc_is_reported_as_unwritable()
    {
        var factory = TempFolder.Factory(TempFolder.Services("Data Source=/proc/boligsocialt/x.db"));

        var error = await Assert.ThrowsAsync<StartupException>(() => Database.PrepareAsync(factory));

        Assert.Contains("/proc/boligsocialt", error.Message);
    }
}
