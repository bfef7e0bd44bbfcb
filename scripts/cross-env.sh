# Sourced by scripts/release and scripts/test-platforms: the C toolchains
# for the two cross targets, set only through target-specific variables, so
# that a plain `cargo build` for the host is unaffected (there is no
# .cargo/config.toml).
#
#   aarch64-unknown-linux-gnu  Debian's gcc-aarch64-linux-gnu (linker, and the
#                              C compiler for mimalloc), its glibc in
#                              /usr/aarch64-linux-gnu
#   x86_64-pc-windows-gnu      Debian's gcc-mingw-w64-x86-64
#
# cross_install installs what is missing (apt, rustup) on a Debian machine.

export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
export AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar

CROSS_TARGETS=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-pc-windows-gnu)

# The Debian package that brings each command.
cross_package() {
  case "$1" in
    aarch64-linux-gnu-gcc) echo gcc-aarch64-linux-gnu ;;
    x86_64-w64-mingw32-gcc) echo gcc-mingw-w64-x86-64 ;;
    zip) echo zip ;;
    unzip) echo unzip ;;
    curl) echo curl ;;
    *) return 1 ;;
  esac
}

# apt-get install PACKAGES, waiting for another apt/dpkg to finish first.
cross_apt() {
  [ "$#" -gt 0 ] || return 0
  for _ in $(seq 1 120); do
    pgrep -x apt-get >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1 || break
    echo "waiting for another apt/dpkg process to finish..."
    sleep 5
  done
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Installs the commands given (by their package) and the Rust targets given,
# where missing.
#   cross_install "aarch64-linux-gnu-gcc x86_64-w64-mingw32-gcc zip" TARGET...
cross_install() {
  local cmds="$1"
  shift
  local missing=() c
  for c in $cmds; do
    command -v "$c" >/dev/null 2>&1 || missing+=("$(cross_package "$c")")
  done
  cross_apt "${missing[@]}"
  local installed t
  installed="$(rustup target list --installed)"
  for t in "$@"; do
    grep -qx "$t" <<<"$installed" || rustup target add "$t"
  done
}

# The binary's file name for a target.
cross_exe() {
  case "$1" in
    *windows*) echo plansite.exe ;;
    *) echo plansite ;;
  esac
}
