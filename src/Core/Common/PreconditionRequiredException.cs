namespace Lianhua.Commerce.Core.Common;

public sealed class PreconditionRequiredException(string detail) : CommerceException("Precondition required", detail)
{
    public override int Status => 428;
}
