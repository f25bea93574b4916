using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.GroupCourses;

namespace BoligSocialt.Tests.Domain;

public sealed class GroupCourseAndActivityTests
{
    [Fact]
    public void A_resident_is_enrolled_once_in_a_group_course()
    {
        var course = new GroupCourse(1, "Dig, mig og arbejde", Guid.NewGuid(), new DateOnly(2025, 3, 1));
        var resident = Guid.NewGuid();

        course.Enrol(resident);

        Assert.True(course.IsEnrolled(resident));
        Assert.False(course.IsEnrolled(Guid.NewGuid()));
        Assert.Throws<DomainException>(() => course.Enrol(resident));
        Assert.Single(course.Participants);
    }

    [Fact]
    public void A_group_course_needs_a_name() =>
        Assert.Throws<DomainException>(() => new GroupCourse(1, "  ", Guid.NewGuid(), new DateOnly(2025, 3, 1)));

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void The_follow_up_interval_is_between_one_day_and_a_year(int days)
    {
        var activity = ReferralTests.MentorActivity();

        Assert.Throws<DomainException>(() => activity.SetFollowUpInterval(days));
        Assert.Equal(Activity.DefaultFollowUpIntervalDays, activity.FollowUpIntervalDays);
    }

    [Fact]
    public void The_follow_up_interval_can_be_changed()
    {
        var activity = ReferralTests.MentorActivity();

        activity.SetFollowUpInterval(14);

        Assert.Equal(14, activity.FollowUpIntervalDays);
    }

    [Fact]
    public void An_activity_can_be_deactivated_and_activated_again()
    {
        var activity = ReferralTests.MentorActivity();

        activity.Deactivate();
        Assert.False(activity.IsActive);
        activity.Activate();
        Assert.True(activity.IsActive);
    }
}
