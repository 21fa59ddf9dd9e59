using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>The runs planning can see. Synchronous on purpose: the store prefetches a window (see <see cref="RunPlanner.LastDay"/>) and passes a <see cref="RunSet"/>.</summary>
public interface IRunLoads
{
    /// <summary>The run as stored, or null when nobody has booked it yet.</summary>
    Run? Find(RunKey key);
}

public sealed record LegBooking(Leg Leg, RunKey Run);

/// <summary>
/// Chooses a run for every leg; it writes nothing. The store then books each proposed run with
/// <see cref="Run.TryBook"/> under an ETag; if a run filled up meanwhile (Full, or 412 and Full on
/// re-read) it plans again from that leg with <see cref="PlanLeg"/>.
/// </summary>
public static class RunPlanner
{
    /// <summary>Legs are booked within this many days from the order's business day, or routing fails.</summary>
    public const int MaxDays = 30;

    public static DateOnly LastDay(DateOnly startDay) => startDay.AddDays(MaxDays - 1);

    /// <exception cref="UnprocessableException">the shipment is heavier than a link can ever carry.</exception>
    /// <exception cref="ConflictException">a leg finds no room before <see cref="LastDay"/>.</exception>
    public static IReadOnlyList<LegBooking> Plan(string shipmentId, IReadOnlyList<Leg> legs, long weightGrams, DateOnly startDay, IRunLoads runs)
    {
        // Check every leg first, so a shipment that can never go fails before any day search.
        foreach (var leg in legs) EnsureFits(shipmentId, leg, weightGrams);
        var bookings = new List<LegBooking>(legs.Count);
        var earliest = startDay;
        foreach (var leg in legs.OrderBy(l => l.Seq))
        {
            var key = PlanLeg(shipmentId, leg, weightGrams, earliest, LastDay(startDay), runs);
            bookings.Add(new LegBooking(leg, key));
            earliest = key.Date; // a later leg may share the day, never go before it
        }
        return bookings;
    }

    /// <summary>
    /// The run of the leg, from <paramref name="earliest"/> to <paramref name="latest"/>, that holds the
    /// shipment already (a replay after a crash: even if an earlier day has freed up since, moving
    /// would book it twice), else the first with room.
    /// </summary>
    public static RunKey PlanLeg(string shipmentId, Leg leg, long weightGrams, DateOnly earliest, DateOnly latest, IRunLoads runs)
    {
        EnsureFits(shipmentId, leg, weightGrams);
        RunKey? firstFit = null;
        for (var key = RunKey.For(leg, earliest); key.Date <= latest; key = key.NextDay())
        {
            var run = runs.Find(key);
            if (run is not null && run.Holds(shipmentId)) return key;
            if (firstFit is null && (run ?? Run.Open(key, leg.CapacityGrams)).CanTake(shipmentId, weightGrams)) firstFit = key;
        }
        if (firstFit is not null) return firstFit;
        throw new ConflictException(
            $"No run from {leg.From} to {leg.To} has room for shipment {shipmentId} ({weightGrams} g) between {BusinessDay.Format(earliest)} and {BusinessDay.Format(latest)}.");
    }

    public static void EnsureFits(string shipmentId, Leg leg, long weightGrams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weightGrams, 1);
        if (weightGrams > leg.CapacityGrams)
            throw new UnprocessableException(
                $"Shipment {shipmentId} weighs {weightGrams} g; a run from {leg.From} to {leg.To} carries at most {leg.CapacityGrams} g.");
    }
}
