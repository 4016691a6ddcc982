#!/bin/sh
# Launches the Java time-skipping Temporal test server (io.temporal:temporal-test-server,
# provisioned from Maven Central by scripts/provision.ts) in place of the native binary
# that @temporalio/testing would otherwise download at run time.
#
# Usage (as called by the SDK, executable {type:'existing-path'}):
#   temporal-test-server.sh <port> [extraArgs...]
#
# Extra args are ignored: TestServer only accepts `<port> [--enable-time-skipping]`, and
# the SDK drives time skipping itself through the TestService API.
#
# `exec` is mandatory: the SDK stops the server with SIGKILL on the pid it spawned, so
# that pid has to be the JVM itself, not this shell.
#
# Environment:
#   TEMPORAL_TEST_SERVER_HOME  folder holding lib/ (and server.jsa); default <repo>/.cache/temporal-test-server
#   JAVA_HOME                  java to use; default `java` on PATH
#   TEMPORAL_TEST_SERVER_JAVA_OPTS  extra JVM options
#   TEMPORAL_TEST_SERVER_CDS_DUMP   (provisioning only) write an AppCDS archive here at JVM exit
set -eu

if [ "$#" -lt 1 ]; then
  echo "usage: $0 <port> [extraArgs...]" >&2
  exit 2
fi

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
home=${TEMPORAL_TEST_SERVER_HOME:-"$here/../../.cache/temporal-test-server"}
home=$(CDPATH= cd -- "$home" 2>/dev/null && pwd) || {
  echo "temporal-test-server: $home not found; run: npm run provision" >&2
  exit 1
}
lib="$home/lib"
if [ ! -d "$lib" ]; then
  echo "temporal-test-server: $lib not found; run: npm run provision" >&2
  exit 1
fi

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java=java
fi

# The SDK gives the server about 5 s to answer gRPC: favour start-up over peak speed.
# C1 only + serial GC roughly halves JVM start; the AppCDS archive (made at provision
# time) halves it again. A stale or mismatched archive is ignored by the JVM
# (-Xshare:auto), its warnings are silenced.
port=$1
set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData
if [ -n "${TEMPORAL_TEST_SERVER_CDS_DUMP:-}" ]; then
  set -- "$@" "-XX:ArchiveClassesAtExit=$TEMPORAL_TEST_SERVER_CDS_DUMP" -Xlog:cds=off -Xlog:cds+dynamic=off
elif [ -f "$home/server.jsa" ]; then
  set -- "$@" "-XX:SharedArchiveFile=$home/server.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off
fi

# shellcheck disable=SC2086 # word splitting of the user's option list is intended
exec "$java" "$@" ${TEMPORAL_TEST_SERVER_JAVA_OPTS:-} \
  -cp "$lib/*" io.temporal.testserver.TestServer "$port"
