namespace Lianhua.Commerce.Core.Routing.Storage;

public sealed record RunView(string Id, string From, string To, string Date, long CapacityGrams, long LoadGrams, IReadOnlyList<string> ShipmentIds);
