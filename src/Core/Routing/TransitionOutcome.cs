namespace Lianhua.Commerce.Core.Routing;

public enum TransitionOutcome { Applied, OutOfOrder, WrongCode, Locked }
