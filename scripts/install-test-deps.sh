#!/usr/bin/env bash
# Install what the end-to-end suite (tests/e2e) needs, only when it is missing.
#
#   - Debian packages: chromium, nginx (nginx-light), fonts-wqy-microhei, a Java runtime,
#     gettext (msgfmt, for tests/integration/translate.rs)
#   - Python package polib from PyPI (tests/integration/translate.rs reads PO files with it)
#   - Python package openpyxl from PyPI (tests/sheet/fill.py fills the progress workbook with it)
#   - npm packages of tests/e2e (playwright-core, axe-core, vnu-jar) via `npm ci --ignore-scripts`
#
# Idempotent and fast when everything is present: apt-get update runs only when a
# package has to be installed, npm ci only when node_modules is missing or older
# than package-lock.json. Needs root for the apt part (CI and dev machines run as root).
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="$REPO_DIR/tests/e2e"

log() { printf 'install-test-deps: %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------------

# dpkg-query prints "install ok installed" for an installed package.
pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
# Any nginx binary will do (nginx-light, nginx, nginx-core, ...).
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
pkg_installed fonts-wqy-microhei || missing+=(fonts-wqy-microhei)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)

if [ "${#missing[@]}" -gt 0 ]; then
  log "installing apt packages: ${missing[*]}"
  # Never run two apt/dpkg processes at once: wait (up to 10 min) for another one to finish.
  for _ in $(seq 1 120); do
    pgrep -x apt-get >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1 || pgrep -x apt >/dev/null 2>&1 || break
    log "waiting for another apt/dpkg process to finish..."
    sleep 5
  done

  # policy-rc.d exiting 101 forbids service starts during the install, so the nginx
  # package does not start its default site on port 80. Restore whatever was there.
  POLICY=/usr/sbin/policy-rc.d
  POLICY_BACKUP=""
  if [ -e "$POLICY" ]; then
    POLICY_BACKUP="$(mktemp)"
    cp -p "$POLICY" "$POLICY_BACKUP"
  fi
  restore_policy() {
    if [ -n "$POLICY_BACKUP" ]; then
      cp -p "$POLICY_BACKUP" "$POLICY"
      rm -f "$POLICY_BACKUP"
    else
      rm -f "$POLICY"
    fi
  }
  trap restore_policy EXIT
  printf '#!/bin/sh\nexit 101\n' >"$POLICY"
  chmod 0755 "$POLICY"

  apt-get update -qq
  # Try the preferred nginx flavour first; fall back to the plain "nginx" package
  # (Debian 13 dropped nginx-light).
  if ! apt-get install -y -qq "${missing[@]}"; then
    fallback=()
    for p in "${missing[@]}"; do
      if [ "$p" = nginx-light ]; then fallback+=(nginx); else fallback+=("$p"); fi
    done
    apt-get install -y -qq "${fallback[@]}"
  fi

  restore_policy
  trap - EXIT
else
  log "apt packages present"
fi

# --- Python packages ----------------------------------------------------------------

if ! python3 -c "import polib" >/dev/null 2>&1; then
  log "pip install polib"
  python3 -m pip install --quiet polib
else
  log "polib present"
fi

if ! python3 -c "import openpyxl" >/dev/null 2>&1; then
  log "pip install openpyxl"
  # Debian's own python3 refuses a pip install outside a venv (PEP 668)
  # unless told; a pyenv or other python accepts the flag too.
  python3 -m pip install --quiet openpyxl \
    || python3 -m pip install --quiet --break-system-packages openpyxl
else
  log "openpyxl present"
fi

# --- npm packages -------------------------------------------------------------------

if ! command -v npm >/dev/null 2>&1; then
  log "npm not found: install Node.js 20+ first"
  exit 1
fi

# --ignore-scripts: vnu-jar's postinstall would try to download a JRE, which cannot
# work offline and is not needed (Debian's java is used).
stamp="$E2E_DIR/node_modules/.package-lock.json"
if [ ! -d "$E2E_DIR/node_modules" ] || [ ! -f "$stamp" ] \
  || [ "$E2E_DIR/package-lock.json" -nt "$stamp" ] || [ "$E2E_DIR/package.json" -nt "$stamp" ]; then
  log "npm ci in tests/e2e"
  (cd "$E2E_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
else
  log "tests/e2e/node_modules up to date"
fi
