namespace BoligSocialt.App.Features.Referrals;

/// <summary>What happened to a referral: ids only, so that no personal data travels with the notice.</summary>
public sealed record ReferralChange(Guid ReferralId, int TeamId, Guid? AllocatedToId);

/// <summary>
/// Tells open pages (the allocation board, a staff member's start page) that a referral arrived, was allocated,
/// accepted or declined, so they reload without the user doing anything. In-process: one app instance.
/// </summary>
public sealed class ReferralEvents
{
    public event Action<ReferralChange>? Changed;

    public void Publish(ReferralChange change) => Changed?.Invoke(change);
}
