using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Logbook;

namespace BoligSocialt.Tests.Domain;

public sealed class LogbookEntryTests
{
    private static readonly DateOnly Today = new(2024, 6, 1);
    private static readonly Guid StaffId = Guid.NewGuid();

    private static LogbookEntry Entry(IEnumerable<Guid> residents, int? headCount, DateOnly? date = null, string? note = null) =>
        new(date ?? Today, StaffId, activityId: 3, LogbookEntryKind.Conversation, residents, headCount, note, Today);

    [Fact]
    public void Entry_with_residents_lists_them_as_participants()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var entry = Entry([a, b], headCount: null, note: "  Samtale om CV  ");

        Assert.Equal([a, b], entry.Participants.Select(p => p.ResidentId).ToArray());
        Assert.Null(entry.HeadCount);
        Assert.Equal("Samtale om CV", entry.Note);
        Assert.Equal(Today, entry.Date);
        Assert.Equal(StaffId, entry.StaffMemberId);
        Assert.Equal(3, entry.ActivityId);
    }

    [Fact]
    public void Entry_with_a_head_count_needs_no_residents()
    {
        var entry = Entry([], headCount: 40);

        Assert.Equal(40, entry.HeadCount);
        Assert.Empty(entry.Participants);
    }

    [Fact]
    public void Entry_needs_residents_or_a_head_count()
    {
        var ex = Assert.Throws<DomainException>(() => Entry([], headCount: null));
        Assert.Equal("Angiv de beboere, det drejer sig om, eller et antal deltagere.", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Head_count_outside_1_to_10000_throws(int headCount)
    {
        var ex = Assert.Throws<DomainException>(() => Entry([], headCount));
        Assert.Equal("Antal deltagere skal være mellem 1 og 10.000.", ex.Message);
    }

    [Fact]
    public void Head_count_0_throws_even_with_residents()
    {
        Assert.Throws<DomainException>(() => Entry([Guid.NewGuid()], headCount: 0));
    }

    [Fact]
    public void Duplicate_resident_ids_collapse()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var entry = Entry([a, b, a, a, b], headCount: null);

        Assert.Equal([a, b], entry.Participants.Select(p => p.ResidentId).ToArray());
    }

    [Fact]
    public void Date_in_the_future_throws()
    {
        var ex = Assert.Throws<DomainException>(() => Entry([Guid.NewGuid()], null, date: Today.AddDays(1)));
        Assert.Equal("Datoen kan ikke ligge i fremtiden.", ex.Message);
    }

    [Fact]
    public void Note_longer_than_1000_characters_throws()
    {
        Assert.Equal(1000, Entry([Guid.NewGuid()], null, note: new string('x', 1000)).Note!.Length);
        Assert.Throws<DomainException>(() => Entry([Guid.NewGuid()], null, note: new string('x', 1001)));
    }
}
