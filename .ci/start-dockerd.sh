#!/usr/bin/env bash
# Starts (idempotently) a private dockerd used to build the image fixtures and
# by tests that need a docker daemon. Safe to run repeatedly, from CI
# (CI=true, no stdin) or a developer shell:
#
#   bash .ci/start-dockerd.sh
#   export DOCKER_HOST=unix://${IMAGE_HYGIENE_DOCKER_DIR:-/tmp/image-hygiene-docker}/docker.sock
#
# Environment:
#   IMAGE_HYGIENE_DOCKER_DIR  state directory (default /tmp/image-hygiene-docker)
#   DOCKERD_START_TIMEOUT     seconds to wait for the daemon (default 60)
set -euo pipefail

D="${IMAGE_HYGIENE_DOCKER_DIR:-/tmp/image-hygiene-docker}"
TIMEOUT="${DOCKERD_START_TIMEOUT:-60}"
SOCK="$D/docker.sock"
HOST="unix://$SOCK"

log() { echo "[start-dockerd] $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else
    log "need root to run: $*"; return 1; fi
}

# 1. Packages -----------------------------------------------------------------
missing=()
for pkg in docker.io skopeo busybox-static; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq </dev/null
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

DOCKERD="$(command -v dockerd || echo /usr/sbin/dockerd)"
if ! command -v docker >/dev/null 2>&1; then
  log "no docker client on PATH"; exit 1
fi

answers() { DOCKER_HOST="$HOST" timeout 10 docker version >/dev/null 2>&1; }

# 2. Already running? ---------------------------------------------------------
if [ -S "$SOCK" ] && answers; then
  log "dockerd already answering on $SOCK"
  echo "DOCKER_HOST=$HOST"
  exit 0
fi

# 3. Start it ---------------------------------------------------------------
mkdir -p "$D/root" "$D/exec"

# alive PID PATTERN: the process exists, is not a zombie, and its command line
# contains PATTERN (a recycled pid of some other program does not count).
alive() {
  local pid="$1" pattern="$2" state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state="$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [ "$state" != Z ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}

dockerd_pid="$(cat "$D/docker.pid" 2>/dev/null || true)"
if alive "$dockerd_pid" "$D/docker.sock"; then
  log "dockerd pid $dockerd_pid exists but does not answer yet; waiting for it"
else
  # Leftovers of a daemon that was killed (e.g. at the end of a previous session):
  # a stale pidfile/socket makes dockerd refuse to start, and a stale containerd
  # pidfile (possibly of a zombie or a recycled pid) makes it wait for a containerd
  # that never answers. A containerd still running for this state dir is ours: stop it.
  ctr_pidfile="$D/exec/containerd/containerd.pid"
  ctr_pid="$(cat "$ctr_pidfile" 2>/dev/null || true)"
  if alive "$ctr_pid" "$D/exec/containerd/containerd.toml"; then
    log "stopping orphaned containerd pid $ctr_pid of $D"
    as_root kill "$ctr_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do alive "$ctr_pid" "$D/exec/containerd" || break; sleep 0.5; done
    alive "$ctr_pid" "$D/exec/containerd" && as_root kill -9 "$ctr_pid" 2>/dev/null || true
  fi
  rm -f "$D/docker.pid" "$SOCK" "$ctr_pidfile" "$D/exec/containerd/containerd.sock"

  log "starting $DOCKERD (data root $D/root, log $D/dockerd.log)"
  # containerd is started by dockerd itself when none is configured.
  as_root setsid nohup "$DOCKERD" \
    --storage-driver vfs \
    --iptables=false \
    --bridge=none \
    --data-root "$D/root" \
    --exec-root "$D/exec" \
    -H "$HOST" \
    --pidfile "$D/docker.pid" \
    </dev/null >>"$D/dockerd.log" 2>&1 &
  disown || true
fi

waited=0
until answers; do
  if [ "$waited" -ge "$TIMEOUT" ]; then
    log "dockerd did not answer on $SOCK within ${TIMEOUT}s; last log lines:"
    tail -n 40 "$D/dockerd.log" >&2 || true
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done
log "dockerd is up after ${waited}s"
echo "DOCKER_HOST=$HOST"
