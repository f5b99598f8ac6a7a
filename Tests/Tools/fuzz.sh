#!/usr/bin/env bash
# Builds the libFuzzer targets under Tests/Fuzz and runs each for SECONDS
# (default 60). Exits non-zero when a target crashes, hangs or fails to build.
#
#   Tests/Tools/fuzz.sh [SECONDS] [TARGET...]      targets: parser json jsonrpc
#   FUZZ_CONFIGURATION=debug Tests/Tools/fuzz.sh ...   (default: release)
#   FUZZ_SEED=1 Tests/Tools/fuzz.sh ...                 (a fixed seed: CI's short pass repeats the same inputs)
#
# The library modules are built by SwiftPM into .build-fuzz with fuzzer
# coverage and AddressSanitizer; each Tests/Fuzz/<target>/main.swift is then
# compiled and linked against their object files with swiftc. SwiftPM never
# sees the fuzz sources, so the normal build is unchanged.
#
# Seeds come from Tests/Fuzz/corpus/<target> (committed, small); inputs the
# fuzzer finds go to .build-fuzz/corpus/<target>, crashing inputs to
# .build-fuzz/artifacts/<target>/. Reproduce one with
#   .build-fuzz/fuzz-<target> .build-fuzz/artifacts/<target>/crash-...
set -uo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(parser json jsonrpc)
scratch=.build-fuzz
# release (default) runs about four times more inputs per second; debug
# builds in a fraction of the time and keeps assert().
configuration="${FUZZ_CONFIGURATION:-release}"
build="$scratch/$configuration"

echo "fuzz: building the modules ($configuration) with -sanitize=fuzzer,address"
if ! swift build -c "$configuration" --scratch-path "$scratch" --target TallyProtocol \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing; then
  echo "fuzz: module build failed" >&2
  exit 2
fi
objects=("$build"/TallySyntax.build/*.o "$build"/TallyAnalysis.build/*.o "$build"/TallyProtocol.build/*.o)

failed=()
for target in "${targets[@]}"; do
  source="Tests/Fuzz/$target/main.swift"
  binary="$scratch/fuzz-$target"
  if [ ! -f "$source" ]; then
    echo "fuzz: no target '$target' ($source)" >&2
    failed+=("$target")
    continue
  fi
  echo "fuzz: compiling $target"
  # gold warns about ASan's local helper symbols; the warnings are harmless.
  optimize=-Onone
  [ "$configuration" = release ] && optimize=-O
  if ! swiftc $optimize -sanitize=fuzzer,address -parse-as-library -swift-version 6 -g \
      -I "$build/Modules" "$source" "${objects[@]}" -o "$binary" 2> "$scratch/fuzz-$target.link.log"; then
    grep -v "Cannot export local symbol" "$scratch/fuzz-$target.link.log" >&2
    failed+=("$target")
    continue
  fi
  corpus="$scratch/corpus/$target"
  artifacts="$scratch/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  echo "fuzz: running $target for $seconds s"
  # -timeout: one input taking longer than 10 s counts as a hang (a failure).
  # -rss_limit_mb: one input using more than 2 GiB counts as a failure.
  # The Swift runtime's own crash backtracer would trip ASan; libFuzzer prints the stack.
  SWIFT_BACKTRACE=enable=no "./$binary" "$corpus" "Tests/Fuzz/corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
      -artifact_prefix="$artifacts/" -print_final_stats=1 > "$scratch/fuzz-$target.log" 2>&1
  status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+.*DONE)" "$scratch/fuzz-$target.log" | sed "s/^/fuzz: $target: /"
  if [ $status -ne 0 ]; then
    echo "fuzz: $target FAILED (status $status); log: $scratch/fuzz-$target.log" >&2
    grep -E "ERROR|Fatal error|failed:|==[0-9]+==|Test unit written" "$scratch/fuzz-$target.log" | head -20 >&2
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all targets ran ${seconds} s without a crash"
