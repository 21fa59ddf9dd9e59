using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// Every run of a link is full for the days routing may book (<see cref="RunPlanner.MaxDays"/>). Not a fault of the order:
/// runs free up (cancels) and the days move on, so routing waits and tries again.
/// </summary>
public sealed class NoRunWithRoomException(string detail) : ConflictException(detail);
