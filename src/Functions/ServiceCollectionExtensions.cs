using Lianhua.Commerce.Core;
using Lianhua.Commerce.Core.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.Functions;

public static class ServiceCollectionExtensions
{
    /// <summary>The app's registrations: shared by src/Functions/Program.cs and LocalHost, so both run the same services.</summary>
    public static IServiceCollection AddCommerceFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCommerceCore(configuration);
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        return services;
    }
}
