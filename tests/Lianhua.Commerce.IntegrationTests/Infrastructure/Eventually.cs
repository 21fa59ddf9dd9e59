namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

public static class Eventually
{
    public static Task True(Func<bool> condition, int seconds = 20, string? because = null) =>
        True(() => Task.FromResult(condition()), seconds, because);

    public static async Task True(Func<Task<bool>> condition, int seconds = 20, string? because = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because ?? $"condition not met within {seconds} s");
            await Task.Delay(100);
        }
    }
}
