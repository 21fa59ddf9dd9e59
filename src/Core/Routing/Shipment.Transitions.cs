namespace Lianhua.Commerce.Core.Routing;

public sealed partial class Shipment
{
    public TransitionResult Depart(string nodeId, DateTimeOffset at)
    {
        if (Finished() is { } finished) return finished;
        if (MovingLeg is { } moving) return TransitionResult.OutOfOrder($"Shipment {Id} is on the way from {moving.From} to {moving.To}; it must arrive at {moving.To} first.");
        if (NextLeg is not { } next) return TransitionResult.OutOfOrder($"Shipment {Id} is at its destination {DestinationStationId}; there is no leg left to depart on.");
        if (next.From != nodeId) return TransitionResult.OutOfOrder($"Shipment {Id} is at {next.From}, so it cannot depart from {nodeId}.");
        SetLeg(next with { Status = LegStatus.InTransit });
        Status = ShipmentStatus.InTransit;
        return Record(ScanEvent.Depart, nodeId, at, $"Shipment {Id} departed from {nodeId} for {next.To}.");
    }

    public TransitionResult Arrive(string nodeId, DateTimeOffset at)
    {
        if (Finished() is { } finished) return finished;
        if (MovingLeg is not { } moving) return TransitionResult.OutOfOrder($"Shipment {Id} is at {CurrentNodeId} and has not departed, so it cannot arrive at {nodeId}.");
        if (moving.To != nodeId) return TransitionResult.OutOfOrder($"Shipment {Id} is on the way to {moving.To}, not to {nodeId}.");
        SetLeg(moving with { Status = LegStatus.Arrived });
        if (NextLeg is null) Status = ShipmentStatus.ReadyForPickup;
        return Record(ScanEvent.Arrive, nodeId, at, $"Shipment {Id} arrived at {nodeId}.");
    }

    public TransitionResult Pickup(string nodeId, string? code, DateTimeOffset at)
    {
        if (Finished() is { } finished) return finished;
        if (Status != ShipmentStatus.ReadyForPickup) return TransitionResult.OutOfOrder($"Shipment {Id} has not arrived at {DestinationStationId} yet.");
        if (nodeId != DestinationStationId) return TransitionResult.OutOfOrder($"Shipment {Id} is picked up at {DestinationStationId}, not at {nodeId}.");
        if (IsLocked) return TransitionResult.Locked($"Shipment {Id} is locked after {MaxWrongCodes} wrong pickup codes; the county must unlock it.");
        if (!PickupCode.Matches(_pickupCode, code))
        {
            WrongCodeCount++;
            return TransitionResult.WrongCode(IsLocked
                ? $"Wrong pickup code. Shipment {Id} is now locked; the county must unlock it."
                : $"Wrong pickup code; {MaxWrongCodes - WrongCodeCount} attempts left before the shipment is locked.");
        }
        Status = ShipmentStatus.Delivered;
        return Record(ScanEvent.Pickup, nodeId, at, $"Shipment {Id} was picked up at {nodeId}.");
    }

    /// <summary>The county lifts a lock; the wrong-code count starts again. Unlocking an unlocked shipment changes nothing.</summary>
    public TransitionResult Unlock()
    {
        var changed = WrongCodeCount != 0;
        WrongCodeCount = 0;
        return TransitionResult.Applied($"Shipment {Id} is unlocked.", changed);
    }

    /// <summary>For an order cancel: only before departure. Cancelling twice is a no-op; the runs' bookings are released by the caller.</summary>
    public TransitionResult Cancel()
    {
        if (Status == ShipmentStatus.Cancelled) return TransitionResult.Applied($"Shipment {Id} is cancelled.", changed: false);
        if (Status == ShipmentStatus.Delivered || HasDeparted)
            return TransitionResult.OutOfOrder($"Shipment {Id} has departed already and can no longer be cancelled.");
        Status = ShipmentStatus.Cancelled;
        return TransitionResult.Applied($"Shipment {Id} is cancelled.");
    }

    private TransitionResult? Finished() => Status switch
    {
        ShipmentStatus.Delivered => TransitionResult.OutOfOrder($"Shipment {Id} has been delivered already."),
        ShipmentStatus.Cancelled => TransitionResult.OutOfOrder($"Shipment {Id} was cancelled."),
        _ => null,
    };

    private void SetLeg(ShipmentLeg leg) => _legs[leg.Seq - 1] = leg;

    private TransitionResult Record(string scanEvent, string nodeId, DateTimeOffset at, string detail)
    {
        _events.Add(new ShipmentEvent(scanEvent, nodeId, at.ToUniversalTime()));
        return TransitionResult.Applied(detail);
    }
}
