using Lianhua.Commerce.Testing;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// The Azurite every test in this process talks to: LIANHUA_TEST_STORAGE when scripts/test.sh started one,
/// else one started here (in memory, free ports) and stopped when the process exits.
/// </summary>
public static class TestStorage
{
    private static readonly Lazy<string> Connection = new(() =>
        Environment.GetEnvironmentVariable("LIANHUA_TEST_STORAGE") is { Length: > 0 } configured ? configured : AzuriteProcess.Start());

    public static string ConnectionString => Connection.Value;

    public static string RepoRoot => AzuriteProcess.RepoRoot;

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    public static int FreePort() => AzuriteProcess.FreePort();
}
