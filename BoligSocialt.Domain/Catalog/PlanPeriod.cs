using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Catalog;

/// <summary>A social-housing plan (helhedsplan) with its own activities.</summary>
public sealed class PlanPeriod
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }

    private PlanPeriod() { }

    public PlanPeriod(string code, string name, DateOnly start, DateOnly end)
    {
        Code = Guard.Text(code, "Kode", 20);
        Update(name, start, end);
    }

    public void Update(string name, DateOnly start, DateOnly end)
    {
        if (end < start) throw new DomainException("En helhedsplan kan ikke slutte før den starter.");
        Name = Guard.Text(name, "Navn", 200);
        Start = start;
        End = end;
    }

    public bool Contains(DateOnly date) => date >= Start && date <= End;
}
