using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.Functions;

namespace Lianhua.Commerce.LocalHost;

/// <summary>Runs the Functions app's own function classes without Core Tools: Kestrel, queue listeners, timers.</summary>
public static class LocalHostApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static async Task<WebApplication> CreateAsync(string[] args, IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configureServices = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrEmpty(builder.Configuration["AzureWebJobsStorage"]) && !builder.Configuration.GetSection("AzureWebJobsStorage").GetChildren().Any())
            builder.Configuration["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);

        var countyKeyCreated = false;
        if (string.IsNullOrEmpty(builder.Configuration["Commerce:CountyApiKey"]))
        {
            var (key, created) = DevSecrets.GetOrCreate(DevSecrets.Folder(builder.Configuration), "county-api-key", DevSecrets.NewCountyKey);
            builder.Configuration["Commerce:CountyApiKey"] = key;
            countyKeyCreated = created;
        }
        var householdKeysCreated = DevSecrets.UseDevelopmentHouseholdKeys(builder.Configuration, DevSecrets.Folder(builder.Configuration));

        var settings = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        if (!settings.Base64Messages) throw new NotSupportedException("LocalHost supports messageEncoding base64 only.");
        var functions = FunctionCatalog.Discover(FunctionCatalog.FunctionsAssembly);

        builder.Services.AddCommerceFunctions(builder.Configuration);
        builder.Services.AddSingleton(settings);
        configureServices?.Invoke(builder.Services);
        foreach (var function in functions)
        {
            if (function.Kind == TriggerKind.Queue)
                builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueListener>(sp, function));
            if (function.Kind == TriggerKind.Timer)
                builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerRunner>(sp, function));
        }

        var app = builder.Build();
        HttpEndpoints.Map(app, functions, settings);
        await PrepareStorageAsync(app, ct);

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalHost");
        log.LogInformation("LocalHost serves {Count} functions: {Http} HTTP, {Queue} queue, {Timer} timer", functions.Count,
            functions.Count(f => f.Kind == TriggerKind.Http), functions.Count(f => f.Kind == TriggerKind.Queue), functions.Count(f => f.Kind == TriggerKind.Timer));
        if (countyKeyCreated) log.LogInformation("Made a development county key and kept it in {Folder}", DevSecrets.Folder(builder.Configuration));
        if (householdKeysCreated == true) log.LogInformation("Made development household data keys and kept them in {Folder}", DevSecrets.Folder(builder.Configuration));
        else if (householdKeysCreated == false) log.LogInformation("Using the development household data keys kept in {Folder}", DevSecrets.Folder(builder.Configuration));
        return app;
    }

    /// <summary>Tables, queues and the shipped network exist before the first request; waits for Azurite to come up.</summary>
    private static async Task PrepareStorageAsync(WebApplication app, CancellationToken ct)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalHost");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(ct);
                await app.Services.GetRequiredService<NetworkService>().SeedIfEmptyAsync(ct);
                return;
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                log.LogWarning("Storage is not answering yet ({Error}); retrying", e.Message);
                await Task.Delay(1000, ct);
            }
        }
    }
}
