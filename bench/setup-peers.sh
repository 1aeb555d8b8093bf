#!/bin/sh
# Installs the bench's peer engines from Debian where missing: NumPy (python3-numpy), PyTorch's CPU build
# (python3-torch, the `deep` workload's torch engine) and an optimized BLAS for both (libopenblas0-pthread:
# without it Debian's alternatives give them the reference BLAS, many times slower). Needs root (apt-get).
# Not part of CI: the bench skips, with a message, an engine whose Python lacks its package.
#   sh bench/setup-peers.sh [PYTHON]     (default /usr/bin/python3, where Debian's packages install)
set -e
PY=${1:-/usr/bin/python3}
missing=''
"$PY" -c 'import numpy' 2>/dev/null || missing="$missing python3-numpy"
"$PY" -c 'import torch' 2>/dev/null || missing="$missing python3-torch"
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing="$missing libopenblas0-pthread"
if [ -n "$missing" ]; then
  echo "installing$missing"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi
"$PY" -c 'import numpy, torch; print("NumPy", numpy.__version__, "and PyTorch", torch.__version__, "in", "'"$PY"'")'
