namespace Lianhua.Commerce.Core.Operations;

/// <summary>POST /api/operations/poison/{queue}/redrive: the source queue and how many messages went back to it.</summary>
public sealed record RedriveResult(string Queue, int Moved);
