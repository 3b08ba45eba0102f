# Shared by Benchmarks/nat/run.sh and Benchmarks/stund/run.sh (source it; not run on its own):
# one lab per NAT type with a client `agent1` behind the site router and region `jp1`, brought up
# with `iceprobe lab up --format json` and removed by its exact prefix.
#
# The caller sets BIN (iceprobe) and calls nat_lab_init NAME-STEM before anything else.

# NAT type -> lab site settings: nat preset, firewall, LAN.
declare -A NAT_SITE=(
  [none]="none open 192.0.2.0/26"
  [full-cone]="full-cone open 10.20.0.0/24"
  [restricted-cone]="restricted-cone open 10.20.0.0/24"
  [port-restricted-cone]="port-restricted-cone open 10.20.0.0/24"
  [symmetric]="symmetric open 10.20.0.0/24"
  [udp-blocked]="port-restricted-cone tcp443-only 10.20.0.0/24"
)

# NAT type -> the expected iceprobe answer: classicType mapping filtering natDetected udpBlocked
# ("-": not checked).
declare -A NAT_EXPECT=(
  [none]="open-internet endpoint-independent endpoint-independent false false"
  [full-cone]="full-cone endpoint-independent endpoint-independent true false"
  [restricted-cone]="restricted-cone endpoint-independent address-dependent true false"
  [port-restricted-cone]="port-restricted-cone endpoint-independent address-and-port-dependent true false"
  [symmetric]="symmetric address-and-port-dependent address-and-port-dependent true false"
  [udp-blocked]="udp-blocked unknown unknown - true"
)

# Exits 2 unless root and every tool named is on PATH.
nat_lab_require() {
  [ "$(id -u)" -eq 0 ] || { echo "run as root (network namespaces)" >&2; exit 2; }
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "needs $tool (scripts/install-deps.sh)" >&2; exit 2; }
  done
}

# Judges one `iceprobe nat --format json` answer (stdin) against the expectation $1 (NAT_EXPECT's
# form): prints "OK DURATION_MS STANDARD GOT" (OK 1 or 0; GOT classicType/mapping/filtering).
nat_lab_judge() {
  python3 -c '
import json, sys
want = sys.argv[1].split()
try:
    d = json.loads(sys.stdin.read())
except Exception:
    print("0 - - unparsable"); sys.exit()
b = lambda v: None if v is None else str(v).lower()
got = [d.get("classicType"), d.get("mapping"), d.get("filtering"), b(d.get("natDetected")), b(d.get("udpBlocked"))]
ok = all(w == "-" or w == g for w, g in zip(want, got))
dur = d.get("durationMs")
print("1" if ok else "0", "-" if dur is None else round(dur), d.get("serverStandard") or "null", "/".join(map(str, got[:3])))
' "$1"
}

# Builds a release iceprobe in the scratch directory $1 unless BIN is set; checks BIN.
nat_lab_binary() {
  if [ -z "$BIN" ]; then
    echo "building iceprobe (release, scratch $1) ..."
    swift build --scratch-path "$1" -c release --product iceprobe 2>&1 | grep -E "error|Build complete" || true
    BIN="$(pwd)/$1/release/iceprobe"
  fi
  [ -x "$BIN" ] || { echo "no iceprobe binary at $BIN" >&2; exit 2; }
  command -v jq >/dev/null || { echo "needs jq (scripts/install-deps.sh)" >&2; exit 2; }
}

# Work directory, this run's unique scenario name, and the traps that remove every lab.
nat_lab_init() {
  WORK="$(mktemp -d "/tmp/iceprobe-$1-bench.XXXXXX")"
  NAME="$1b-$$"
  PREFIX=""
  trap nat_lab_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Removes this run's labs: the current one, and any 'lab up' killed half-way (it printed no
# prefix; its state names this run's unique scenario name or a file in WORK).
remove_labs() {
  if [ -n "$PREFIX" ]; then timeout 120 "$BIN" lab down "$PREFIX" >/dev/null 2>&1 || true; fi
  PREFIX=""
  for state in /run/iceprobe/*/state.json; do
    [ -f "$state" ] || continue
    if grep -q "\"$NAME\"" "$state" 2>/dev/null || grep -q "$WORK/" "$state" 2>/dev/null; then
      timeout 120 "$BIN" lab down "$(basename "$(dirname "$state")")" >/dev/null 2>&1 || true
    fi
  done
}
nat_lab_cleanup() { remove_labs; rm -rf "$WORK"; }

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
maximum() { printf '%s\n' "$@" | sort -n | tail -1; }

# Writes the scenario for NAT type $2 to file $1: region jp1 with the impairment $4 (YAML flow
# mapping body) and the server line $5 (may be empty), described as $3.
nat_lab_scenario() {
  local preset firewall lan servers=""
  read -r preset firewall lan <<<"${NAT_SITE[$2]}"
  [ -n "${5:-}" ] && servers="
    $5"
  cat > "$1" <<YAML
name: $NAME
description: $3
regions:
  - name: jp1$servers
    impair: {$4}
sites:
  - name: office
    lan: $lan
    nat: $preset
    firewall: $firewall
    clients: [agent1]
probes: []
YAML
}

# Brings up the lab of scenario file $1 and sets PREFIX, SERVER (jp1's address) and NS (agent1's
# namespace) from `lab up --format json`. Returns 1 when the lab did not come up (UP_OUTPUT says
# why); exits 2 when its answer lacks them.
nat_lab_up() {
  local json
  if ! json="$(timeout 300 "$BIN" lab up "$1" --format json 2>"$WORK/up.err")"; then
    UP_OUTPUT="$(cat "$WORK/up.err") $json"
    return 1
  fi
  PREFIX="$(jq -r '.prefix // empty' <<<"$json")"
  SERVER="$(jq -r '.regions[] | select(.name == "jp1") | .address' <<<"$json")"
  NS="$(jq -r '.clients[] | select(.name == "agent1") | .namespace' <<<"$json")"
  [ -n "$PREFIX" ] && [ -n "$SERVER" ] && [ -n "$NS" ] && ip netns list 2>/dev/null | grep -q "^$NS\b" \
    || { echo "cannot read the lab's prefix, server or client namespace from: $json" >&2; exit 2; }
}
