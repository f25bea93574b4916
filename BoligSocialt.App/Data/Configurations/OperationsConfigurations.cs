using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BoligSocialt.App.Data.Configurations;

sealed class ReferralNoticeConfiguration : IEntityTypeConfiguration<ReferralNotice>
{
    public void Configure(EntityTypeBuilder<ReferralNotice> b)
    {
        b.Property(n => n.Instance).HasMaxLength(32);
        b.HasIndex(n => n.SavedAtUtc);
    }
}
