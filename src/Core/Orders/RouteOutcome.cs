namespace Lianhua.Commerce.Core.Orders;

public enum RouteOutcome { Routed, AlreadyRouted, NotPlaced, Deferred, NotRoutable, Released }
