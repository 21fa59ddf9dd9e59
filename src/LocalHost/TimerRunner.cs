using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.LocalHost;

/// <summary>Runs a timer-triggered function on its 6-field NCRONTAB schedule, in UTC, as the host does on Linux.</summary>
public sealed class TimerRunner(FunctionDescriptor function, IConfiguration configuration, IServiceProvider services,
    TimeProvider clock, ILogger<TimerRunner> logger) : BackgroundService
{
    public FunctionDescriptor Function => function;

    public static CronExpression Parse(string schedule) => CronExpression.Parse(schedule, CronFormat.IncludeSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = Parse(Resolve(function.Schedule!, configuration));
        DateTime? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null) return;
            try
            {
                await Task.Delay(next.Value - now, clock, stoppingToken);
            }
            catch (OperationCanceledException) { return; }
            var info = new TimerInfo
            {
                IsPastDue = clock.GetUtcNow().UtcDateTime - next.Value > TimeSpan.FromSeconds(30),
                ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = schedule.GetNextOccurrence(next.Value, TimeZoneInfo.Utc) ?? default, LastUpdated = next.Value },
            };
            last = next.Value;
            try
            {
                await using var scope = services.CreateAsyncScope();
                var arguments = function.Method.GetParameters()
                    .Select(p => p.ParameterType == typeof(CancellationToken) ? stoppingToken : (object)info).ToArray();
                await FunctionInvoker.InvokeAsync(scope.ServiceProvider, function.Method, arguments);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Timer function {Function} failed", function.Name);
            }
        }
    }

    /// <summary>A schedule may be an app setting: "%Name%".</summary>
    public static string Resolve(string schedule, IConfiguration configuration) =>
        schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%'
            ? configuration[schedule[1..^1]] ?? throw new InvalidOperationException($"Setting {schedule} is not configured.")
            : schedule;
}
