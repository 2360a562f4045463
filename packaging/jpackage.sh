#!/usr/bin/env bash
# Builds the double-clickable PiRack: a jlinked runtime plus the app's jars, wrapped by jpackage.
# Called by `./mvnw -Ppackage package` (see packaging/README.md); runnable by hand with the same flags.
#
#   packaging/jpackage.sh --version 0.1.0 --main-jar target/pirack-0.1.0.jar --main-class io.pirack.Main \
#       --libs target/jpackage/libs --javafx-platform linux --work target/jpackage --types auto \
#       [--jdk auto|/usr/lib/jvm/java-17-openjdk-amd64] [--fallback-jdk DIR]
#
# --types: "auto" (Linux: app-image + deb; macOS: dmg) or a comma list of app-image, deb, dmg.
# macOS signing is opt-in through the environment (see packaging/README.md, "Signing and notarisation"):
#   PIRACK_MAC_SIGN_IDENTITY   the part after "Developer ID Application: ", e.g. "Jane Doe (TEAMID1234)"
#   PIRACK_MAC_KEYCHAIN        keychain holding that identity (optional)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

die() { echo "jpackage.sh: $*" >&2; exit 1; }
step() { echo "[package] $*"; }

version="" main_jar="" main_class="" libs="" fx_platform="" work="" types="auto" jdk_home="" fallback_jdk=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --main-jar) main_jar="$2"; shift 2 ;;
    --main-class) main_class="$2"; shift 2 ;;
    --libs) libs="$2"; shift 2 ;;
    --javafx-platform) fx_platform="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --types) types="$2"; shift 2 ;;
    --jdk) jdk_home="$2"; shift 2 ;;
    --fallback-jdk) fallback_jdk="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
for required in version main_jar main_class libs fx_platform work; do
  [ -n "${!required}" ] || die "missing --${required//_/-}"
done
[ -f "$main_jar" ] || die "main jar $main_jar not found (run through ./mvnw -Ppackage package)"
[ -d "$libs" ] || die "dependency directory $libs not found"

# --jdk: the JDK whose jlink, jpackage and runtime the package uses.
# "auto" (the pom's default): the newest JDK 25 or later installed where JDKs live, for its AOT cache (step 5;
# issue 20, docs/benchmarks.md sessions 11 and 13): the window and all Pis live sooner, and unlike JDK 17's
# archive the cache still works once the app is installed elsewhere (the .deb's /opt/pirack). The app's
# bytecode stays Java 17 either way. No JDK 25+: --fallback-jdk (the JDK that runs Maven).
# By hand without --jdk: $JAVA_HOME, else the JDK of the java on the PATH.
jdk_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
newest_jdk_with_aot_cache() {
  local best="" best_major=24 candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/jpackage" ] && [ -x "$candidate/bin/jlink" ] || continue
    # Not Oracle's builds: Oracle's JDK wants JCE providers signed, and BouncyCastle's signatures are stripped below
    # (jdk.java.net's OpenJDK builds say the same implementor; name one with -Dpirack.package.jdk to use it).
    grep -q '^IMPLEMENTOR="Oracle Corporation"' "$candidate/release" 2>/dev/null && continue
    major="$(jdk_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then best="$candidate" best_major="$major"; fi
  done
  echo "$best"
}
if [ "$jdk_home" = auto ]; then
  jdk_home="$(newest_jdk_with_aot_cache)"
  if [ -n "$jdk_home" ]; then
    step "runtime from $jdk_home (JDK $(jdk_major "$jdk_home"), the newest JDK 25+ found; -Dpirack.package.jdk=DIR to choose)"
  else
    jdk_home="$fallback_jdk"
    step "runtime from ${jdk_home:-the java on the PATH} (no JDK 25+ found: a CDS archive instead of an AOT cache)"
  fi
fi
if [ -z "$jdk_home" ]; then
  jdk_bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
  jdk_home="$(dirname "$(dirname "$(readlink -f "$(command -v "${jdk_bin}java")")")")"
fi
for tool in jdeps jlink jpackage jar; do
  [ -x "$jdk_home/bin/$tool" ] || die "$jdk_home/bin/$tool missing: packaging needs a full JDK (17+) with jpackage"
done
jdeps="$jdk_home/bin/jdeps" jlink="$jdk_home/bin/jlink" jpackage="$jdk_home/bin/jpackage" jar="$jdk_home/bin/jar"

os="$(uname -s)"
case "$os" in
  Linux) [ "$types" = auto ] && types="app-image,deb" ;;
  Darwin) [ "$types" = auto ] && types="dmg" ;;
  *) die "packaging supports Linux and macOS, not $os" ;;
esac

# jpackage accepts only 1-3 integers: drop a qualifier such as -SNAPSHOT.
app_version="${version%%-*}"
[[ "$app_version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "version $version has no numeric x.y.z part"

start_all=$SECONDS
input="$work/input" runtime="$work/runtime" dist="$work/dist"
rm -rf "$input" "$runtime" "$dist" "$work/resources"
mkdir -p "$input" "$dist" "$work/resources"

# --- 1. The app's class path: main jar + runtime dependencies -----------------------------------
step "input: $(basename "$main_jar") + dependencies"
cp "$main_jar" "$input/"
for lib in "$libs"/*.jar; do
  name="$(basename "$lib")"
  # org.openjfx:javafx-foo:21 without a classifier is an empty stub; the -<platform> jar holds the code.
  if [[ "$name" == javafx-* ]] && [[ "$name" != *"-$fx_platform.jar" ]]; then
    continue
  fi
  cp "$lib" "$input/"
done

# JavaFX on the class path: its native libraries move next to the jars. NativeLibLoader looks in the
# directory of the jar that holds it first, so nothing gets unpacked into ~/.openjfx/cache at start,
# and on macOS jpackage signs these .dylib files (notarisation rejects unsigned binaries inside jars).
natives_dir="$work/fx-natives"
for fx_jar in "$input"/javafx-*-"$fx_platform".jar; do
  natives="$(unzip -Z1 "$fx_jar" | grep -E '^[^/]+\.(so|dylib|dll)$' || true)"
  [ -n "$natives" ] || continue
  rm -rf "$natives_dir" && mkdir -p "$natives_dir"
  (cd "$natives_dir" && "$jar" --extract --file "$fx_jar")
  # shellcheck disable=SC2086 # one file name per line, none with spaces
  (cd "$natives_dir" && mv $natives "$input/")
  "$jar" --create --file "$fx_jar" --manifest "$natives_dir/META-INF/MANIFEST.MF" -C "$natives_dir" .
  step "JavaFX natives from $(basename "$fx_jar"): $(echo "$natives" | tr '\n' ' ')"
done
rm -rf "$natives_dir"

# Signed jars lose their signatures (issue 20): BouncyCastle's three jars are the only ones. The JVM checks
# a signed jar's signature (an 840 KB manifest of digests, every class's digest as it loads) before it
# defines the first class from it — 0.4 s of the rehearsal rack's start, for one class the verifier names —
# and an AppCDS archive never holds classes from a signed jar. Nothing here needs the signatures: OpenJDK
# (Temurin, Debian's, the runtime this script links) does not require JCE providers to be signed; only
# Oracle's JDK builds do, and the runtime is linked from the build's own JDK. The jar keeps its main
# manifest section (Multi-Release, Automatic-Module-Name…); the per-entry digests go with the signatures.
unsigned_dir="$work/unsigned"
for lib_jar in "$input"/*.jar; do
  # grep reads the whole list: with pipefail, an early exit (-q) fails unzip on the closed pipe.
  unzip -Z1 "$lib_jar" | grep -E '^META-INF/[^/]+\.(SF|RSA|DSA|EC)$' >/dev/null || continue
  rm -rf "$unsigned_dir" && mkdir -p "$unsigned_dir"
  (cd "$unsigned_dir" && "$jar" --extract --file "$lib_jar")
  rm -f "$unsigned_dir"/META-INF/*.SF "$unsigned_dir"/META-INF/*.RSA "$unsigned_dir"/META-INF/*.DSA "$unsigned_dir"/META-INF/*.EC
  # The main section ends at the first empty line (CRLF line ends in signed jars' manifests).
  awk '/^\r?$/ { exit } { print }' "$unsigned_dir/META-INF/MANIFEST.MF" > "$work/unsigned.mf"
  rm "$unsigned_dir/META-INF/MANIFEST.MF"
  rm "$lib_jar"
  "$jar" --create --file "$lib_jar" --manifest "$work/unsigned.mf" -C "$unsigned_dir" .
  step "signature removed: $(basename "$lib_jar")"
done
rm -rf "$unsigned_dir" "$work/unsigned.mf"

# --- 2. Modules: what jdeps sees statically + what the libraries load reflectively --------------
start=$SECONDS
jars="$(find "$input" -name '*.jar' | sort)"
# jdeps prints warnings (split packages of multi-release jars) on stdout too: the answer is the last line.
# shellcheck disable=SC2086 # jar paths have no spaces
static_modules="$("$jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 $jars | tail -1)"
[[ "$static_modules" =~ ^[a-z0-9.,]+$ ]] || die "jdeps gave no module list: $static_modules"
reflective_modules="$(grep -v '^#' "$here/reflective-modules.txt" | awk 'NF { print $1 }' | paste -sd, -)"
modules="$(echo "$static_modules,$reflective_modules" | tr ',' '\n' | awk 'NF' | sort -u | paste -sd, -)"
echo "$modules" | tr ',' '\n' > "$work/modules.txt"
step "modules ($((SECONDS - start)) s): jdeps=$static_modules + reflective=$reflective_modules"

# --- 3. The runtime -------------------------------------------------------------------------------
start=$SECONDS
# jimage left uncompressed: compression slows class loading, and the .deb and .dmg compress anyway.
"$jlink" --add-modules "$modules" --output "$runtime" --strip-debug --no-header-files --no-man-pages
# Security providers whose module the runtime left out go from its java.security list (issue 20). The JDK
# looks each configured provider up by name and, when its module is missing, instantiates every provider the
# class path offers through ServiceLoader to find it — BouncyCastle's two (~630 classes, 0.3 s) on the first
# TLS context, which the JDK HTTP client builds even for plain HTTP. They could never be found anyway: the
# list keeps its order, renumbered without gaps (the JDK stops reading it at the first gap).
security_file="$runtime/conf/security/java.security"
linked_modules="$("$runtime/bin/java" --list-modules | sed 's/@.*//')"
provider_module() {
  case "$1" in
    SUN|SunRsaSign|SunJSSE|SunJCE|Apple) echo java.base ;;
    SunEC) echo jdk.crypto.ec ;;
    SunJGSS) echo java.security.jgss ;;
    SunSASL) echo java.security.sasl ;;
    XMLDSig) echo java.xml.crypto ;;
    SunPCSC) echo java.smartcardio ;;
    JdkLDAP) echo java.naming ;;
    JdkSASL) echo jdk.security.jgss ;;
    SunPKCS11) echo jdk.crypto.cryptoki ;;
    SunMSCAPI) echo jdk.crypto.mscapi ;;
    *) echo java.base ;; # unknown: kept
  esac
}
kept_providers=() dropped_providers=()
while IFS= read -r provider; do
  if echo "$linked_modules" | grep -qx "$(provider_module "${provider%% *}")"; then
    kept_providers+=("$provider")
  else
    dropped_providers+=("${provider%% *}")
  fi
done < <(grep -E '^security\.provider\.[0-9]+=' "$security_file" | sort -t. -k3 -n | sed 's/^[^=]*=//')
{
  awk '/^security\.provider\.[0-9]+=/ { if (!done) { print "@PROVIDERS@"; done = 1 } next } { print }' "$security_file" \
    | while IFS= read -r line; do
        if [ "$line" = "@PROVIDERS@" ]; then
          for i in "${!kept_providers[@]}"; do echo "security.provider.$((i + 1))=${kept_providers[$i]}"; done
        else
          printf '%s\n' "$line"
        fi
      done
} > "$work/java.security" && chmod u+w "$security_file" && cp "$work/java.security" "$security_file"
step "security providers left out with their modules: ${dropped_providers[*]:-none}"
# The class-data sharing archive a JDK ships and jlink (before JDK 21) leaves out: the JDK's own
# classes load from it, a faster start. Then the commands go: the launcher needs none of them.
"$runtime/bin/java" -Xshare:dump >"$work/cds.log" 2>&1 || { cat "$work/cds.log" >&2; die "CDS archive failed"; }
rm -rf "$runtime/bin"
step "jlink runtime ($((SECONDS - start)) s): $(du -sh "$runtime" | cut -f1)"

# --- 4. jpackage -----------------------------------------------------------------------------------
common=(
  --name PiRack
  --vendor "PiRack"
  --description "Control panel for a Raspberry Pi Kubernetes failover demo"
  --copyright "PiRack contributors"
)
app_image_args=(
  --input "$input"
  --main-jar "$(basename "$main_jar")"
  --main-class "$main_class"
  --runtime-image "$runtime"
  # Heap sized for the informers and the rehearsal rack, with a collector that gives memory back:
  # SerialGC shrinks the heap to 10-30 % free after a collection (G1's defaults held ~650 MB
  # committed for ~100 MB used; docs/benchmarks.md). Prism settings stay JavaFX's own choice.
  # Issue 20's GC tail (docs/benchmarks.md "Session 7"): the 94 ms pause was a full collection. From
  # -Xms32m the heap grew a few MB per full GC (4 at start, the next during the first changes) and
  # Metaspace's 21 MB high-water mark forced 2 more; young survivors overflowed 2.4 MB survivor spaces
  # and were promoted early. Now: old starts at 80 MB (~50 MB live at 4 Pis; untouched pages cost no RSS),
  # a fixed 32 MB young with 5 MB survivors, Metaspace's first GC at 96 MB (~55 MB used). G1 (pause
  # goal 10 ms) had no full GCs but committed 206 MB and RSS 293 MB, and its pauses were no shorter here.
  # Session 8: -Xms192m (old starts at 160 MB): at 100 nodes / 3,000 pods the live heap (~87 MB) passed the
  # 80 MB old generation and the app made a 200-500 ms full GC in the changes; 0 with 192m. At 4 Pis the
  # pages it never touches cost ~5 MB of RSS (277 -> 282 MB after 11 min).
  --java-options "-XX:+UseSerialGC"
  --java-options "-Xms192m"
  --java-options "-Xmn32m"
  --java-options "-XX:SurvivorRatio=4"
  --java-options "-XX:MetaspaceSize=96m"
  --java-options "-Xmx512m"
  --java-options "-XX:MinHeapFreeRatio=10"
  --java-options "-XX:MaxHeapFreeRatio=30"
  # C1 only (issue 20, session 15; docs/benchmarks.md "Session 15"). PiRack is an event-driven UI whose hot
  # code runs a few hundred times a second at most. C2's work was the start (0.5-1.0 s of CPU before the
  # skeleton on two cores, session 6) and then a long tail at rest: invocation counters keep crossing its
  # thresholds, 15-35 methods a minute still at 10 min, its arenas and code adding 10-25 MB of RSS. Sessions
  # 6-14 delayed C2 (ten times JDK 17's tier-4 thresholds), which moved that tail into the 10th minute. The
  # same image with C1 only, in the same hour: start 0.72-0.75 / 1.62-1.71 s (C2: 0.80-0.86 / 2.06-2.18),
  # idle 1.35 % (1.77), RSS at 9-11 min 287 MB (304-305), write -> pixel p99 34.6 ms at 4 Pis (42.6) and
  # 64-82 ms at 100 Pis (95).
  --java-options "-XX:TieredStopAtLevel=1"
  # The JVM's own threads at rest (issue 20, session 11, docs/benchmarks.md "CPU at rest … idle11"): the
  # perf-data sampler wakes 20 times a second, the guaranteed safepoint and monitor deflation once a second
  # each; ~1,450 wake-ups a minute, 30-60 ms of CPU where a wake-up costs ~40 us. Without perf data jps and
  # jstat do not list the app (jcmd still does); safepoints and deflation still run, every 10 s.
  --java-options "-XX:-UsePerfData"
  --java-options "-XX:+UnlockDiagnosticVMOptions"
  --java-options "-XX:GuaranteedSafepointInterval=10000"
  --java-options "-XX:AsyncDeflationInterval=10000"
  # Linux (glibc): return freed native memory every 10 s (C2's arenas, GTK); added below, Linux only.
  --java-options "-Dapple.awt.application.name=PiRack"
  --java-options "-Dfile.encoding=UTF-8"
)

# --- 5. AppCDS: the app's own classes (fabric8, Vert.x, Jackson, JavaFX, PiRack) archived ------------
# A training run of the packaged launcher with -XX:ArchiveClassesAtExit: the app's own start, as a user
# starts it (`PiRack --sim`: the window, the rehearsal rack, the client and its informers), quitting once
# the first live frame is laid out (-Dpirack.startupMarks.exitWhenLive; issue 20 — the window's classes
# are what the start waits on; the earlier `snapshot --sim` training left them out) and 3 s more (the rack's own
# kubelets and controllers start after the live frame). The launcher maps the
# archive with -XX:SharedArchiveFile. JDK 17 accepts the archive only at the absolute path it was made
# at (the app-image where it was built); a runtime from JDK 20+ (--jdk) also where it is installed
# (JDK-8279366). Elsewhere the JVM falls back to the JDK's own archive; -Xlog keeps that quiet.
# A failed training run leaves the app-image as it was: packaging never fails for want of a cache.
app_cds() {
  local image="$1" cfg="$1/lib/app/PiRack.cfg" launcher="$1/bin/PiRack" xvfb_pid="" display="${DISPLAY:-}"
  local started=$SECONDS
  [ -f "$cfg" ] && [ -x "$launcher" ] || { step "AppCDS skipped: no $cfg"; return 0; }
  cp "$cfg" "$work/PiRack.cfg.orig"
  # [JavaOptions] is the cfg's last section: appended options belong to it.
  # JDK 25+ (JEP 483/514/515): an AOT cache instead of a dynamic CDS archive. Besides the classes it holds them
  # loaded and linked, the lambda forms and proxies a dynamic archive leaves out, and the training run's method
  # profiles, so the JIT starts from the profiles instead of collecting them. Made in two steps (record, then
  # create), both through the launcher: the one-step -XX:AOTCacheOutput needs a java command the runtime lacks.
  local aot=""
  if "$jdk_home/bin/java" -XX:AOTMode=off -version >/dev/null 2>&1; then aot=yes; fi
  {
    if [ -n "$aot" ]; then
      echo 'java-options=-XX:AOTMode=record'
      echo 'java-options=-XX:AOTConfiguration=$APPDIR/pirack.aotconf'
    else
      echo 'java-options=-XX:ArchiveClassesAtExit=$APPDIR/pirack.jsa'
    fi
    echo 'java-options=-Dpirack.startupMarks=true'
    echo 'java-options=-Dpirack.startupMarks.exitWhenLive=true'
    # 3 s more: the rehearsal rack's kubelets and controllers start after the live frame (issue 20), their classes too.
    echo 'java-options=-Dpirack.startupMarks.exitAfterLiveMillis=3000'
  } >> "$cfg"
  if [ "$os" = Linux ] && [ -z "$display" ] && command -v Xvfb >/dev/null; then
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/cds-display" 2>"$work/cds-xvfb.log" &
    xvfb_pid=$!
    for _ in $(seq 50); do [ -s "$work/cds-display" ] && break; sleep 0.1; done
    display=":$(cat "$work/cds-display" 2>/dev/null)"
  fi
  mkdir -p "$work/cds-home"
  # A fresh HOME: the training run reads and writes no one's settings.
  env -u XDG_CONFIG_HOME -u XDG_STATE_HOME HOME="$work/cds-home" DISPLAY="$display" \
    timeout --kill-after=10 600 "$launcher" --sim >"$work/cds-training.log" 2>&1
  local status=$?
  # The run must have reached the live frame (it quits itself there), not just ended.
  if [ $status = 0 ] && ! grep -q '^PIRACK_STARTUP live ' "$work/cds-training.log"; then status=1; fi
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  cp "$work/PiRack.cfg.orig" "$cfg"
  local archive="$image/lib/app/pirack.jsa"
  if [ -n "$aot" ]; then
    archive="$image/lib/app/pirack.aot"
    if [ $status = 0 ] && [ -s "$image/lib/app/pirack.aotconf" ]; then
      # The create step runs no main class: the JVM writes the cache from the recorded configuration and exits.
      { echo 'java-options=-XX:AOTMode=create'; echo 'java-options=-XX:AOTConfiguration=$APPDIR/pirack.aotconf'
        echo 'java-options=-XX:AOTCache=$APPDIR/pirack.aot'; } >> "$cfg"
      env HOME="$work/cds-home" timeout --kill-after=10 600 "$launcher" >"$work/cds-create.log" 2>&1 || status=1
      cp "$work/PiRack.cfg.orig" "$cfg"
    fi
    rm -f "$image/lib/app/pirack.aotconf"
  fi
  if [ $status = 0 ] && [ -s "$archive" ]; then
    {
      if [ -n "$aot" ]; then
        echo 'java-options=-XX:AOTCache=$APPDIR/pirack.aot'
        echo 'java-options=-Xlog:aot=off,cds=off'
        # The cache's classes, not its method profiles (JEP 515): replayed, they had C2 compile the training run's
        # hot methods at once, 300-400 ms of C2 before the skeleton on two cores, against 50-60 ms without
        # (docs/benchmarks.md session 11); C2 still comes for what stays hot (the tier-4 thresholds above).
        if "$jdk_home/bin/java" -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -version >/dev/null 2>&1; then
          echo 'java-options=-XX:+UnlockDiagnosticVMOptions'
          echo 'java-options=-XX:-AOTReplayTraining'
        fi
      else
        echo 'java-options=-XX:SharedArchiveFile=$APPDIR/pirack.jsa'
        echo 'java-options=-Xlog:cds=off,cds+dynamic=off'
      fi
      # Mapped at the address it was made for, not moved (issue 20): recent JDK 17 updates (17.0.15 here) relocate
      # the archives to a random address at every start by default (-XX:ArchiveRelocationMode=1), ~45 ms of the
      # JVM's creation before anything else runs (Create VM 65-84 -> 27-32 ms, -Xlog:startuptime). The cost:
      # the archived classes' metadata sits at the same address in every start (no ASLR for that region), as
      # on every JDK before the change. Only where the runtime still has the (diagnostic) flag.
      if "$jdk_home/bin/java" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -version >/dev/null 2>&1; then
        echo 'java-options=-XX:+UnlockDiagnosticVMOptions'
        echo 'java-options=-XX:ArchiveRelocationMode=0'
      fi
    } >> "$cfg"
    step "$([ -n "$aot" ] && echo "AOT cache" || echo "AppCDS archive") ($((SECONDS - started)) s): $(du -h "$archive" | cut -f1)"
  else
    rm -f "$archive"
    step "AppCDS skipped: the training run failed (exit $status, see $work/cds-training.log)"
  fi
}

[ "$os" = Linux ] && app_image_args+=(--java-options "-XX:TrimNativeHeapInterval=10000")
# A runtime from JDK 23+ (--jdk) warns at every start that JavaFX 21 loads its natives (System.load) and that
# Marlin allocates off-heap through sun.misc.Unsafe; both are allowed by name where the runtime knows the option.
if "$jdk_home/bin/java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1; then
  app_image_args+=(--java-options "--enable-native-access=ALL-UNNAMED" --java-options "--sun-misc-unsafe-memory-access=allow")
fi

for type in ${types//,/ }; do
  start=$SECONDS
  case "$type" in
    app-image)
      [ "$os" = Linux ] || die "app-image is built here only on Linux; on macOS use dmg"
      "$jpackage" --type app-image --dest "$dist" "${common[@]}" --app-version "$app_version" \
        "${app_image_args[@]}" \
        --icon "$root/assets/icon/linux/pirack.png"
      step "app-image ($((SECONDS - start)) s): $dist/PiRack $(du -sh "$dist/PiRack" | cut -f1)"
      app_cds "$dist/PiRack"
      ;;
    deb)
      [ "$os" = Linux ] || die ".deb is built only on Linux"
      [ -d "$dist/PiRack" ] || die "deb is made from the app-image: list app-image first in --types"
      command -v fakeroot >/dev/null || die "jpackage needs fakeroot for a .deb (apt-get install fakeroot)"
      command -v dpkg-deb >/dev/null || die "jpackage needs dpkg-deb for a .deb (apt-get install dpkg)"
      "$jpackage" --type deb --dest "$dist" "${common[@]}" --app-version "$app_version" \
        --app-image "$dist/PiRack" \
        --icon "$root/assets/icon/linux/pirack.png" \
        --linux-package-name pirack --linux-deb-maintainer "pirack@pirack.io" \
        --linux-menu-group "Development" --linux-app-category devel --linux-shortcut
      deb="$(ls "$dist"/pirack_*.deb)"
      step "deb ($((SECONDS - start)) s): $deb $(du -h "$deb" | cut -f1)"
      ;;
    dmg)
      [ "$os" = Darwin ] || die ".dmg is built only on macOS"
      # jpackage refuses an app-version whose first number is 0 on macOS; Info.plist (our template,
      # from --resource-dir) carries the real version, the "1" below only satisfies that check.
      mac_version="$app_version"
      [[ "$app_version" == 0* ]] && mac_version=1
      sed -e "s/@VERSION@/$app_version/g" "$here/macos/Info.plist" > "$work/resources/Info.plist"
      # The .dmg: volume "PiRack" with our icon; jpackage's layout (the app beside an Applications link).
      cp "$root/assets/icon/macos/pirack.icns" "$work/resources/PiRack-volume.icns"
      sign=()
      if [ -n "${PIRACK_MAC_SIGN_IDENTITY:-}" ]; then
        # jpackage signs the bundle's native code (JavaFX's .dylib files in app/ included, see above) with
        # the hardened runtime and its default Java entitlements (JIT, unsigned executable memory).
        sign=(--mac-sign --mac-signing-key-user-name "$PIRACK_MAC_SIGN_IDENTITY")
        [ -n "${PIRACK_MAC_KEYCHAIN:-}" ] && sign+=(--mac-signing-keychain "$PIRACK_MAC_KEYCHAIN")
      fi
      "$jpackage" --type dmg --dest "$dist" "${common[@]}" --app-version "$mac_version" \
        "${app_image_args[@]}" --resource-dir "$work/resources" \
        --icon "$root/assets/icon/macos/pirack.icns" \
        --mac-package-identifier io.pirack.PiRack --mac-package-name PiRack ${sign[@]+"${sign[@]}"}
      built="$(ls "$dist"/PiRack-*.dmg)"
      # One .dmg per architecture (JavaFX's natives are per architecture): arm64 or x86_64.
      dmg="$dist/PiRack-$version-$(uname -m).dmg"
      [ "$built" = "$dmg" ] || mv "$built" "$dmg"
      step "dmg ($((SECONDS - start)) s): $dmg $(du -h "$dmg" | cut -f1)"
      ;;
    *) die "unknown package type $type (app-image, deb, dmg)" ;;
  esac
done
step "done in $((SECONDS - start_all)) s"
