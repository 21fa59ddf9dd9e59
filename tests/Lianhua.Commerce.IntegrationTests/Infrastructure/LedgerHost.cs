namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>Reconciliation takes ledger work as soon as it is owed (a minute in production), so a test may run it at once.</summary>
public sealed class LedgerHost() : LocalHostFixture(("Commerce:Ledger:ReconcileAfter", "00:00:00"));
