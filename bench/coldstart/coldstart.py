"""Cold start of a fresh LocalHost process, two publishes compared: time to healthy, then a station key pair, a listing
and 20 orders one after another (the first order's latency on its own), and the process's CPU time. The variants start
alternately so the machine's drift falls on both alike. Run by bench/coldstart/run.sh."""
import json, os, subprocess, sys, time, urllib.request, uuid, socket

storage = os.environ["LIANHUA_TEST_STORAGE"]
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def call(base, key, method, path, body=None, headers=None):
    h = {"X-Api-Key": key, "Content-Type": "application/json"}
    h.update(headers or {})
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None, headers=h)
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, json.loads(r.read() or b"null")

def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")

def run(folder, orders):
    port = free_port(); county = "cs-" + uuid.uuid4().hex
    env = dict(os.environ, AzureWebJobsStorage=storage, ASPNETCORE_URLS=f"http://127.0.0.1:{port}", Commerce__CountyApiKey=county,
               Commerce__StoragePrefix="c" + uuid.uuid4().hex[:8], Logging__LogLevel__Default="Warning")
    t0 = time.monotonic()
    p = subprocess.Popen(["dotnet", os.path.join(folder, "Lianhua.Commerce.LocalHost.dll")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/api/"
    while True:
        try:
            urllib.request.urlopen(base + "health", timeout=1); break
        except Exception: time.sleep(0.02)
    ready = time.monotonic() - t0
    cpu_ready = cpu(p.pid)
    t1 = time.monotonic()
    _, seller = call(base, county, "POST", "keys", {"role": "station", "scopeId": "st-360321101-01"})
    _, buyer = call(base, county, "POST", "keys", {"role": "station", "scopeId": "st-360321204-01"})
    _, listing = call(base, seller["key"], "POST", "listings", {"title": "莲花白莲 500g", "category": "lotus-seed", "unit": "bag", "unitWeightGrams": 500, "priceFen": 4550, "stock": 1000, "producers": []})
    lat = []
    for i in range(orders):
        s = time.monotonic()
        st, _ = call(base, buyer["key"], "POST", "orders", {"lines": [{"listingId": listing["id"], "quantity": 1}], "recipient": {"name": "王芳", "phone": "13907990000"}, "paymentMethod": "cod"}, {"Idempotency-Key": uuid.uuid4().hex})
        assert st == 201
        lat.append(time.monotonic() - s)
    first_work = time.monotonic() - t1
    total_cpu = cpu(p.pid)
    p.terminate(); p.wait()
    return ready, cpu_ready, first_work, lat[0], total_cpu

variants = {"ReadyToRun": sys.argv[1], "JIT": sys.argv[2]}
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
res = {k: [] for k in variants}
for r in range(rounds):
    for name, folder in (variants.items() if r % 2 == 0 else reversed(list(variants.items()))):
        res[name].append(run(folder, 20))
for name, rows in res.items():
    print(f"{name}: ready s, CPU at ready s, 2 keys + listing + 20 orders s, first order s, CPU at the end s")
    for row in rows: print("   ", " ".join(f"{x:.2f}" for x in row))
    med = [sorted(c)[len(c)//2] for c in zip(*rows)]
    print("  median", " ".join(f"{x:.2f}" for x in med))
