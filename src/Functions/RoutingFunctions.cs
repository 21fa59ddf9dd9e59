using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class RoutingFunctions(OrderRouter router)
{
    /// <summary>Transient storage errors escape so the host retries and finally poisons the message.</summary>
    [Function("RouteOrder")]
    public Task Route([QueueTrigger(QueueNames.OrdersPlaced)] OrdersPlacedMessage message, CancellationToken ct) =>
        router.HandleAsync(message, ct);
}
