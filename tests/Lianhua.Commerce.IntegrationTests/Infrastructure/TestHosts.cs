using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>A short placement lease (2 s: a placement stops taking stock after half of it, which a loaded machine must still allow) so abandoned placements are taken over within the test's patience.</summary>
public sealed class ShortLeaseHost() : LocalHostFixture(("Commerce:Orders:PlacementLease", "00:00:02"), ("Commerce:Orders:InFlightWait", "00:00:01"));

/// <summary>Routing looks again after 2 s (an hour in production) when a link has no room within the days it books.</summary>
public class ShortNoRoomRetryHost() : LocalHostFixture(("Commerce:Orders:NoRoomRetry", "00:00:02"));

/// <summary>A host whose clock a test moves on (a day, say); routing looks again after 2 s when a link has no room.</summary>
public sealed class MovableClockHost : ShortNoRoomRetryHost
{
    public ShiftedClock Clock { get; } = new();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>A host whose clock a test moves on by months, to run the retention timers as they would run then.</summary>
public sealed class RetentionHost : LocalHostFixture
{
    public ShiftedClock Clock { get; } = new();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
