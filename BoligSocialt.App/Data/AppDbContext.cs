using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BoligSocialt.App.Data;

/// <summary>The app's database on SQLite (its migrations are in Data/Migrations); see <see cref="PostgresDbContext"/> for PostgreSQL.</summary>
public class AppDbContext : DbContext, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options)
    {
    }

    /// <summary>For a provider's own context type, whose migrations EF Core finds by that type.</summary>
    protected AppDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<PlanPeriod> PlanPeriods => Set<PlanPeriod>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<FocusArea> FocusAreas => Set<FocusArea>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<HousingArea> HousingAreas => Set<HousingArea>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<CatalogTerm> CatalogTerms => Set<CatalogTerm>();
    public DbSet<IndicatorBaseline> IndicatorBaselines => Set<IndicatorBaseline>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Outcome> Outcomes => Set<Outcome>();
    public DbSet<LogbookEntry> LogbookEntries => Set<LogbookEntry>();
    public DbSet<GroupCourse> GroupCourses => Set<GroupCourse>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RetentionSchedule> RetentionSchedules => Set<RetentionSchedule>();
    public DbSet<ReferralNotice> ReferralNotices => Set<ReferralNotice>();

    /// <summary>The keys that protect sign-in cookies and circuits, shared by every app instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Who the changes saved through this context are made by: a staff member's id, or a system process name.
    /// Changes of personal data cannot be saved without it (see <see cref="Audit"/>).
    /// </summary>
    public string? AuditActor { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(100);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Audit.RecordChanges(this);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Audit.RecordChanges(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }
}

/// <summary>
/// For <c>dotnet ef migrations add … --context AppDbContext</c>: the SQLite model, so that the tools do not take the
/// PostgreSQL factory for the base type. The file name is only a placeholder; the tools open no connection.
/// </summary>
public sealed class AppDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(Database.DefaultConnectionString).Options);
}
