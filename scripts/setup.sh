#!/usr/bin/env bash
# Installs what kvcheck needs to build and test, from Debian's archive only.
# Idempotent: a package already present is not touched, and apt-get is not run at all
# when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  librapidcheck-dev libeigen3-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev
  nlohmann-json3-dev libyaml-cpp-dev libbenchmark-dev
  libxml2-utils
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
