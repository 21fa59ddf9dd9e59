using Lianhua.Commerce.Functions;
using Lianhua.Commerce.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ErrorMiddleware>();
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
// The App Insights provider logs Warning and above by default; structured Information logs (OrderId, StationId) matter here.
builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
    options.Rules.Remove(options.Rules.FirstOrDefault(r => r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider")!));
builder.Services.AddCommerceFunctions(builder.Configuration);
builder.Services.AddHostedService<StartupTasks>();
builder.Build().Run();
