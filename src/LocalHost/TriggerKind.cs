using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.LocalHost;

public enum TriggerKind { Http, Queue, Timer }
