#!/usr/bin/env bash
# Sets up a Debian 12 machine for Kura, builds it, and then either starts the console
# ("console", the default) or runs the whole test suite ("test").
#   scripts/bootstrap.sh console   install what is missing, build, start the console
#   scripts/bootstrap.sh test      install what is missing, build, run every test but benchmarks
#   scripts/bootstrap.sh sanitize  the unit tests again, built with ASan+UBSan
#   scripts/bootstrap.sh fuzz      build the libFuzzer targets with Clang and run each briefly
# BUILD_DIR (default build) and JOBS (default: number of cores) can be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-console}
build=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}

install_packages() {
    local missing=()
    while read -r pkg; do
        [[ -z "$pkg" || "$pkg" == \#* ]] && continue
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done < scripts/debian-packages.txt
    [[ ${#missing[@]} -eq 0 ]] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo=sudo
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja "$@"
    cmake --build "$dir" -j "$jobs"
}

install_packages
case "$mode" in
console)
    configure_and_build "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    if [[ -x "$build/app/kura/kura" ]]; then
        exec "$build/app/kura/kura" "${@:2}"
    fi
    exec "$build/app/kura-repo/kura-repo" --help
    ;;
test)
    configure_and_build "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKURA_WERROR=ON
    ctest --test-dir "$build" --label-exclude bench --output-on-failure -j "$jobs"
    ;;
sanitize)
    configure_and_build "${build}-asan" -DCMAKE_BUILD_TYPE=Debug -DKURA_SANITIZE=ON \
        -DKURA_BUILD_GUI=OFF -DKURA_WERROR=ON
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir "${build}-asan" --label-regex unit --output-on-failure -j "$jobs"
    ;;
fuzz)
    # Only the libFuzzer executables are built here; their corpus replays run in "test".
    CC=clang CXX=clang++ cmake -S . -B "${build}-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DKURA_FUZZ=ON -DKURA_BUILD_GUI=OFF -DKURA_ONLY_TEST_AREAS=layering
    mapfile -t targets < <(cmake --build "${build}-fuzz" --target help | grep -o '^fuzz_[A-Za-z0-9_]*' | sort -u)
    [[ ${#targets[@]} -gt 0 ]] && cmake --build "${build}-fuzz" -j "$jobs" --target "${targets[@]}"
    seconds=${FUZZ_SECONDS:-20}
    for target in "${build}-fuzz"/tests/fuzz/*/fuzz_*; do
        [[ -x "$target" && -f "$target" ]] || continue
        name=$(basename "$target")
        corpus="tests/fuzz/corpus/${name#fuzz_}"
        work=$(mktemp -d)
        echo "== $name (${seconds}s)"
        "$target" -max_total_time="$seconds" -rss_limit_mb=2048 "$work" "$corpus" 2>&1 | tail -n 3
        rm -rf "$work"
    done
    ;;
*)
    echo "usage: $0 [console|test|sanitize|fuzz]" >&2
    exit 2
    ;;
esac
