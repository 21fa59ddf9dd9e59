using Lianhua.Commerce.Core.Orders.Placement;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders;

public enum RouteOutcome { Routed, AlreadyRouted, NotPlaced, Deferred, NotRoutable, Released }
