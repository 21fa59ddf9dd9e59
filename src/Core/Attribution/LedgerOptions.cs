namespace Lianhua.Commerce.Core.Attribution;

/// <summary>Configuration section "Commerce:Ledger".</summary>
public sealed class LedgerOptions
{
    /// <summary>Reconciliation leaves work this young to the message or the request that owes it.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(1);
}
