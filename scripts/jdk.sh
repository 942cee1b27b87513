# Sourced by ./dana and ./run-tests: finds a JDK >= 25 (the Vector API kernels need it) and sets DANA_JAVA_HOME.
# Order: $DANA_JAVA_HOME, $JAVA_HOME, `java` on PATH, then every JDK under /usr/lib/jvm.
dana_jdk_major() {  # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
}
dana_find_jdk() {
  local c v path_home=""
  if command -v java >/dev/null 2>&1; then
    path_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for c in "${DANA_JAVA_HOME:-}" "${JAVA_HOME:-}" "$path_home" /usr/lib/jvm/*; do
    [ -n "$c" ] || continue
    v=$(dana_jdk_major "$c")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then DANA_JAVA_HOME="$c"; export DANA_JAVA_HOME; return 0; fi
  done
  echo "dana: no JDK >= 25 found (looked at \$DANA_JAVA_HOME, \$JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one (e.g. Temurin 25) or set DANA_JAVA_HOME" >&2
  return 1
}
dana_mvn() {  # runs Maven with the JDK found above, quietly unless asked
  if ! command -v mvn >/dev/null 2>&1; then
    echo "dana: Maven (mvn) is not installed; install it (Debian: apt-get install -y maven)" >&2; return 1
  fi
  JAVA_HOME="$DANA_JAVA_HOME" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B "$@"
}
