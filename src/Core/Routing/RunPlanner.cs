using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// The rules of booking a leg on a run. The store (Storage/RunStore) walks the days from the leg's earliest day and
/// books the first run with room under the run's ETag; a shipment's leg, once booked, stays on its run (unless the order
/// waited for room past that run's day: routing then moves it, see DeliveryService).
/// </summary>
public static class RunPlanner
{
    /// <summary>Legs are booked within this many days from the order's business day, or routing fails.</summary>
    public const int MaxDays = 30;

    public static DateOnly LastDay(DateOnly startDay) => startDay.AddDays(MaxDays - 1);

    /// <summary>A run takes a shipment while its load stays within capacity (exactly full fits).</summary>
    public static bool HasRoom(long loadGrams, long capacityGrams, long weightGrams) => loadGrams + weightGrams <= capacityGrams;

    /// <exception cref="UnprocessableException">the shipment is heavier than a run of the link can ever carry.</exception>
    public static void EnsureFits(string shipmentId, Leg leg, long weightGrams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weightGrams, 1);
        if (weightGrams > leg.CapacityGrams)
            throw new UnprocessableException(
                $"Shipment {shipmentId} weighs {weightGrams} g; a run from {leg.From} to {leg.To} carries at most {leg.CapacityGrams} g.");
    }
}
