using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Lianhua.Commerce.LocalHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lianhua.Commerce.IntegrationTests.LocalHost;

public sealed class TimerProbeFunctions
{
    public static readonly List<TimerInfo> Calls = [];

    [Function("ProbeEverySecond")]
    public void Tick([TimerTrigger("*/1 * * * * *")] TimerInfo timer)
    {
        lock (Calls) Calls.Add(timer);
    }

    [Function("ProbeFromSetting")]
    public void FromSetting([TimerTrigger("%Probe:Schedule%")] TimerInfo timer) { }
}

public sealed class TimerRunnerTests
{
    [Fact]
    public async Task SixFieldSchedule_InvokesTheFunctionOnEachOccurrence_WithScheduleStatus()
    {
        var function = FunctionCatalog.Discover(typeof(TimerProbeFunctions).Assembly).Single(f => f.Name == "ProbeEverySecond");
        var runner = new TimerRunner(function, new ConfigurationBuilder().Build(), new ServiceCollection().BuildServiceProvider(),
            TimeProvider.System, NullLogger<TimerRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        await Eventually.True(() => { lock (TimerProbeFunctions.Calls) return TimerProbeFunctions.Calls.Count >= 2; }, 10);
        await runner.StopAsync(CancellationToken.None);
        TimerInfo second;
        lock (TimerProbeFunctions.Calls) second = TimerProbeFunctions.Calls[1];
        Assert.False(second.IsPastDue);
        Assert.True(second.ScheduleStatus!.Next > second.ScheduleStatus.Last);
    }

    [Fact]
    public void ScheduleFromAnAppSetting_IsResolved_AndAMissingSettingFailsClearly()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Probe:Schedule"] = "0 0 18 * * *" }).Build();
        Assert.Equal("0 0 18 * * *", TimerRunner.Resolve("%Probe:Schedule%", configuration));
        Assert.Throws<InvalidOperationException>(() => TimerRunner.Resolve("%Missing%", configuration));
        var next = TimerRunner.Parse("0 0 18 * * *").GetNextOccurrence(new DateTime(2026, 11, 28, 17, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2026, 11, 28, 18, 0, 0, DateTimeKind.Utc), next);
    }
}
