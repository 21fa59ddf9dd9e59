using Lianhua.Commerce.Functions;
using Lianhua.Commerce.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ErrorMiddleware>();
builder.Services.AddCommerceFunctions(builder.Configuration);
builder.Services.AddHostedService<StartupTasks>();
builder.Build().Run();
