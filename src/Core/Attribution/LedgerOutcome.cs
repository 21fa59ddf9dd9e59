namespace Lianhua.Commerce.Core.Attribution;

public enum LedgerOutcome { Written, NothingOwed, Unattributable }
