"""A real kura-server and kura-agent on 127.0.0.1 for the end-to-end benchmark.

ServerUnderTest starts kura-server on a fresh data folder (first start: tenant, administrator),
talks to its HTTP API, enrolls a fresh kura-agent and protects its server with an immediate
files plan. Process figures (peak RSS from /proc/PID/status VmHWM, CPU seconds from
/proc/PID/stat) are read from /proc; nothing here needs psutil.
"""

import base64
import datetime
import json
import os
import signal
import socket
import struct
import subprocess
import time
import urllib.error
import urllib.request

ADMIN_PASSWORD = "bench-admin-password"
TERMINAL_STATES = ("succeeded", "failed", "stopped", "cancelled", "interrupted")


class BenchError(Exception):
    pass


def _clock_ticks():
    return os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User plus system CPU seconds of a process (all its threads) so far."""
    with open("/proc/%d/stat" % pid) as f:
        # Field 2 (comm) may hold spaces; the fields after its closing parenthesis are fixed.
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _clock_ticks()


def peak_rss_kib(pid):
    """VmHWM of a running process: its peak resident set since start or the last reset."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise BenchError("no VmHWM in /proc/%d/status" % pid)


def reset_peak_rss(pid):
    """Resets VmHWM to the current RSS (Linux 4.0+: write 5 to clear_refs). False if refused."""
    try:
        with open("/proc/%d/clear_refs" % pid, "w") as f:
            f.write("5\n")
        return True
    except OSError:
        return False


def parse_iso(text):
    """An ISO 8601 UTC timestamp of the API ("2026-01-02T03:04:05.678Z") as epoch seconds."""
    if not text:
        return None
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


class Process:
    """A daemon started by the benchmark, with its output in a log file."""

    def __init__(self, argv, log_path, cwd=None):
        self.argv = argv
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.popen = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, cwd=cwd,
                                      stdin=subprocess.DEVNULL)
        self.pid = self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def log_tail(self, size=3000):
        self.log.flush()
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-size:].decode(errors="replace")
        except OSError:
            return ""

    def stop(self, timeout=30):
        """SIGTERM, then SIGKILL after `timeout` seconds. Returns the exit code."""
        if self.alive():
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self.log.close()
        return self.popen.returncode


def run(argv, env=None, what=None, timeout=3600):
    result = subprocess.run(argv, env=dict(os.environ, **(env or {})), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, timeout=timeout)
    if result.returncode != 0:
        raise BenchError("%s failed (exit %d):\n%s%s" % (what or " ".join(argv), result.returncode,
                                                         result.stdout[-2000:], result.stderr[-2000:]))
    return result.stdout


class Api:
    """Minimal JSON client of /api/v1 (urllib, no third-party modules)."""

    def __init__(self, port):
        self.base = "http://127.0.0.1:%d/api/v1" % port
        self.token = None

    def call(self, method, path, body=None, expect=(200, 201, 202)):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
        except urllib.error.URLError as e:
            raise BenchError("%s %s: %s" % (method, path, e.reason))
        if status not in expect:
            raise BenchError("%s %s answered %d: %s" % (method, path, status, text[:2000]))
        return json.loads(text) if text else None

    def login(self, tenant, user, password):
        self.token = self.call("POST", "/login", {"tenant": tenant, "user": user, "password": password})["token"]

    def events(self):
        return EventClient(self.base, self.token)


class EventClient:
    """The API's live events (WebSocket /api/v1/events, RFC 6455), as the console receives them:
    a job's end arrives when it happens, with no polling in between. Only what the benchmark
    needs: unfragmented text messages from the server; pings are answered."""

    def __init__(self, base, token):
        host, port = base.split("//", 1)[1].split("/", 1)[0].split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET /api/v1/events HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
                           "Authorization: Bearer %s\r\n\r\n" % (host, port, key, token)).encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise BenchError("the event stream was refused: %s" % head.decode(errors="replace")[:500])

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise BenchError("the server closed the event stream")
        self.buffer += data

    def _take(self, n):
        while len(self.buffer) < n:
            self._fill()
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def next_message(self, timeout):
        """The next text message as JSON, or None when nothing came within `timeout` seconds."""
        self.sock.settimeout(timeout)
        try:
            while True:
                first, second = self._take(2)
                length = second & 0x7F
                if length == 126:
                    length = struct.unpack(">H", self._take(2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", self._take(8))[0]
                payload = self._take(length)
                opcode = first & 0x0F
                if opcode == 0x1:
                    return json.loads(payload)
                if opcode == 0x8:
                    raise BenchError("the server closed the event stream: %r" % payload[2:])
                if opcode == 0x9:  # ping: answer with a masked pong
                    mask = os.urandom(4)
                    self.sock.sendall(bytes([0x8A, 0x80 | length]) + mask
                                      + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        except socket.timeout:
            return None

    def close(self):
        self.sock.close()


class ServerUnderTest:
    """kura-server on a fresh data folder under `folder`, and after enroll_agent() one kura-agent."""

    def __init__(self, binaries, folder, tick_ms=500):
        self.binaries = binaries
        self.folder = folder
        self.data = os.path.join(folder, "srv")
        self.agent_state = os.path.join(folder, "agent")
        self.agent = None
        self.server_id = None
        os.makedirs(folder)
        password_file = os.path.join(folder, "admin-password")
        with open(password_file, "w") as f:
            f.write(ADMIN_PASSWORD + "\n")
        ports_file = os.path.join(folder, "ports")
        self.server = Process([binaries["kura-server"], "--data", self.data, "--api-port", "0", "--agent-port", "0",
                               "--agent-address", "127.0.0.1", "--tick-ms", str(tick_ms), "--init-tenant", "acme",
                               "--init-admin", "admin", "--init-password-file", password_file,
                               "--ports-file", ports_file], os.path.join(folder, "kura-server.log"))
        ports = self._wait_for_ports(ports_file)
        self.api = Api(ports["api"])
        self.api.login("acme", "admin", ADMIN_PASSWORD)

    def _wait_for_ports(self, path, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.path.exists(path):
                with open(path) as f:
                    text = f.read()
                if text.endswith("\n"):
                    return {k: int(v) if k != "fingerprint" else v
                            for k, v in (item.split("=", 1) for item in text.split())}
            if not self.server.alive():
                raise BenchError("kura-server exited (%s):\n%s" % (self.server.popen.returncode, self.server.log_tail()))
            time.sleep(0.05)
        raise BenchError("kura-server did not write %s within %d s:\n%s" % (path, timeout, self.server.log_tail()))

    @property
    def repository(self):
        return os.path.join(self.data, "repositories", "1")

    @property
    def repository_key(self):
        return os.path.join(self.data, "keys", "repository-1.key")

    def enroll_agent(self, include_paths, run_args=(), timeout=60):
        """A one-time token, `kura-agent enroll`, `kura-agent run` (with `run_args`), then an
        immediate files plan of `include_paths`."""
        package = base64.b64decode(self.api.call("POST", "/enrollment-tokens",
                                                 {"region": "JP1", "validHours": 1})["package"])
        package_file = os.path.join(self.folder, "agent-package.zip")
        with open(package_file, "wb") as f:
            f.write(package)
        run([self.binaries["kura-agent"], "enroll", "--package", package_file, "--state", self.agent_state],
            what="kura-agent enroll", timeout=timeout)
        self.agent = Process([self.binaries["kura-agent"], "run", "--state", self.agent_state] + list(run_args),
                             os.path.join(self.folder, "kura-agent.log"))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            online = [s for s in self.api.call("GET", "/servers")["servers"] if s.get("online")]
            if online:
                self.server_id = int(online[0]["id"])
                break
            if not self.agent.alive():
                raise BenchError("kura-agent run exited (%s):\n%s" % (self.agent.popen.returncode, self.agent.log_tail()))
            time.sleep(0.1)
        else:
            raise BenchError("the enrolled agent did not come online within %d s:\n%s" % (timeout, self.agent.log_tail()))
        self.api.call("POST", "/servers/%d/protect" % self.server_id,
                      {"plan": {"timing": "immediate", "retentionDays": 7, "content": "files",
                                "includePaths": include_paths}})

    def backup(self, timeout=7200):
        """Runs an immediate files backup. Returns the figures of the finished job: request_s (from
        the request until the API's live events report its end), job_s (its started..ended), and
        the job (as GET /jobs/{id} shows it)."""
        return self._run_job("backup", "/servers/%d/backups" % self.server_id, {"kind": "files"}, timeout)

    def restore(self, generation_id, target_path, timeout=7200):
        """Restores a generation of the agent's server to `target_path` on it (overwrite: skip);
        the same figures as backup()."""
        return self._run_job("restore", "/servers/%d/restores" % self.server_id,
                             {"generationId": generation_id, "targetPath": target_path}, timeout)

    def _run_job(self, what, path, body, timeout):
        events = self.api.events()  # before the request, so that no event is missed
        try:
            started = time.monotonic()
            job = self.api.call("POST", path, body, expect=(202,))
            if "id" not in job or job["id"] is None:
                raise BenchError("the %s was not started: %s" % (what, json.dumps(job)[:2000]))
            job_id = int(job["id"])
            deadline = started + timeout
            while job.get("state") not in TERMINAL_STATES:
                if time.monotonic() > deadline:
                    raise BenchError("%s job %d did not finish within %d s" % (what, job_id, timeout))
                if not self.server.alive() or not self.agent.alive():
                    raise BenchError("a daemon exited during the %s:\nserver: %s\nagent: %s"
                                     % (what, self.server.log_tail(), self.agent.log_tail()))
                message = events.next_message(timeout=1.0)
                if message and message.get("type") == "job" and int(message["job"].get("id", 0)) == job_id:
                    job = message["job"]
            request_s = time.monotonic() - started
        finally:
            events.close()
        job = self.api.call("GET", "/jobs/%d" % job_id)
        if job["state"] != "succeeded":
            raise BenchError("%s job %d ended %s: %s\nevents: %s" % (what, job_id, job["state"], job.get("reason"),
                                                                     json.dumps(job.get("events", []))[:3000]))
        begin, end = parse_iso(job.get("started")), parse_iso(job.get("ended"))
        return {"request_s": request_s, "job_s": (end - begin) if begin and end else None, "job": job}

    def stop(self):
        codes = {}
        if self.agent:
            codes["kura-agent"] = self.agent.stop()
        codes["kura-server"] = self.server.stop()
        return codes
