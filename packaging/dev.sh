#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One entry point for a fresh Debian 12 machine:
#   packaging/dev.sh run [args]    install packages, build, launch allium-monitor (embedded emulator)
#   packaging/dev.sh test          install packages, check the formatting (clang-format), build,
#                                  run every test through CTest
#   packaging/dev.sh format        format every C++ source with clang-format-14 (.clang-format)
#   packaging/dev.sh bench         install packages, build, run the benchmarks
#   packaging/dev.sh emulator [args]  install packages, build, run allium-emulator
#   packaging/dev.sh package       install packages, build, make the .deb and check it with lintian
#   packaging/dev.sh fuzz [TARGET|all] [SECONDS]  build the libFuzzer targets with clang-14 in
#                                  build-fuzz/, replay their seeds and regressions, then fuzz each
#                                  for SECONDS (default 600) with nice -n 19, one at a time
#   packaging/dev.sh asan [ctest args]  build everything with ASan+UBSan in build-asan/ and run
#                                  every test through CTest there
# BUILD_DIR overrides the build folder (default: build/ in the checkout).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
command="${1:-run}"
shift || true

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
# Paths relative to the checkout, so that another clone (CI's) hits the same cache entries.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}" CCACHE_NOHASHDIR=1

# Sanitizer settings shared by the fuzz and asan commands: stop at the first report, with a
# stack; leaks are errors, except the few Qt/system ones listed (and explained) in lsan.supp.
sanitizer_env() {
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    export ASAN_OPTIONS="detect_leaks=1"
    export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
}

# Largest input per fuzz target: about the largest input its real source sends.
fuzz_max_len() {
    case "$1" in
        fuzz_ingest | fuzz_jsontree | fuzz_valueformatter) echo 65536 ;;
        fuzz_httphead) echo 16400 ;; # HttpRequestHead::MaxSize and a little beyond
        *) echo 16384 ;;
    esac
}

run_fuzz() {
    local target="${1:-all}" seconds="${2:-600}"
    local fuzz_dir="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
    bash "$root/packaging/install-deps.sh" clang-14 libclang-rt-14-dev
    if [ ! -f "$fuzz_dir/build.ninja" ]; then
        CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$fuzz_dir" -G Ninja \
            -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
            -DALLIUM_FUZZ=ON -DALLIUM_BUILD_GUI=OFF -DALLIUM_BUILD_TESTS=OFF
    fi
    local targets=()
    if [ "$target" = all ]; then
        for source in "$root"/tests/fuzz/fuzz_*.cpp; do
            targets+=("$(basename "$source" .cpp)")
        done
    else
        targets=("fuzz_${target#fuzz_}")
    fi
    nice cmake --build "$fuzz_dir" --parallel "$(nproc)" --target "${targets[@]}"
    sanitizer_env
    # ASan's periodic release of free memory (madvise) stalled for over 10 s at nice 19 on a
    # loaded machine and tripped -timeout on trivial inputs; the RSS stays bounded without it.
    export ASAN_OPTIONS="$ASAN_OPTIONS:allocator_release_to_os_interval_ms=-1"
    local summary="$fuzz_dir/fuzz-summary.txt" failed=0
    for name in "${targets[@]}"; do
        local short="${name#fuzz_}"
        local seeds="$root/tests/fuzz/corpus/$short" work="$fuzz_dir/corpus/$short"
        local regressions="$root/tests/fuzz/regressions/$short" log="$fuzz_dir/$name.log"
        mkdir -p "$work" "$fuzz_dir/artifacts/$short"
        local flags=(-max_len="$(fuzz_max_len "$name")" -timeout=10 -rss_limit_mb=2048
            -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$fuzz_dir/artifacts/$short/")
        echo "== $name: replaying seeds and regressions"
        local replay=("$seeds")
        [ -d "$regressions" ] && replay+=("$regressions")
        if ! "$fuzz_dir/tests/fuzz/$name" "${flags[@]}" -runs=0 "${replay[@]}" >"$log.replay" 2>&1; then
            tail -n 40 "$log.replay"
            echo "$name: FAILED on a seed or regression (log: $log.replay)" | tee -a "$summary"
            failed=1
            continue
        fi
        echo "== $name: fuzzing for $seconds s (log: $log)"
        local result=ok started=$SECONDS
        nice -n 19 "$fuzz_dir/tests/fuzz/$name" "${flags[@]}" -max_total_time="$seconds" \
            "$work" "$seeds" >"$log" 2>&1 || result=FAILED
        local executions corpus
        executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
        corpus="$(find "$work" -type f | wc -l)"
        [ "$result" = ok ] || { tail -n 60 "$log"; failed=1; }
        echo "$name: $result, ${executions:-?} executions in $((SECONDS - started)) s," \
            "corpus $corpus files" \
            | tee -a "$summary"
    done
    return "$failed"
}

run_asan() {
    local asan_dir="${ASAN_BUILD_DIR:-$root/build-asan}"
    bash "$root/packaging/install-deps.sh"
    if [ ! -f "$asan_dir/build.ninja" ]; then
        cmake -S "$root" -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
            -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DALLIUM_SANITIZE=ON
    fi
    nice cmake --build "$asan_dir" --parallel "$(nproc)"
    sanitizer_env
    export QT_QPA_PLATFORM=offscreen
    cd "$asan_dir"
    nice ctest --output-on-failure --parallel 2 --timeout 600 "$@"
}

case "$command" in
    fuzz)
        run_fuzz "$@"
        exit
        ;;
    asan)
        run_asan "$@"
        exit
        ;;
esac

if [ "$command" = bench ]; then
    # bench_cli runs the spec's Node.js client next to allium-cli: a benchmark dependency only.
    bash "$root/packaging/install-deps.sh" nodejs node-ws
else
    bash "$root/packaging/install-deps.sh"
fi

# House rules: every C++ source is formatted by .clang-format (fix with: packaging/dev.sh format)
# and starts with its SPDX licence line.
check_format() {
    (cd "$root" && find app ui tests \( -name '*.cpp' -o -name '*.h' \) -print0 |
        xargs -0 clang-format-14 --dry-run --Werror)
    local unlicensed
    unlicensed="$(cd "$root" && find app ui tests \( -name '*.cpp' -o -name '*.h' \) \
        -exec sh -c 'head -n 1 "$1" | grep -q "SPDX-License-Identifier: MIT" || echo "$1"' _ {} \;)"
    if [ -n "$unlicensed" ]; then
        echo "missing '// SPDX-License-Identifier: MIT' as the first line:" >&2
        echo "$unlicensed" >&2
        return 1
    fi
}
case "$command" in
    format)
        (cd "$root" && find app ui tests \( -name '*.cpp' -o -name '*.h' \) -print0 |
            xargs -0 clang-format-14 -i)
        exit
        ;;
    test)
        check_format
        ;;
esac

if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
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
        bash "$root/packaging/install-deps.sh" lintian
        (cd "$build_dir" && cpack -G DEB -B "$build_dir/package")
        deb="$(ls "$build_dir"/package/allium-monitor_*.deb)"
        dpkg-deb --contents "$deb"
        lintian --fail-on error,warning "$deb"
        echo "package: $deb (lintian: no errors, no warnings)"
        ;;
    *)
        echo "usage: packaging/dev.sh run|test|bench|emulator|package|format|fuzz|asan [args]" >&2
        exit 64
        ;;
esac
