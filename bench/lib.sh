# Shared by the bench scripts (sourced). Expects $work (scratch directory) and the
# functions run_<tool> NAME STATE_DIR, exported for bash -c.

# measure TOOL LABEL NAME: runs run_TOOL once under GNU time; prints TOOL LABEL wall cpu peak
measure() {
  local tool=$1 label=$2 name=$3
  local state="$work/$tool-$label"
  mkdir -p "$state"
  if ! /usr/bin/time -o "$state/time" -f '%e %U %S %M' bash -c "run_$tool \"\$@\"" _ "$name" "$state" \
      >"$state/stdout" 2>"$state/stderr"; then
    echo "bench: $tool failed on $name; see $state/stderr:" >&2
    tail -5 "$state/stderr" >&2
    exit 1
  fi
  local wall user sys peak
  read -r wall user sys peak < <(tail -1 "$state/time")
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$label" "$wall" "$(echo "$user + $sys" | bc)" "$peak"
}

# median FILE TOOL COLUMN: the median of one column of a results file for one tool
median() {
  awk -F'\t' -v t="$2" -v c="$3" '$1 == t { print $c }' "$1" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
