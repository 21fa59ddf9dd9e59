namespace Lianhua.Commerce.Core.Routing;

public sealed record LegBooking(Leg Leg, RunKey Run);
