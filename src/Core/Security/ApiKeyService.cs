using System.Security.Cryptography;
using System.Text;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Security.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Security;

/// <summary>
/// API keys look like <c>lh_{keyId}_{secret}</c>. Only the SHA-256 of the whole key is stored,
/// under PartitionKey = keyId, so authentication is one point read.
/// <para>
/// A station key also has a fence row in its station's partition of Orders (<see cref="FenceRow"/>), written before the key
/// and deleted before it. A placement may authenticate from this instance's copy of the key (no read); its commit
/// transaction touches the fence row (merge, If-Match *) whether the key was read afresh or not, so once a key is revoked,
/// on any instance, no placement with it commits, not even one that read the key just before; every other request reads
/// the key afresh. A revoked key stops working at once either way.
/// </para>
/// </summary>
public sealed class ApiKeyService(ApiKeyStore store, NetworkService network, IOptions<CommerceOptions> options,
    TimeProvider clock, ILogger<ApiKeyService> logger)
{
    public const string BootstrapKeyId = "county-bootstrap";
    private const int MaxCopies = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StoredKey> _copies = new();

    /// <inheritdoc cref="ApiKeyStore.FenceRow"/>
    public static string FenceRow(string keyId) => ApiKeyStore.FenceRow(keyId);

    /// <summary>Authenticates with a fresh read of the key.</summary>
    public Task<Caller> AuthenticateAsync(string? presentedKey, CancellationToken ct) => AuthenticateAsync(presentedKey, allowCopy: false, ct);

    /// <summary>
    /// With <paramref name="allowCopy"/>, a fenced station key this instance has read before is taken from its copy
    /// (<see cref="Caller.FromCopy"/>): the caller must then commit through the key's fence or call <see cref="VerifyAsync"/>.
    /// </summary>
    public async Task<Caller> AuthenticateAsync(string? presentedKey, bool allowCopy, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(presentedKey) || presentedKey.Length > 200) throw Reject(null);
        var hash = Hash(presentedKey);
        var bootstrap = options.Value.CountyApiKey;
        if (!string.IsNullOrEmpty(bootstrap) && CryptographicOperations.FixedTimeEquals(hash, Hash(bootstrap)))
            return new Caller(BootstrapKeyId, Role.County, null);

        var keyId = ParseKeyId(presentedKey) ?? throw Reject(null);
        if (allowCopy && _copies.TryGetValue(keyId, out var copy) && copy.Fenced
            && CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(copy.Hash)))
            return new Caller(keyId, Caller.ParseRole(copy.Role)!.Value, copy.ScopeId, FromCopy: true, Fenced: true);
        if (await store.FindAsync(keyId, ct) is not { } key
            || !CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(key.Hash)))
            throw Reject(keyId);
        if (key.Fenced)
        {
            if (_copies.Count >= MaxCopies) _copies.Clear();
            _copies[keyId] = key;
        }
        return new Caller(keyId, Caller.ParseRole(key.Role)!.Value, key.ScopeId, Fenced: key.Fenced);
    }

    /// <summary>For a caller authenticated from a copy: reads the key afresh and fails with 401 when it is gone.</summary>
    public async Task VerifyAsync(Caller caller, CancellationToken ct)
    {
        if (caller.FromCopy) await ReadAgainAsync(caller, ct);
    }

    private async Task ReadAgainAsync(Caller caller, CancellationToken ct)
    {
        if (await store.FindAsync(caller.KeyId, ct) is null) throw Reject(caller.KeyId);
    }

    /// <summary>
    /// Runs <paramref name="work"/> for a caller; if it fails with an answer to the client and the caller's key is fenced
    /// (taken from a copy, or read before a revocation that made its commit fail at the fence), the key is read afresh
    /// first, so a revoked key answers 401 before any other answer.
    /// </summary>
    public async Task<T> VerifiedOnFailureAsync<T>(Caller caller, Func<Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await work();
        }
        catch (CommerceException) when (caller.Fenced)
        {
            await ReadAgainAsync(caller, ct);
            throw;
        }
    }

    /// <summary>The 401 for a key that does not (or no longer) authenticate; this instance forgets its copy of it.</summary>
    private UnauthorizedException Reject(string? keyId)
    {
        if (keyId is not null) _copies.TryRemove(keyId, out _);
        return new UnauthorizedException("Send a valid X-Api-Key header.");
    }

    public async Task<IssuedKey> CreateAsync(Caller caller, string? roleName, string? scopeId, CancellationToken ct)
    {
        caller.RequireCounty();
        var v = new Validator();
        var role = Caller.ParseRole(roleName);
        if (role is null) v.Add("role", "must be county, station or hub.");
        if (role is Role.Station or Role.Hub)
        {
            if (string.IsNullOrEmpty(scopeId)) v.Add("scopeId", "is required for station and hub keys.");
            else
            {
                var net = await network.GetAsync(ct);
                var known = role == Role.Station ? net.FindStation(scopeId) is not null : net.FindHub(scopeId) is not null;
                if (!known) v.Add("scopeId", $"is not a {roleName} of the network.");
            }
        }
        else if (role == Role.County && !string.IsNullOrEmpty(scopeId)) v.Add("scopeId", "must be empty for county keys.");
        v.ThrowIfInvalid();

        var keyId = Ids.NewRandom()[..16];
        var key = $"lh_{keyId}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";
        var fenced = role == Role.Station;
        if (fenced) await store.AddFenceAsync(scopeId!, keyId, ct);
        await store.AddAsync(new StoredKey(keyId, Convert.ToBase64String(Hash(key)), roleName!, role == Role.County ? null : scopeId,
            fenced, clock.GetUtcNow(), caller.KeyId), ct);
        logger.LogInformation("API key {KeyId} created for role {Role} scope {ScopeId} by {CallerKeyId}", keyId, roleName, scopeId, caller.KeyId);
        return new IssuedKey(keyId, key, roleName!, role == Role.County ? null : scopeId);
    }

    public async Task RevokeAsync(Caller caller, string keyId, CancellationToken ct)
    {
        caller.RequireCounty();
        if (!Ids.IsSafe(keyId)) throw new NotFoundException("Key");
        // A delete, not a flag: the next authentication misses at once, on every instance. The fence goes first, so no
        // placement authenticated from a copy of the key commits after this.
        var existing = await store.FindAsync(keyId, ct) ?? throw new NotFoundException("Key");
        if (existing.Fenced && existing.ScopeId is not null) await store.DeleteFenceAsync(existing.ScopeId, keyId, ct);
        _copies.TryRemove(keyId, out _);
        if (!await store.DeleteAsync(keyId, ct)) throw new NotFoundException("Key");
        logger.LogInformation("API key {KeyId} revoked by {CallerKeyId}", keyId, caller.KeyId);
    }

    private static string? ParseKeyId(string key)
    {
        var parts = key.Split('_');
        return parts.Length == 3 && parts[0] == "lh" && Ids.IsSafe(parts[1]) ? parts[1] : null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
