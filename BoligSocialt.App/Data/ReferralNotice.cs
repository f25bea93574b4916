namespace BoligSocialt.App.Data;

/// <summary>A referral change as other app instances learn of it: ids only, kept for minutes (see ReferralNoticeRelay).</summary>
public sealed class ReferralNotice
{
    public long Id { get; private set; }
    public string Instance { get; private set; } = "";
    public Guid ReferralId { get; private set; }
    public int TeamId { get; private set; }
    public Guid? AllocatedToId { get; private set; }
    public DateTime SavedAtUtc { get; private set; }

    private ReferralNotice() { }

    public ReferralNotice(string instance, Guid referralId, int teamId, Guid? allocatedToId, DateTime savedAtUtc)
    {
        Instance = instance;
        ReferralId = referralId;
        TeamId = teamId;
        AllocatedToId = allocatedToId;
        SavedAtUtc = savedAtUtc;
    }
}
