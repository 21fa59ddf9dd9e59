using System.Text.Json;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Households.Storage;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// The registry of poverty households. A national ID registers once per county: the household row and the ID's blind
/// index row (and the Idempotency-Key's record) commit in one insert-only transaction. Personal data is sealed before it
/// reaches storage and opened only for the county's detail view; logs name households by id only.
/// </summary>
public sealed class HouseholdService(HouseholdStore store, NetworkService network, PersonalDataProtector protector,
    IdempotentOperations idempotency, IOptions<CommerceOptions> options, TimeProvider clock, ILogger<HouseholdService> logger)
{
    public const string RegisterOperation = "household";

    /// <summary>
    /// County only. 400 for a bad field, 409 when the national ID is registered already; with an Idempotency-Key a replay
    /// gets the first answer (422 for another body under the key).
    /// </summary>
    public async Task<RegisteredHousehold> RegisterAsync(Caller caller, IdempotencyKey? key, NewHousehold? input, CancellationToken ct)
    {
        caller.RequireCounty();
        var net = await network.GetAsync(ct);
        var now = clock.GetUtcNow();
        var registration = HouseholdRules.Check(input, net, BusinessDay.Of(now));
        var blindIndex = protector.BlindIndex(registration.NationalId);
        var request = key is { } k ? RequestOf(net.CountyCode, k, registration) : null;
        if (request is not null && await idempotency.FindAnswerAsync(request, ct) is { } replay) return Replayed(replay);

        // A fresh id per attempt: only a clash of two random 64-bit ids needs a second one.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var household = new Household(HouseholdId.New(net.CountyCode, registration.Station.Id), NameMask.Mask(registration.Name),
                registration.Station.TownshipCode, registration.Village, registration.Station.Id, registration.PairedUnit, registration.RegisteredYear);
            var response = StoredResponse.Success(201, household);
            var committed = await store.TryInsertAsync(net.CountyCode, Protect(household, registration, now), blindIndex,
                request?.Answered(response, household.Id, now), ct);
            // A refused insert may still be this attempt's own: the SDK retried a commit whose answer was lost (409).
            var owner = committed ? household.Id : await store.FindIndexOwnerAsync(net.CountyCode, blindIndex, ct);
            if (owner == household.Id)
            {
                logger.LogInformation("Household {HouseholdId} registered at station {StationId} by {KeyId}", household.Id, household.StationId, caller.KeyId);
                return new RegisteredHousehold(household, response);
            }
            if (request is not null && await idempotency.FindAnswerAsync(request, ct) is { } kept) return Replayed(kept);
            if (owner is not null)
            {
                logger.LogInformation("Household registration by {KeyId} refused: the national ID is registered already as {HouseholdId}", caller.KeyId, owner);
                // Only a county key gets here, and it may read that household anyway: naming it lets a client whose first
                // attempt's answer was lost (and who sent no Idempotency-Key) find the household it made.
                throw new ConflictException("A household with this national ID is registered already.",
                    new Dictionary<string, object?> { ["householdId"] = owner });
            }
        }
        throw new ConflictException("The registration could not be stored; try again.", retryAfter: TimeSpan.FromSeconds(1));
    }

    /// <summary>County only: the household with its full name and the last four characters of its national ID.</summary>
    public async Task<HouseholdDetails> GetAsync(Caller caller, string householdId, CancellationToken ct)
    {
        caller.RequireCounty();
        var stored = await store.FindAsync(householdId, ct) ?? throw new NotFoundException("Household");
        var id = stored.Household.Id;
        var name = protector.Open(stored.Name, ProtectedHousehold.Context(id, "name"));
        var nationalId = protector.Open(stored.NationalId, ProtectedHousehold.Context(id, "nationalId"));
        return HouseholdDetails.From(stored.Household, name, NationalId.Last4(nationalId));
    }

    /// <summary>A station's households, names masked: that station or the county; for anyone else the station does not exist.</summary>
    public Task<ResultPage<Household>> ListAsync(Caller caller, string stationId, int pageSize, string? continuationToken, CancellationToken ct)
    {
        if (!caller.IsCounty && !caller.IsStation(stationId)) throw new NotFoundException("Station");
        return store.ListAsync(options.Value.CountyCode, stationId, pageSize, continuationToken, ct);
    }

    /// <summary>
    /// The household with this id, or null when there is none (or the id is malformed): one point read, nothing decrypted.
    /// For listings (do a listing's producers exist?) and attribution (township, village and paired unit to copy).
    /// </summary>
    public async Task<Household?> FindAsync(string householdId, CancellationToken ct) =>
        (await store.FindAsync(householdId, ct))?.Household;

    /// <summary>The households of these ids that exist, by id (point reads in parallel); ids not found are absent.</summary>
    public async Task<IReadOnlyDictionary<string, Household>> FindManyAsync(IEnumerable<string> householdIds, CancellationToken ct)
    {
        var found = await Task.WhenAll(householdIds.Distinct(StringComparer.Ordinal).Select(id => FindAsync(id, ct)));
        return found.OfType<Household>().ToDictionary(h => h.Id, StringComparer.Ordinal);
    }

    private ProtectedHousehold Protect(Household household, HouseholdRegistration registration, DateTimeOffset now) => new(household,
        protector.Seal(registration.Name, ProtectedHousehold.Context(household.Id, "name")),
        protector.Seal(registration.NationalId, ProtectedHousehold.Context(household.Id, "nationalId")), now);

    private IdempotentRequest RequestOf(string countyCode, IdempotencyKey key, HouseholdRegistration r) =>
        new IdempotentRequest(countyCode, IdempotentRequest.RowOf(RegisterOperation, key.Value),
            protector.Fingerprint(r.Name, r.NationalId, r.Station.TownshipCode, r.Village, r.Station.Id, r.PairedUnit, r.RegisteredYear.ToString()),
            "household registration") { Table = TableNames.Households };

    private static RegisteredHousehold Replayed(StoredResponse replay) =>
        new(JsonSerializer.Deserialize<Household>(replay.Body, Json.Options)!, replay);
}
