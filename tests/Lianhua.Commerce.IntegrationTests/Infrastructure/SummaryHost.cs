using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// A host whose clock a test sets to any instant (pickups on chosen China days, then the 02:00 run of a later day).
/// Reconciliation leaves owed work alone for ten years, so a test writes a late posting itself, when it chooses.
/// </summary>
public sealed class SummaryHost() : LocalHostFixture(("Commerce:Ledger:ReconcileAfter", "3650.00:00:00"))
{
    public ShiftedClock Clock { get; } = new();

    public void SetNow(DateTimeOffset at) => Clock.Offset = at - TimeProvider.System.GetUtcNow();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
