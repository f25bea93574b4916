using BoligSocialt.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BoligSocialt.App.Data.Configurations;

sealed class PlanPeriodConfiguration : IEntityTypeConfiguration<PlanPeriod>
{
    public void Configure(EntityTypeBuilder<PlanPeriod> b)
    {
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Code).HasMaxLength(20);
        b.Property(p => p.Name).HasMaxLength(200);
        b.PrimitiveCollection(p => p.HousingAreaIds);
    }
}

sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.HasIndex(t => t.Code).IsUnique();
        b.Property(t => t.Code).HasMaxLength(20);
        b.Property(t => t.Name).HasMaxLength(100);
    }
}

sealed class FocusAreaConfiguration : IEntityTypeConfiguration<FocusArea>
{
    public void Configure(EntityTypeBuilder<FocusArea> b)
    {
        b.HasIndex(f => f.Code).IsUnique();
        b.Property(f => f.Code).HasMaxLength(50);
        b.Property(f => f.Name).HasMaxLength(100);
        b.HasOne(f => f.Team).WithMany().HasForeignKey(f => f.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Code).HasMaxLength(20);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.TargetGroup).HasMaxLength(1000);
        b.PrimitiveCollection(a => a.ReferredBy);
        b.PrimitiveCollection(a => a.AllowedOutcomeKinds).ElementType().HasConversion<string>();
        b.HasOne(a => a.FocusArea).WithMany().HasForeignKey(a => a.FocusAreaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.PlanPeriod).WithMany().HasForeignKey(a => a.PlanPeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class HousingAreaConfiguration : IEntityTypeConfiguration<HousingArea>
{
    public void Configure(EntityTypeBuilder<HousingArea> b)
    {
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Code).HasMaxLength(50);
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.ReportsAs).HasMaxLength(50);
        b.HasMany(a => a.Departments).WithOne(d => d.HousingArea).HasForeignKey(d => d.HousingAreaId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(a => a.Departments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.HasIndex(d => d.Name).IsUnique();
        b.Property(d => d.Name).HasMaxLength(100);
    }
}

sealed class CatalogTermConfiguration : IEntityTypeConfiguration<CatalogTerm>
{
    public void Configure(EntityTypeBuilder<CatalogTerm> b)
    {
        b.HasIndex(t => new { t.List, t.Code }).IsUnique();
        b.Property(t => t.Code).HasMaxLength(50);
        b.Property(t => t.Name).HasMaxLength(200);
    }
}

sealed class IndicatorBaselineConfiguration : IEntityTypeConfiguration<IndicatorBaseline>
{
    public void Configure(EntityTypeBuilder<IndicatorBaseline> b)
    {
        b.HasIndex(x => new { x.PlanPeriodId, x.Indicator, x.AgeBand, x.Area }).IsUnique();
        b.Property(x => x.AgeBand).HasMaxLength(10);
        b.Property(x => x.Area).HasMaxLength(50);
        b.HasOne<PlanPeriod>().WithMany().HasForeignKey(x => x.PlanPeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}
