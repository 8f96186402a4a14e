#!/usr/bin/env bash
# Prints backup and restore throughput beside raw DynamoDB calls, all against one local dynalite.
# Usage: bench/run.sh [ITEMS] [SEGMENTS] [every-type|small]   (defaults: 100000 items, 4 segments,
#        items of every type, about 1 KB each; small: about 100 bytes each)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.dynamodbbackup.bench.BackupBenchmark \
  -Dexec.cleanupDaemonThreads=false \
  -Dexec.args="target/dynamodb-backup.jar ${1:-100000} ${2:-4} ${3:-every-type}"
