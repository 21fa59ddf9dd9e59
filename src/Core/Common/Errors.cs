namespace Lianhua.Commerce.Core.Common;

/// <summary>A failure the client caused or can act on. Mapped to a problem detail by the HTTP layer.</summary>
public abstract class CommerceException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
    public abstract int Status { get; }
    public virtual IReadOnlyDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
    public virtual IReadOnlyDictionary<string, string>? Headers => null;
}

public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : CommerceException("Validation failed", "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
    public override int Status => 400;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class BadRequestException(string detail) : CommerceException("Bad request", detail)
{
    public override int Status => 400;
}

public sealed class UnauthorizedException(string detail) : CommerceException("Unauthorized", detail)
{
    public override int Status => 401;
}

public sealed class ForbiddenException(string detail) : CommerceException("Forbidden", detail)
{
    public override int Status => 403;
}

public sealed class NotFoundException(string what) : CommerceException("Not found", $"{what} was not found.")
{
    public override int Status => 404;
}

public class ConflictException(string detail, IReadOnlyDictionary<string, object?>? extensions = null, TimeSpan? retryAfter = null)
    : CommerceException("Conflict", detail)
{
    public override int Status => 409;
    public override IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
    public override IReadOnlyDictionary<string, string>? Headers { get; } =
        retryAfter is { } ra ? new Dictionary<string, string> { ["Retry-After"] = ((int)Math.Ceiling(ra.TotalSeconds)).ToString() } : null;
}

public sealed class PreconditionFailedException(string detail) : CommerceException("Precondition failed", detail)
{
    public override int Status => 412;
}

public sealed class PreconditionRequiredException(string detail) : CommerceException("Precondition required", detail)
{
    public override int Status => 428;
}

public sealed class PayloadTooLargeException(int limitBytes)
    : CommerceException("Payload too large", $"The request body is over {limitBytes / 1024} KiB.")
{
    public override int Status => 413;
}

public sealed class UnprocessableException(string detail) : CommerceException("Unprocessable request", detail)
{
    public override int Status => 422;
}
