#!/usr/bin/env bash
# Installs every Debian package iceprobe needs to build, test and run its lab.
# Idempotent: packages already present are skipped quickly.
set -euo pipefail
PACKAGES=(
  pkg-config                  # SwiftPM reads the C libraries' flags through it
  libssl-dev openssl          # OpenSSL 3: HMAC, digests, TLS; certificate generation in tests
  libnice-dev libglib2.0-dev  # ICE gathering (libnice) and its GLib main loop
  libnetfilter-queue-dev      # the lab's NFQUEUE delay/jitter engine
  coturn                      # turnserver: the real STUN/TURN server in tests and in the lab
  stun-server                 # stund: an independent RFC 3489 STUN server for lab regions (servers: [stund])
  iproute2 iptables nftables conntrack  # namespaces, NAT, firewall, loss, rate
  dnsmasq-base                # name resolution inside the lab
  tinyproxy                   # the lab's HTTP CONNECT proxy (site `proxy: true`)
  tcpdump
  sip-tester                  # sipp: the SIP client and server of Scenarios/client-sipp.yaml (run: exec)
  iputils-ping procps          # lab tests: ping ground truth, process checks after teardown
  jq                          # scripts and Benchmarks read iceprobe JSON (lab up --format json, media reports)
  git                         # scripts/version.sh: the version from git describe (every build)
  dpkg-dev binutils chrpath python3  # scripts/package.sh: dpkg-shlibdeps, readelf/strip, run path, man pages
  lintian man-db              # scripts/package-test.sh: lint the .deb, read its man pages
  libsqlite3-dev sqlite3      # the collector's SQLite store (GRDB links the system SQLite); the benchmark reads it
  postgresql                  # the collector's PostgreSQL store: tests and benchmark start a scratch server
  chromium                    # headless Chromium: the browser check page's scenarios (iceprobe browser, Scenarios/browser-*.yaml)
  libnss3-tools               # certutil: iceprobe browser --ca-file puts the lab CA in Chromium's NSS database
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# coturn's and postgresql's Debian packages start system servers; the tests start their own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet postgresql 2>/dev/null; then
  systemctl stop postgresql || true
fi
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet coturn 2>/dev/null; then
  systemctl stop coturn || true
fi
# Likewise tinyproxy's system service; the lab starts its own per site.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet tinyproxy 2>/dev/null; then
  systemctl stop tinyproxy || true
fi
