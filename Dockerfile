# Airbyte source connector image: source-stock-ticker-api.
#
# Single stage, like Airbyte's Java connectors: the shaded jar is built on the host first,
#   mvn -q -B package -DskipTests
#   docker build -t airbyte/source-stock-ticker-api:dev .
# The platform runs the ENTRYPOINT with `spec`, `check --config F`, `discover --config F` or
# `read --config F --catalog F [--state F]` appended. stdout must carry only Airbyte messages.
FROM eclipse-temurin:17-jre

ARG JAR_FILE=target/source-stock-ticker-api.jar

# The ENTRYPOINT calls java by the absolute path /usr/bin/java (Airbyte's Kubernetes runner
# uses AIRBYTE_ENTRYPOINT verbatim, so no PATH lookup). Where java really lives depends on the
# base: Debian's openjdk-17-jre-headless has /usr/bin/java (-> /etc/alternatives/java ->
# /usr/lib/jvm/java-17-openjdk-amd64/bin/java); eclipse-temurin has only /opt/java/openjdk/bin/java
# (on PATH via JAVA_HOME). So link /usr/bin/java to the java on PATH when it is missing; the same
# Dockerfile then works on both, and the build fails here if neither has a java.
RUN set -eu; \
    if [ ! -e /usr/bin/java ]; then \
      java_bin="$(command -v java || true)"; \
      [ -n "$java_bin" ] || java_bin="${JAVA_HOME:-/opt/java/openjdk}/bin/java"; \
      ln -s "$java_bin" /usr/bin/java; \
    fi; \
    /usr/bin/java -version

# Non-root user `airbyte` owning /airbyte. uid/gid 1000 (what Airbyte's own base images and the
# platform's pod security context use) when free; eclipse-temurin's Ubuntu base already has
# `ubuntu` as 1000, so there the system picks the ids. Bases without shadow's useradd: busybox
# adduser, else plain /etc/passwd entries.
RUN set -eu; \
    if command -v useradd >/dev/null 2>&1; then \
      if getent group 1000 >/dev/null 2>&1; then groupadd --system airbyte; \
      else groupadd --gid 1000 airbyte; fi; \
      if getent passwd 1000 >/dev/null 2>&1; then \
        useradd --system --gid airbyte --home-dir /airbyte --no-create-home --shell /bin/sh airbyte; \
      else \
        useradd --uid 1000 --gid airbyte --home-dir /airbyte --no-create-home --shell /bin/sh airbyte; \
      fi; \
    elif command -v adduser >/dev/null 2>&1; then \
      addgroup -S airbyte && adduser -S -D -H -h /airbyte -s /bin/sh -G airbyte airbyte; \
    else \
      echo 'airbyte:x:1000:' >> /etc/group; \
      echo 'airbyte:x:1000:1000:airbyte:/airbyte:/bin/sh' >> /etc/passwd; \
    fi; \
    mkdir -p /airbyte; \
    chown airbyte:airbyte /airbyte

WORKDIR /airbyte
COPY --chown=airbyte:airbyte ${JAR_FILE} /airbyte/source-stock-ticker-api.jar
USER airbyte

# AppCDS: one training run at build time dumps the classes it loaded (picocli, Jackson, OkHttp,
# the connector) into a dynamic archive on top of the JDK's default CDS archive; every later run
# maps it instead of parsing and verifying those classes again (about a quarter off `spec` here;
# picocli's classes are compiled for Java 5 and CDS cannot archive those, so they are left out).
# The training run is `check` against a closed loopback port: it parses a config, builds the HTTP
# client, makes a (refused) request and prints a FAILED status, so it loads more of what real
# runs use than `spec` does, needs no network and exits 0. Same JVM flags as the ENTRYPOINT,
# since the archive is only used when the run's settings match the dump's. Its logging is cut to
# errors: the dump warns once per class it skips (hundreds of lines).
RUN set -eu; \
    printf '%s' '{"api_key":"cds-training","stock_ticker":"AAPL","start_date":"2024-01-02","base_url":"http://127.0.0.1:9"}' > /tmp/cds-config.json; \
    /usr/bin/java -XX:MaxRAMPercentage=75 -XX:+UseCompressedOops -XX:+UseSerialGC \
      -XX:TieredStopAtLevel=1 -Xss512k -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData \
      -Xlog:disable -Xlog:all=error:stderr -XX:+DisplayVMOutputToStderr \
      -XX:ArchiveClassesAtExit=/airbyte/app.jsa \
      -jar /airbyte/source-stock-ticker-api.jar check --config /tmp/cds-config.json > /dev/null; \
    rm -f /tmp/cds-config.json; \
    test -s /airbyte/app.jsa

# JVM flags, in ENTRYPOINT order:
#   -XX:MaxRAMPercentage=75      heap up to 75% of the container's memory limit (the default 25%
#                                wastes most of a pod that runs nothing but this JVM);
#   -XX:+UseCompressedOops       keeps compressed oops even where 75% of an unlimited host is over
#                                32 GB (the heap is then capped near 32 GB): the CDS archive is only
#                                usable with the compressed-oops setting it was dumped with;
#   -XX:+UseSerialGC             a short-lived, single-threaded, small-heap process: no GC threads,
#                                smallest footprint and fastest start (G1 is chosen by default
#                                whenever the pod has 2+ CPUs and 1.8+ GB);
#   -Xmn8m                       a small, fixed young generation: records are streamed, so almost
#                                nothing survives a collection, and an 8 MB nursery keeps peak RSS
#                                flat however many records a read emits (bench/: a 1M-record read
#                                within a few % of a 10k-record one; the default nursery, sized
#                                from the host's RAM, let RSS grow with the records);
#   -XX:TieredStopAtLevel=1      C1 only: commands are short and the sync waits on the network,
#                                so C2's peak speed never pays for its compile time and threads;
#   -Xss512k                     half the default 1 MB thread stack: the connector's call depth is
#                                shallow, and it lowers committed memory per thread;
#   -XX:+ExitOnOutOfMemoryError  fail fast with a non-zero exit instead of limping on, so the
#                                platform records a failed attempt and retries;
#   -XX:-UsePerfData             no /tmp/hsperfdata mmap file: slightly faster start, and works on a
#                                read-only or noexec /tmp;
#   -Xshare:auto                 use the AppCDS archive when it validates, silently run without it
#                                otherwise (other JDK, changed jar, other flags) instead of failing;
#   -XX:SharedArchiveFile=...    the archive dumped above;
#   -Xlog:disable -Xlog:all=warning:stderr
#                                JVM unified-logging warnings (e.g. "[warning][cds] Unable to use
#                                shared archive") go to stdout by default and would corrupt the
#                                Airbyte message stream: send them to stderr;
#   -XX:+DisplayVMOutputToStderr other VM output (e.g. a SIGQUIT thread dump) to stderr as well.
ENV AIRBYTE_ENTRYPOINT="/usr/bin/java -XX:MaxRAMPercentage=75 -XX:+UseCompressedOops -XX:+UseSerialGC -Xmn8m -XX:TieredStopAtLevel=1 -Xss512k -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Xshare:auto -XX:SharedArchiveFile=/airbyte/app.jsa -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr -jar /airbyte/source-stock-ticker-api.jar"
ENTRYPOINT ["/usr/bin/java", "-XX:MaxRAMPercentage=75", "-XX:+UseCompressedOops", "-XX:+UseSerialGC", "-Xmn8m", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Xshare:auto", "-XX:SharedArchiveFile=/airbyte/app.jsa", "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-jar", "/airbyte/source-stock-ticker-api.jar"]

LABEL io.airbyte.name=airbyte/source-stock-ticker-api
LABEL io.airbyte.version=0.1.0
