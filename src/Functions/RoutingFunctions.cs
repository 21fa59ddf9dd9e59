using Lianhua.Commerce.Core.Operations;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class RoutingFunctions(OrderRouter router, QueueWork work)
{
    /// <summary>
    /// Transient storage errors escape so the host retries and finally poisons the message; the text is read here (not by the
    /// binding) so that a message no one can read fails the same way and its error is recorded for the county.
    /// </summary>
    [Function("RouteOrder")]
    public Task Route([QueueTrigger(QueueNames.OrdersPlaced)] string message, CancellationToken ct) =>
        work.RunAsync<OrdersPlacedMessage>(QueueNames.OrdersPlaced, message, router.HandleAsync, ct);
}
