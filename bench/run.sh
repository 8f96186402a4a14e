#!/usr/bin/env bash
# Prints backup and restore throughput and CPU beside the engine's raw limits, all against one
# local dynalite (see docs/BENCHMARKS.md).
# Usage: bench/run.sh [COUNTS] [SEGMENTS] [every-type|small]
#        (defaults: 10000,100000,300000 items, 4 segments, items of every type; the steady
#        state is what the largest size adds over the one before)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.dynamodbbackup.bench.BackupBenchmark \
  -Dexec.cleanupDaemonThreads=false \
  -Dexec.args="target/dynamodb-backup.jar ${1:-10000,100000,300000} ${2:-4} ${3:-every-type}"
# The line codecs alone, on one core (JMH forks its own JVMs, so it needs a plain classpath).
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.dynamodbbackup.bench.LineCodecBenchmark
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.openjdk.jmh.Main ResponseItemsBenchmark
