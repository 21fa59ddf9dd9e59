namespace Lianhua.Commerce.Core.Routing;

public static class LegStatus
{
    public const string Planned = "planned";
    public const string InTransit = "in_transit";
    public const string Arrived = "arrived";
}
