namespace Lianhua.Commerce.Core.Idempotency;

/// <summary>
/// The answer kept with an Idempotency-Key and given again, byte for byte, to a replay. A success keeps its JSON body; a
/// rejection (status 400 and up) keeps a <see cref="StoredRejection"/>, which the HTTP layer writes as a problem detail.
/// </summary>
public sealed record StoredResponse(int Status, string Body, bool Replayed = false)
{
    public bool IsRejection => Status >= 400;

    /// <summary>This attempt's own commit wrote it (and so passed the caller's key fence, when there was one).</summary>
    public bool CommittedHere { get; init; }

    public static StoredResponse Success(int status, object body) => new(status, System.Text.Json.JsonSerializer.Serialize(body, Common.Json.Options));

    public static StoredResponse Rejection(int status, StoredRejection rejection) =>
        new(status, System.Text.Json.JsonSerializer.Serialize(rejection, Common.Json.Options));
}
