using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Routing;

public enum BookingOutcome { Booked, AlreadyBooked, Full }

/// <summary>
/// A vehicle trip and the shipments booked on it. The load is the sum of the bookings, so booking a
/// shipment twice (a redelivered message) cannot count it twice, and a release removes it once.
/// </summary>
public sealed class Run
{
    private readonly Dictionary<string, long> _bookings;

    public RunKey Key { get; }
    public string Id => Key.Id;
    /// <summary>Fixed when the run is opened: a trip already planned keeps its vehicle when the network is edited.</summary>
    public long CapacityGrams { get; }
    public long LoadGrams { get; private set; }
    public IReadOnlyDictionary<string, long> Bookings => _bookings;
    public IReadOnlyList<string> ShipmentIds => [.. _bookings.Keys.Order(StringComparer.Ordinal)];

    private Run(RunKey key, long capacityGrams, Dictionary<string, long> bookings)
    {
        if (capacityGrams < 1) throw new ArgumentOutOfRangeException(nameof(capacityGrams));
        (Key, CapacityGrams, _bookings) = (key, capacityGrams, bookings);
        LoadGrams = bookings.Values.Aggregate(0L, (sum, w) => checked(sum + w));
    }

    public static Run Open(RunKey key, long capacityGrams) => new(key, capacityGrams, new(StringComparer.Ordinal));

    /// <summary>Rebuilds a stored run. Load may exceed capacity only if bookings were made before a capacity cut; that is kept, not rejected.</summary>
    public static Run Restore(RunKey key, long capacityGrams, IEnumerable<KeyValuePair<string, long>> bookings)
    {
        var copy = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, weight) in bookings)
        {
            if (weight < 1) throw new ArgumentException($"Booking {id} has no weight.", nameof(bookings));
            if (!copy.TryAdd(id, weight)) throw new ArgumentException($"Shipment {id} is booked twice.", nameof(bookings));
        }
        return new Run(key, capacityGrams, copy);
    }

    public bool Holds(string shipmentId) => _bookings.ContainsKey(shipmentId);

    /// <summary>True when the shipment is on this run already or fits in what is left.</summary>
    public bool CanTake(string shipmentId, long weightGrams) => Holds(shipmentId) || LoadGrams + weightGrams <= CapacityGrams;

    /// <exception cref="ConflictException">the shipment is booked already with another weight (weights are derived, so this is a bug or tampering).</exception>
    public BookingOutcome TryBook(string shipmentId, long weightGrams)
    {
        if (!Ids.IsSafe(shipmentId)) throw new ArgumentException("Not a shipment id.", nameof(shipmentId));
        ArgumentOutOfRangeException.ThrowIfLessThan(weightGrams, 1);
        if (_bookings.TryGetValue(shipmentId, out var booked))
            return booked == weightGrams ? BookingOutcome.AlreadyBooked
                : throw new ConflictException($"Shipment {shipmentId} is on run {Id} with {booked} g, not {weightGrams} g.");
        if (LoadGrams + weightGrams > CapacityGrams) return BookingOutcome.Full;
        _bookings.Add(shipmentId, weightGrams);
        LoadGrams += weightGrams;
        return BookingOutcome.Booked;
    }

    /// <summary>Frees the shipment's space. False when it was not on the run (released already): the caller need not write.</summary>
    public bool Release(string shipmentId)
    {
        if (!_bookings.Remove(shipmentId, out var weight)) return false;
        LoadGrams -= weight;
        return true;
    }
}
