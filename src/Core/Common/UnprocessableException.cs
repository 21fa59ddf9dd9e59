namespace Lianhua.Commerce.Core.Common;

public sealed class UnprocessableException(string detail) : CommerceException("Unprocessable request", detail)
{
    public override int Status => 422;
}
