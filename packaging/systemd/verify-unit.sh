#!/bin/sh
# SPDX-License-Identifier: MIT
# Validates allium-watch@.service as installed: the template, with ExecStart pointing at the
# built allium-cli, checked by `systemd-analyze verify` as an instance. Fails on any complaint,
# warnings about unknown keys included (systemd only warns about those).
# Usage: verify-unit.sh SYSTEMD_ANALYZE UNIT_TEMPLATE CLI_DIRECTORY
set -eu
analyze="$1"
template="$2"
bindir="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unit="$work/allium-watch@ethereum.blocks.service"
sed "s|@ALLIUM_WATCH_BINDIR@|$bindir|" "$template" > "$unit"
if ! output="$(cd "$work" && "$analyze" verify "$unit" 2>&1)"; then
    echo "$output" >&2
    exit 1
fi
if [ -n "$output" ]; then
    echo "$output" >&2
    exit 1
fi
echo "allium-watch@.service verified"
