using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.GroupCourses;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BoligSocialt.App.Data.Configurations;

sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(StaffMember.NameMaxLength);
        b.Property(s => s.Email).HasMaxLength(StaffMember.EmailMaxLength);
        b.Property(s => s.ObjectId).HasMaxLength(100);
        b.HasIndex(s => s.Email).IsUnique();
        b.HasIndex(s => s.ObjectId).IsUnique();
        b.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Name).HasMaxLength(Resident.NameMaxLength);
        b.Property(r => r.SearchName).HasMaxLength(Resident.NameMaxLength * 2);
        b.Property(r => r.Phone).HasMaxLength(Resident.PhoneMaxLength);
        b.HasIndex(r => r.SearchName);
        b.HasIndex(r => r.BirthDate);
        b.Property(r => r.LegacyId).HasMaxLength(Resident.LegacyIdMaxLength);
        b.HasIndex(r => r.LegacyId).IsUnique();
        b.OwnsOne(r => r.RegistrationConsent, c =>
        {
            c.Property(x => x.GivenOn).HasColumnName("RegistrationConsentGivenOn");
            c.Property(x => x.RecordedById).HasColumnName("RegistrationConsentRecordedById");
        });
        b.OwnsOne(r => r.SharingConsent, c =>
        {
            c.Property(x => x.GivenOn).HasColumnName("SharingConsentGivenOn");
            c.Property(x => x.RecordedById).HasColumnName("SharingConsentRecordedById");
        });
        b.OwnsMany(r => r.Residences, r =>
        {
            r.ToTable("Residences");
            r.WithOwner().HasForeignKey("ResidentId");
            r.HasKey(x => x.Id);
            r.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex("ResidentId", nameof(Residence.From)).IsUnique();
        });
        b.Navigation(r => r.Residences).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.OwnsMany(r => r.AreaHistory, r =>
        {
            r.ToTable("ResidentAreas");
            r.WithOwner().HasForeignKey("ResidentId");
            r.HasKey(x => x.Id);
            r.HasOne<HousingArea>().WithMany().HasForeignKey(x => x.HousingAreaId).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex("ResidentId", nameof(AreaResidence.From)).IsUnique();
        });
        b.Navigation(r => r.AreaHistory).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Resident>().WithMany().HasForeignKey(r => r.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Source).HasMaxLength(50);
        b.Property(r => r.ReferrerName).HasMaxLength(100);
        b.Property(r => r.ReferrerOrganisation).HasMaxLength(100);
        b.Property(r => r.Reason).HasMaxLength(Referral.ReasonMaxLength);
        b.Property(r => r.DeclineNote).HasMaxLength(Referral.ReasonMaxLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.Status, r.ReceivedOn });
        b.HasIndex(r => r.AllocatedToId);
        b.HasOne<Resident>().WithMany().HasForeignKey(r => r.ResidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.AllocatedToId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.RecordedById).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.Property(c => c.Id).ValueGeneratedNever();
        b.HasIndex(c => new { c.ResponsibleStaffId, c.Status });
        b.HasIndex(c => c.ResidentId);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.StartMeetingParticipants).HasMaxLength(Case.ParticipantsMaxLength);
        b.HasOne<Resident>().WithMany().HasForeignKey(c => c.ResidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Activity>().WithMany().HasForeignKey(c => c.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.ResponsibleStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Referral>().WithOne().HasForeignKey<Case>(c => c.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GroupCourse>().WithMany().HasForeignKey(c => c.GroupCourseId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(c => c.Closure, c =>
        {
            c.Property(x => x.ClosedOn).HasColumnName("ClosedOn");
            c.Property(x => x.Reason).HasColumnName("ClosureReason");
            c.Property(x => x.ResidentAgreed).HasColumnName("ClosureResidentAgreed");
            c.Property(x => x.Note).HasColumnName("ClosureNote").HasMaxLength(1000);
        });
        b.OwnsMany(c => c.Goals, g =>
        {
            g.ToTable("Goals");
            g.WithOwner().HasForeignKey("CaseId");
            g.HasKey(x => x.Id);
            g.Property(x => x.Id).ValueGeneratedNever();
            g.Property(x => x.Text).HasMaxLength(Goal.TextMaxLength);
        });
        b.OwnsMany(c => c.Agreements, a =>
        {
            a.ToTable("Agreements");
            a.WithOwner().HasForeignKey("CaseId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.Text).HasMaxLength(300);
            a.Property(x => x.Responsible).HasMaxLength(100);
        });
        b.OwnsMany(c => c.Assistants, a =>
        {
            a.ToTable("CaseAssistants");
            a.WithOwner().HasForeignKey("CaseId");
            a.HasKey("CaseId", nameof(CaseAssistant.StaffMemberId));
            a.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => x.StaffMemberId);
        });
        b.OwnsMany(c => c.AftercareCalls, a =>
        {
            a.ToTable("AftercareCalls");
            a.WithOwner().HasForeignKey("CaseId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.SkipReason).HasMaxLength(300);
            a.HasIndex(x => new { x.Status, x.DueOn });
        });
        b.HasMany(c => c.Outcomes).WithOne().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(c => c.Assistants).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.AftercareCalls).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Goals).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Agreements).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Outcomes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

sealed class OutcomeConfiguration : IEntityTypeConfiguration<Outcome>
{
    public void Configure(EntityTypeBuilder<Outcome> b)
    {
        b.Property(o => o.Id).ValueGeneratedNever();
        b.HasIndex(o => o.AchievedOn);
        b.Property(o => o.AgeBand).HasMaxLength(10);
        b.HasOne<Resident>().WithMany().HasForeignKey(o => o.ResidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Activity>().WithMany().HasForeignKey(o => o.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HousingArea>().WithMany().HasForeignKey(o => o.HousingAreaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LogbookEntry>().WithMany().HasForeignKey(o => o.LogbookEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class LogbookEntryConfiguration : IEntityTypeConfiguration<LogbookEntry>
{
    public void Configure(EntityTypeBuilder<LogbookEntry> b)
    {
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Note).HasMaxLength(LogbookEntry.NoteMaxLength);
        b.Property(e => e.DeletionReason).HasMaxLength(LogbookEntry.DeletionReasonMaxLength);
        b.Property(e => e.ImportKey).HasMaxLength(LogbookEntry.ImportKeyMaxLength);
        b.HasIndex(e => e.ImportKey).IsUnique();
        // Covers the delivery measurement's counts of a quarter's entries by activity and kind without reading the rows.
        b.HasIndex(e => new { e.Date, e.DeletedAt, e.ActivityId, e.Kind, e.HeadCount, e.Id });
        // Deleted entries stay for the audit; nothing else sees them (services that must, say IgnoreQueryFilters).
        b.HasQueryFilter(e => e.DeletedAt == null);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.DeletedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ActivityId, e.Date });
        b.HasIndex(e => e.StaffMemberId);
        b.HasIndex(e => e.CaseId);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Activity>().WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GroupCourse>().WithMany().HasForeignKey(e => e.GroupCourseId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(e => e.Participants, p =>
        {
            p.ToTable("LogbookParticipants");
            p.WithOwner().HasForeignKey("LogbookEntryId");
            p.HasKey("LogbookEntryId", nameof(LogbookParticipant.ResidentId));
            p.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
            p.HasIndex(x => x.ResidentId);
        });
        b.Navigation(e => e.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

sealed class GroupCourseConfiguration : IEntityTypeConfiguration<GroupCourse>
{
    public void Configure(EntityTypeBuilder<GroupCourse> b)
    {
        b.Property(g => g.Id).ValueGeneratedNever();
        b.Property(g => g.Name).HasMaxLength(200);
        b.HasOne<Activity>().WithMany().HasForeignKey(g => g.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(g => g.ResponsibleStaffId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(g => g.Participants, p =>
        {
            p.ToTable("GroupCourseParticipants");
            p.WithOwner().HasForeignKey("GroupCourseId");
            p.HasKey("GroupCourseId", nameof(GroupCourseParticipant.ResidentId));
            p.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.OwnsMany(g => g.Sessions, session =>
        {
            session.ToTable("GroupSessions");
            session.WithOwner().HasForeignKey("GroupCourseId");
            session.HasKey(x => x.Id);
            session.Property(x => x.Id).ValueGeneratedNever();
            session.Property(x => x.Topic).HasMaxLength(GroupCourse.SessionTopicMaxLength);
            session.HasOne<LogbookEntry>().WithMany().HasForeignKey(x => x.LogbookEntryId).OnDelete(DeleteBehavior.Restrict);
            session.OwnsMany(x => x.Attendees, a =>
            {
                a.ToTable("GroupSessionAttendees");
                a.WithOwner().HasForeignKey("GroupSessionId");
                a.HasKey("GroupSessionId", nameof(GroupSessionAttendee.ResidentId));
                a.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
            });
            session.Navigation(x => x.Attendees).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        b.Navigation(g => g.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(g => g.Sessions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

sealed class RetentionScheduleConfiguration : IEntityTypeConfiguration<RetentionSchedule>
{
    public void Configure(EntityTypeBuilder<RetentionSchedule> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new RetentionSchedule(RetentionSchedule.DefaultYears));
    }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(100);
        b.Property(a => a.EntityType).HasMaxLength(50);
        b.Property(a => a.EntityId).HasMaxLength(50);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.AtUtc);
    }
}
