namespace Lianhua.Commerce.Core.Common;

public sealed class NotFoundException(string what) : CommerceException("Not found", $"{what} was not found.")
{
    public override int Status => 404;
}
