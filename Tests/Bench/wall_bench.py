#!/usr/bin/env python3
"""Wall benchmark: N wall processes on one store, each in its own window of a private
tmux server; an appender raises RATE alerts a second for DURATION seconds through
`gridwatch ingest --batch 1` (one durable append each). Prints the delay from each
append being acknowledged to each wall drawing a frame that includes it (p50/p99 over
all walls and events), the CPU each wall used while busy and while idle, and the bytes
an idle wall writes to its terminal per second.

    swift build -c release --product gridwatch
    python3 Tests/Bench/wall_bench.py [--walls 30] [--rate 100] [--duration 30]
"""
import argparse, json, os, subprocess, sys, tempfile, threading, time

def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime

def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else float("nan")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--walls", type=int, default=30)
    ap.add_argument("--rate", type=int, default=100)
    ap.add_argument("--duration", type=int, default=30)
    ap.add_argument("--idle", type=int, default=20)
    ap.add_argument("--gw", default=".build/release/gridwatch")
    a = ap.parse_args()
    gw = os.path.abspath(a.gw)
    d = tempfile.mkdtemp(prefix="gw-wallbench-")
    os.chmod(d, 0o755)
    # The account running the benchmark may do everything (the access policy is not what is measured).
    import pwd
    me = pwd.getpwuid(os.getuid()).pw_name
    with open(f"{d}/access.toml", "w") as f:
        for role in ("lead", "admin", "intake"):
            f.write(f'[[grant]]\nuser = "{me}"\nrole = "{role}"\nunit = "*"\n\n')
    os.environ["GRIDWATCH_ACCESS"] = f"{d}/access.toml"
    store = f"{d}/store"
    subprocess.run([gw, "init", "--store", store, "--sample", "dalian"], check=True, capture_output=True)
    sock = "gwbench-" + str(os.getpid())
    tmux = ["tmux", "-u", "-L", sock, "-f", "/dev/null"]
    env = "export LANG=C.UTF-8 TERM=tmux-256color;"
    subprocess.run(tmux + ["new-session", "-d", "-x", "120", "-y", "40", "sleep 100000"], check=True)
    try:
        for i in range(a.walls):
            cmd = f"{env} GRIDWATCH_FRAME_TRACE={d}/trace-{i} exec {gw} wall --store {store} --stale-after 3600"
            subprocess.run(tmux + ["new-window", "-d", "-t", f"{i + 1}", cmd], check=True)
        time.sleep(4)
        pids = [int(p) for p in subprocess.run(["pgrep", "-f", f"^{gw} wall --store {store}"], capture_output=True, text=True).stdout.split()]
        assert len(pids) == a.walls, f"{len(pids)} walls running"
        hz = os.sysconf("SC_CLK_TCK")

        ack = {}
        ing = subprocess.Popen([gw, "ingest", "--store", store, "--batch", "1", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        def reader():
            for line in ing.stdout:
                parts = line.split()
                if len(parts) == 2:
                    ack[parts[1]] = time.time() * 1000
        t = threading.Thread(target=reader); t.start()
        before = {p: ticks(p) for p in pids}
        start = time.time()
        n = 0
        while time.time() - start < a.duration:
            due = start + n / a.rate
            if time.time() < due:
                time.sleep(due - time.time())
            line = {"unit": "210203004001001", "category": "petition", "level": "blue", "title": f"bench {n}", "external_id": f"b{n}"}
            ing.stdin.write(json.dumps(line, ensure_ascii=False) + "\n"); ing.stdin.flush()
            n += 1
        busy = time.time() - start
        busy_cpu = {p: (ticks(p) - before[p]) / hz / busy * 100 for p in pids}
        ing.stdin.close(); ing.wait(); t.join()
        time.sleep(3)

        # Idle: CPU over a quiet period, and bytes one wall writes to its terminal.
        before = {p: ticks(p) for p in pids}
        subprocess.run(tmux + ["pipe-pane", "-t", "1", "-o", f"cat > {d}/idle-bytes"], check=True)
        time.sleep(a.idle)
        subprocess.run(tmux + ["pipe-pane", "-t", "1"], check=True)
        idle_cpu = {p: (ticks(p) - before[p]) / hz / a.idle * 100 for p in pids}
        idle_bytes = os.path.getsize(f"{d}/idle-bytes") / a.idle

        seq = {}
        for line in subprocess.run([gw, "events", "--store", store, "--json", "--since", "1"], capture_output=True, text=True).stdout.splitlines():
            e = json.loads(line)
            if e.get("type") == "caseReported": seq[e["case"]] = e["seq"]
        delays = []
        for i in range(a.walls):
            frames = [tuple(map(int, l.split())) for l in open(f"{d}/trace-{i}") if l.strip()]
            j = 0
            for case, s in sorted(((c, s) for c, s in seq.items() if c in ack), key=lambda x: x[1]):
                while j < len(frames) and frames[j][0] < s: j += 1
                if j < len(frames): delays.append(max(0.0, frames[j][1] - ack[case]))
        print(f"walls {a.walls}, appends {len(ack)} at {a.rate}/s for {a.duration}s, {os.cpu_count()} cores")
        print(f"append-to-screen delay ms: p50 {pct(delays, 50):.0f}  p99 {pct(delays, 99):.0f}  max {max(delays):.0f}  (n={len(delays)})")
        print(f"CPU per wall while busy, % of a core: mean {sum(busy_cpu.values()) / len(pids):.2f}  max {max(busy_cpu.values()):.2f}")
        print(f"CPU per wall while idle, % of a core: mean {sum(idle_cpu.values()) / len(pids):.3f}  max {max(idle_cpu.values()):.3f}")
        print(f"bytes an idle wall writes to its terminal: {idle_bytes:.0f} per second")
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)

if __name__ == "__main__":
    main()
