#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   packaging/dev.sh run [args]    install packages, build, launch allium-monitor (embedded emulator)
#   packaging/dev.sh test          install packages, build, run every test through CTest
#   packaging/dev.sh bench         install packages, build, run the benchmarks
#   packaging/dev.sh emulator [args]  install packages, build, run allium-emulator
# BUILD_DIR overrides the build folder (default: build/ in the checkout).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
command="${1:-run}"
shift || true

bash "$root/packaging/install-deps.sh"

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
# CMake 3.25's AUTOMOC misses Q_OBJECT headers that a re-glob adds to an existing build; letting
# autogen re-check costs a second and spares a link error after a pull.
find "$build_dir" -path '*_autogen/timestamp' -delete 2>/dev/null || true
cmake --build "$build_dir" --parallel "$(nproc)"

case "$command" in
    run)
        exec "$build_dir/app/monitor/allium-monitor" "$@"
        ;;
    emulator)
        exec "$build_dir/app/emulator/allium-emulator" "$@"
        ;;
    test)
        export QT_QPA_PLATFORM=offscreen
        cd "$build_dir"
        ctest --output-on-failure --parallel 2 --timeout 300 "$@"
        ;;
    bench)
        for bench in "$build_dir"/tests/bench/bench_*; do
            [ -x "$bench" ] || continue
            echo "== $(basename "$bench")"
            QT_QPA_PLATFORM=offscreen "$bench" "$@"
        done
        ;;
    *)
        echo "usage: packaging/dev.sh run|test|bench|emulator [args]" >&2
        exit 64
        ;;
esac
