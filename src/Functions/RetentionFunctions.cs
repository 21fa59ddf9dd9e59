using Lianhua.Commerce.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class RetentionFunctions(ClosedOrders closed, RetentionSweep sweep)
{
    /// <summary>Hourly: delivered and cancelled orders' reservations and claims leave the listings' partitions.</summary>
    [Function("CleanUpClosedOrders")]
    public Task CleanUp([TimerTrigger("0 20 * * * *")] TimerInfo timer, CancellationToken ct) => closed.RunAsync(ct);

    /// <summary>Daily at 19:30 UTC (03:30 in China, after the daily summary, before stations open): recipients erased, old key records, bookings and markers deleted.</summary>
    [Function("RetentionSweep")]
    public Task Sweep([TimerTrigger("0 30 19 * * *")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(ct);
}
