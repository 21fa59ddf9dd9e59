using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.Functions;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddCommerceFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
