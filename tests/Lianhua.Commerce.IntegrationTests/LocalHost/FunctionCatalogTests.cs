using System.Reflection;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Lianhua.Commerce.LocalHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lianhua.Commerce.IntegrationTests.LocalHost;

public sealed class FunctionCatalogTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly MethodInfo[] FunctionMethods = FunctionCatalog.FunctionsAssembly.GetTypes()
        .SelectMany(t => t.GetMethods()).Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null).ToArray();

    [Fact]
    public void EveryHttpFunction_IsServedOnItsRouteAndMethods()
    {
        var endpoints = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var http = FunctionMethods.Select(m => (m, t: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.t is not null).ToList();
        Assert.NotEmpty(http);
        foreach (var (method, trigger) in http)
        {
            var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
            var endpoint = Assert.Single(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name);
            Assert.Equal("/api/" + trigger!.Route, endpoint.RoutePattern.RawText);
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods;
            Assert.Equal(trigger.Methods!.Select(x => x.ToUpperInvariant()).Order(), methods.Order());
        }
    }

    [Fact]
    public void EveryQueueAndTimerFunction_HasAListenerWithTheSameQueueOrSchedule()
    {
        var services = host.App.Services.GetServices<IHostedService>().ToList();
        var listeners = services.OfType<QueueListener>().Select(l => l.Function).ToList();
        var timers = services.OfType<TimerRunner>().Select(t => t.Function).ToList();
        foreach (var method in FunctionMethods)
        {
            var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
            foreach (var p in method.GetParameters())
            {
                if (p.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
                    Assert.Equal(queue.QueueName, Assert.Single(listeners, l => l.Name == name).QueueName);
                if (p.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                    Assert.Equal(timer.Schedule, Assert.Single(timers, t => t.Name == name).Schedule);
            }
        }
        Assert.Equal(FunctionMethods.Length, FunctionCatalog.Discover(FunctionCatalog.FunctionsAssembly).Count);
    }

    [Fact]
    public void FunctionsMetadata_ListsEveryFunctionWithItsTrigger()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var path = Path.Combine(TestStorage.RepoRoot, "src", "Functions", "bin", configuration, "net10.0", "functions.metadata");
        var metadata = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        foreach (var function in FunctionCatalog.Discover(FunctionCatalog.FunctionsAssembly))
        {
            var entry = Assert.Single(metadata, m => m!["name"]!.GetValue<string>() == function.Name)!;
            var trigger = entry["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger"))!;
            switch (function.Kind)
            {
                case TriggerKind.Http:
                    Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
                    Assert.Equal(function.Route, trigger["route"]!.GetValue<string>());
                    Assert.Equal(function.HttpMethods.Select(m => m.ToLowerInvariant()).Order(), trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Order());
                    break;
                case TriggerKind.Queue:
                    Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
                    Assert.Equal(function.QueueName, trigger["queueName"]!.GetValue<string>());
                    break;
                case TriggerKind.Timer:
                    Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
                    Assert.Equal(function.Schedule, trigger["schedule"]!.GetValue<string>());
                    break;
            }
        }
        Assert.Equal(FunctionMethods.Length, metadata.Count);
    }

    [Fact]
    public void EveryTimerSchedule_IsAValidSixFieldNcrontab()
    {
        foreach (var timer in FunctionCatalog.Discover(FunctionCatalog.FunctionsAssembly).Where(f => f.Kind == TriggerKind.Timer))
        {
            Assert.Equal(6, timer.Schedule!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(TimerRunner.Parse(timer.Schedule).GetNextOccurrence(DateTime.UtcNow));
        }
    }

    [Fact]
    public void HostJson_IsReadWithTheHostsQueueSettings()
    {
        var settings = host.App.Services.GetRequiredService<HostSettings>();
        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(16, settings.BatchSize);
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.True(settings.Base64Messages);
        Assert.True(settings.MaxPollingInterval <= TimeSpan.FromSeconds(2));
    }
}
