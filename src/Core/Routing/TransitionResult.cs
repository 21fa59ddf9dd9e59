using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// What a shipment transition did. A result rather than an exception because a wrong pickup code is
/// rejected and still changes state (the attempt counts): the caller saves when <see cref="Changed"/>,
/// then calls <see cref="ThrowIfRejected"/>. Forgetting the save would let a caller guess codes forever.
/// </summary>
public sealed record TransitionResult(TransitionOutcome Outcome, bool Changed, string Detail)
{
    public bool Succeeded => Outcome == TransitionOutcome.Applied;

    internal static TransitionResult Applied(string detail, bool changed = true) => new(TransitionOutcome.Applied, changed, detail);
    internal static TransitionResult OutOfOrder(string detail) => new(TransitionOutcome.OutOfOrder, false, detail);
    internal static TransitionResult Locked(string detail) => new(TransitionOutcome.Locked, false, detail);
    internal static TransitionResult WrongCode(string detail) => new(TransitionOutcome.WrongCode, true, detail);

    /// <summary>Out of order and locked → 409, wrong code → 422 (the contract's statuses).</summary>
    public void ThrowIfRejected()
    {
        switch (Outcome)
        {
            case TransitionOutcome.OutOfOrder:
            case TransitionOutcome.Locked:
                throw new ConflictException(Detail, new Dictionary<string, object?> { ["reason"] = Reason });
            case TransitionOutcome.WrongCode:
                throw new UnprocessableException(Detail);
        }
    }

    private string Reason => Outcome == TransitionOutcome.Locked ? "locked" : "out_of_order";
}
