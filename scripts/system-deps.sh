#!/usr/bin/env bash
# Installs the Debian packages a target needs, when they are missing: git (pages' dates come
# from their last commit) and python3-venv for every target, Node.js and npm for the offline
# build and the tests, Chromium and its driver for the browser tests, poppler-utils for PDF
# checks, pango for WeasyPrint. Uses apt-get when run as root (as CI is); otherwise says what
# to install and fails.
set -euo pipefail

declare -A CHECK=(
  [git]="command -v git"
  [python3-venv]="python3 -c 'import ensurepip, venv'"
  [nodejs]="command -v node"
  [npm]="command -v npm"
  [chromium]="command -v chromium"
  [chromium-driver]="command -v chromedriver"
  [poppler-utils]="command -v pdftoppm"
  [libpango-1.0-0]="ldconfig -p | grep -q libpango-1.0.so.0"
  [libpangoft2-1.0-0]="ldconfig -p | grep -q libpangoft2-1.0.so.0"
  [fonts-dejavu-core]="test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

missing=()
for package in "$@"; do
  bash -c "${CHECK[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
