#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   packaging/dev.sh run [args]    install packages, build, launch allium-monitor (embedded emulator)
#   packaging/dev.sh test          install packages, build, run every test through CTest
#   packaging/dev.sh bench         install packages, build, run the benchmarks
#   packaging/dev.sh emulator [args]  install packages, build, run allium-emulator
#   packaging/dev.sh package       install packages, build, make the .deb and check it with lintian
# BUILD_DIR overrides the build folder (default: build/ in the checkout).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
command="${1:-run}"
shift || true

bash "$root/packaging/install-deps.sh"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

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
    package)
        # lintian is needed only here: installed on demand, like the build's own packages.
        if ! command -v lintian >/dev/null; then
            "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends lintian
        fi
        (cd "$build_dir" && cpack -G DEB -B "$build_dir/package")
        deb="$(ls "$build_dir"/package/allium-monitor_*.deb)"
        dpkg-deb --contents "$deb"
        lintian --fail-on error,warning "$deb"
        echo "package: $deb (lintian: no errors, no warnings)"
        ;;
    *)
        echo "usage: packaging/dev.sh run|test|bench|emulator|package [args]" >&2
        exit 64
        ;;
esac
