namespace Lianhua.Commerce.Core.Attribution;

public sealed record ReconciliationResult(int Owed, int Written, int Unattributable);
