using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;
using static Lianhua.Commerce.Core.Tests.Routing.Routes;

namespace Lianhua.Commerce.Core.Tests.Routing;

public sealed class ShipmentScanTests
{
    private static readonly string[] Path = [LukouA, LukouHub, Warehouse, LiangfangHub, LiangfangA];

    /// <summary>The legal sequence across two townships: 4 departs, 4 arrives, 1 pickup.</summary>
    private static IEnumerable<(string Event, string Node)> FullSequence()
    {
        for (var i = 0; i < 4; i++)
        {
            yield return (ScanEvent.Depart, Path[i]);
            yield return (ScanEvent.Arrive, Path[i + 1]);
        }
        yield return (ScanEvent.Pickup, LiangfangA);
    }

    private static TransitionResult Apply(Shipment s, string scanEvent, string node, string code = Code) => scanEvent switch
    {
        ScanEvent.Depart => s.Depart(node, At),
        ScanEvent.Arrive => s.Arrive(node, At),
        _ => s.Pickup(node, code, At),
    };

    [Fact]
    public void Scans_AcrossTwoTownships_InOrder_DeliverTheShipment()
    {
        var s = BookedShipment();
        Assert.Equal(ShipmentStatus.Routed, s.Status);
        foreach (var (scanEvent, node) in FullSequence())
        {
            Assert.True(Apply(s, scanEvent, node).Succeeded, $"{scanEvent} at {node}");
            if (scanEvent == ScanEvent.Depart) Assert.Null(s.CurrentNodeId);
        }
        Assert.Equal(ShipmentStatus.Delivered, s.Status);
        Assert.Equal(FullSequence().ToList(), s.Events.Select(e => (e.Event, e.NodeId)).ToList());
        Assert.All(s.Legs, l => Assert.Equal(LegStatus.Arrived, l.Status));
    }

    [Fact]
    public void Scans_StatusFollowsTheJourney()
    {
        var s = BookedShipment();
        s.Depart(LukouA, At);
        Assert.Equal((ShipmentStatus.InTransit, LegStatus.InTransit), (s.Status, s.Legs[0].Status));
        s.Arrive(LukouHub, At);
        Assert.Equal((ShipmentStatus.InTransit, LukouHub), (s.Status, s.CurrentNodeId));
        foreach (var (e, n) in FullSequence().Skip(2).Take(6)) Apply(s, e, n);
        Assert.Equal((ShipmentStatus.ReadyForPickup, LiangfangA), (s.Status, s.CurrentNodeId));
    }

    [Fact]
    public void Scans_EveryOutOfOrderEvent_IsRejectedAndChangesNothing()
    {
        var steps = FullSequence().ToList();
        var allScans = Path.SelectMany(n => new[] { (ScanEvent.Depart, n), (ScanEvent.Arrive, n), (ScanEvent.Pickup, n) }).ToList();
        for (var done = 0; done <= steps.Count; done++)
        {
            var s = BookedShipment();
            foreach (var (e, n) in steps.Take(done)) Apply(s, e, n);
            var legal = done < steps.Count ? steps[done] : default;
            foreach (var (e, n) in allScans.Where(scan => scan != legal))
            {
                var before = s.ToSnapshot();
                var result = Apply(s, e, n);
                Assert.Equal(TransitionOutcome.OutOfOrder, result.Outcome);
                Assert.False(result.Changed);
                Assert.Equivalent(before, s.ToSnapshot(), strict: true);
                Assert.Equal(409, Assert.Throws<ConflictException>(result.ThrowIfRejected).Status);
            }
        }
    }

    [Fact]
    public void Pickup_FiveWrongCodes_LockTheShipment_UntilTheCountyUnlocks()
    {
        var s = ReadyAtDestination();
        for (var i = 1; i <= Shipment.MaxWrongCodes; i++)
        {
            var wrong = s.Pickup(LiangfangA, "000000", At);
            Assert.Equal((TransitionOutcome.WrongCode, true), (wrong.Outcome, wrong.Changed));
            Assert.Equal(422, Assert.Throws<UnprocessableException>(wrong.ThrowIfRejected).Status);
        }
        Assert.True(s.IsLocked);
        var locked = s.Pickup(LiangfangA, Code, At);
        Assert.Equal((TransitionOutcome.Locked, false), (locked.Outcome, locked.Changed));
        Assert.Throws<ConflictException>(locked.ThrowIfRejected);
        Assert.Equal(ShipmentStatus.ReadyForPickup, s.Status);

        Assert.True(s.Unlock().Changed);
        Assert.Equal(0, s.WrongCodeCount);
        Assert.True(s.Pickup(LiangfangA, Code, At).Succeeded);
        Assert.Equal(ShipmentStatus.Delivered, s.Status);
    }

    [Fact]
    public void Pickup_FourWrongCodesThenTheRightOne_Delivers()
    {
        var s = ReadyAtDestination();
        for (var i = 0; i < 4; i++) s.Pickup(LiangfangA, "999999", At);
        Assert.False(s.IsLocked);
        Assert.True(s.Pickup(LiangfangA, Code, At).Succeeded);
        Assert.Equal(ShipmentStatus.Delivered, s.Status);
    }

    [Fact]
    public void SameStation_ShipmentHasNoLegs_AndIsReadyForPickupAtOnce()
    {
        var s = BookedShipment(LukouA, LukouA);
        Assert.Empty(s.Legs);
        Assert.Equal(ShipmentStatus.ReadyForPickup, s.Status);
        Assert.Equal(TransitionOutcome.OutOfOrder, s.Depart(LukouA, At).Outcome);
        Assert.True(s.Pickup(LukouA, Code, At).Succeeded);
    }

    [Fact]
    public void IsOnPath_CoversTheNodesOfTheLegsOnly()
    {
        var s = BookedShipment(LukouA, LukouB);
        Assert.All([LukouA, LukouHub, LukouB], n => Assert.True(s.IsOnPath(n)));
        Assert.All([Warehouse, LiangfangHub, LiangfangA], n => Assert.False(s.IsOnPath(n)));
    }

    [Fact]
    public void Cancel_OnlyBeforeDeparture_AndTwiceIsANoOp()
    {
        var s = BookedShipment();
        Assert.True(s.Cancel().Changed);
        Assert.False(s.Cancel().Changed);
        Assert.Equal(TransitionOutcome.OutOfOrder, s.Depart(LukouA, At).Outcome);

        var moving = BookedShipment();
        moving.Depart(LukouA, At);
        Assert.Equal(TransitionOutcome.OutOfOrder, moving.Cancel().Outcome);
    }

    [Fact]
    public void Snapshot_RoundTripsTheState()
    {
        var s = BookedShipment();
        s.Depart(LukouA, At);
        s.Arrive(LukouHub, At);
        var restored = Shipment.Restore(s.ToSnapshot());
        Assert.Equivalent(s.ToSnapshot(), restored.ToSnapshot(), strict: true);
        Assert.True(restored.Depart(LukouHub, At).Succeeded);
        Assert.Throws<ArgumentException>(() => Shipment.Restore(s.ToSnapshot() with { Legs = [.. s.Legs.Reverse()] }));
    }

    private static Shipment ReadyAtDestination()
    {
        var s = BookedShipment();
        foreach (var (e, n) in FullSequence().SkipLast(1)) Apply(s, e, n);
        return s;
    }
}
