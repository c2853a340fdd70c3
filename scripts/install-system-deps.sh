#!/usr/bin/env bash
# Installs the Debian packages that Fazhi's tests and generated documents need, only if missing:
#   chromium            browser tests (Playwright drives /usr/bin/chromium; never `playwright install`)
#   fonts-noto-cjk, fonts-arphic-ukai, fonts-arphic-uming, fonts-wqy-zenhei
#                       Chinese fonts for rendered pages and documents (楷体/宋体/黑体)
#   libharfbuzz-subset0 font subsetting when documents embed fonts
#   poppler-utils       pdftotext/pdftoppm: checking generated PDFs, rendering a report page to PNG
#   libreoffice-writer-nogui
#                       soffice --headless: the test that the report's .docx lays out in LibreOffice-based
#                       suites as in Word (page count, ~28 characters a line)
# Idempotent: `apt-get update` runs only when something must be installed. Needs root for that.
set -euo pipefail

PACKAGES=(
    chromium
    fonts-noto-cjk
    fonts-arphic-ukai
    fonts-arphic-uming
    fonts-wqy-zenhei
    libharfbuzz-subset0
    poppler-utils
    libreoffice-writer-nogui
)

installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    if installed "$pkg"; then
        echo "install-system-deps: $pkg already installed"
    else
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-system-deps: nothing to do"
    exit 0
fi

echo "install-system-deps: missing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: must run as root to install: ${missing[*]}" >&2
    echo "  e.g. sudo $0" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-system-deps: apt-get update"
apt-get update -q
echo "install-system-deps: apt-get install ${missing[*]}"
apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null

for pkg in "${missing[@]}"; do
    if ! installed "$pkg"; then
        echo "install-system-deps: $pkg is still not installed" >&2
        exit 1
    fi
done
echo "install-system-deps: installed ${missing[*]}"
