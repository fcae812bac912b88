# Finds a JDK whose major version is at least 25 and prints its home; sourced by ./mvnw and bin/kiln.
# Looks at KILN_JAVA_HOME, JAVA_HOME, the `java` on the PATH, then the usual JVM folders.
kiln_jdk_major() {
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "${v%%.*}"
}

kiln_find_jdk() {
  local min=25 candidate major
  local candidates=()
  [ -n "${KILN_JAVA_HOME:-}" ] && candidates+=("$KILN_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] || continue
    major=$(kiln_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Kiln needs a JDK $min or newer and found none (looked at KILN_JAVA_HOME, JAVA_HOME, the java on the PATH, /usr/lib/jvm). Install one (for example Temurin 25) and set KILN_JAVA_HOME to its folder." >&2
  return 1
}
