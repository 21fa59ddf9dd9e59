using Lianhua.Commerce.LocalHost;

var app = await LocalHostApp.CreateAsync(args);
await app.StartAsync();
Console.WriteLine($"Lianhua.Commerce LocalHost is listening on {string.Join(", ", app.Urls)} (API under /api)");
Console.WriteLine($"County API key: {app.Configuration["Commerce:CountyApiKey"]}");
await app.WaitForShutdownAsync();
