#!/usr/bin/env bash
# Installs what kvcheck needs to build and test: Debian packages, then the report
# validators from npm into .tools/ (gitignored).
# Idempotent: a package already present is not touched, apt-get is not run at all when
# nothing is missing, and npm is not run when .tools/ already holds the pinned versions.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=(
  build-essential cmake pkg-config
  librapidcheck-dev libeigen3-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev
  nlohmann-json3-dev libyaml-cpp-dev libbenchmark-dev
  libisl-dev  # affine position sets (src/index/affine_set.cpp)
  libtree-sitter-dev  # the parser runtime for Python sources (src/scan/)
  libxml2-utils
  time  # /usr/bin/time: peak memory of each adversarial input (tests/cli)
  clang libclang-rt-14-dev  # the sanitizer build and the libFuzzer targets (fuzz/)
  libtorch-dev  # the differential tests against real PyTorch (tests/torch)
  chromium fonts-liberation  # tests/demo renders the demo page headless; fonts are only Recommends
)

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi

# install_debian PKG...: installs those of the packages that are missing.
install_debian() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  echo "setup: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}

install_debian "${packages[@]}"

# The report tests validate kvcheck's output with real consumers (tests/report/):
#   the SARIF Multitool, Microsoft's SARIF 2.1.0 validator (a self-contained program shipped
#   inside the npm package), run as
#     .tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool validate FILE --output OUT
#   and junit2json, a JUnit XML reader, run as .tools/node_modules/.bin/junit2json FILE.
# The Python grammar for tree-sitter comes from npm too: the build compiles its generated
#   .tools/node_modules/tree-sitter-python/src/parser.c and scanner.c (src/scan/CMakeLists.txt).
#   0.23.x is parser ABI 14, which Debian 12's tree-sitter runtime (0.20.7, ABI 13-14) accepts.
# Versions are pinned; .tools/installed records what was installed.
npm_tools=("@microsoft/sarif-multitool-linux@5.7.0" "junit2json@4.0.0" "tree-sitter-python@0.23.6")
grammar="$root/.tools/node_modules/tree-sitter-python/src/parser.c"
tools_dir="$root/.tools"
multitool="$tools_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [[ "$(cat "$tools_dir/installed" 2>/dev/null)" != "${npm_tools[*]}" || ! -e "$multitool" ||
      ! -e "$tools_dir/node_modules/.bin/junit2json" || ! -e "$grammar" ]]; then
  if ! command -v npm >/dev/null; then
    install_debian nodejs npm
  fi
  echo "setup: installing ${npm_tools[*]} into .tools/" >&2
  mkdir -p "$tools_dir"
  # --ignore-scripts: the multitool's only install script marks the program executable,
  # which is done here so that it does not depend on npm's script policy.
  npm install --prefix "$tools_dir" --no-save --no-package-lock --no-audit --no-fund \
    --ignore-scripts --loglevel=error "${npm_tools[@]}"
  chmod u+x "$multitool"
  echo "${npm_tools[*]}" >"$tools_dir/installed"
fi
