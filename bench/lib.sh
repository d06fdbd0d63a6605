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

# clone_exacme FROM_CONFIG NAME TO_CONFIG NEW [state]: writes TO_CONFIG/certificates/NEW.json as
# `exacme add NEW` would have, from FROM_CONFIG's definition NAME (made once by a real `exacme
# add`) with NAME replaced by NEW throughout (its name, identifiers, store directory), so pick a
# NAME that occurs nowhere else in it. With `state`, also copies NAME's state and kept certificate
# (state/NAME.json, state/NAME.pem) as NEW's: a certificate the CA did issue, under another name.
clone_exacme() {
  local from=$1 name=$2 to=$3 new=$4
  mkdir -p "$to/certificates"
  sed "s/$name/$new/g" "$from/certificates/$name.json" > "$to/certificates/$new.json"
  if [[ ${5:-} == state ]]; then
    mkdir -p "$to/state"
    sed "s/$name/$new/g" "$from/state/$name.json" > "$to/state/$new.json"
    cp "$from/state/$name.pem" "$to/state/$new.pem"
  fi
  chmod 600 "$to/certificates/$new.json"
}

# clone_certbot FROM_CONFIG DOMAIN TO_CONFIG NEW: copies certbot's lineage DOMAIN (made once by a
# real `certbot certonly`) as lineage NEW: archive/NEW (the same certificate and key files),
# live/NEW linking to them as certbot does, renewal/NEW.conf with its paths rewritten (to TO_CONFIG
# and NEW). The
# certificate inside still names DOMAIN, so a forced renewal of NEW orders DOMAIN again.
clone_certbot() {
  local from=$1 domain=$2 to=$3 new=$4 f
  mkdir -p "$to/archive" "$to/live/$new" "$to/renewal"
  cp -a "$from/archive/$domain" "$to/archive/$new"
  for f in cert chain fullchain privkey; do ln -s "../../archive/$new/${f}1.pem" "$to/live/$new/$f.pem"; done
  sed -e "s#$from/#$to/#g" -e "s#/$domain#/$new#g" "$from/renewal/$domain.conf" > "$to/renewal/$new.conf"
}
