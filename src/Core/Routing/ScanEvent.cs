namespace Lianhua.Commerce.Core.Routing;

public static class ScanEvent
{
    public const string Depart = "depart";
    public const string Arrive = "arrive";
    public const string Pickup = "pickup";
}
