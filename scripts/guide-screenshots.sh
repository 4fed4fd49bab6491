#!/bin/sh
# Retake the user guide's screenshots (docs/images/guide-*.png) from the real pages.
set -eu
cd "$(dirname "$0")/.."
GUIDE_IMAGES=1 .venv/bin/pytest tests/browser/test_user_guide.py -q -p no:cacheprovider "$@"
