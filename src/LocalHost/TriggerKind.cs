namespace Lianhua.Commerce.LocalHost;

public enum TriggerKind { Http, Queue, Timer }
