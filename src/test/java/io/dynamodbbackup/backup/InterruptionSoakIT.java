package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Backups of the built jar stopped at random moments, by SIGTERM (as ECS stops a task) or kill -9
 * (as the kernel kills a task out of memory). After every stop, {@code list} and the bucket agree:
 * each data object with a manifest verifies, every other object and every upload left behind is
 * listed INCOMPLETE, and a SIGTERM leaves a complete backup or nothing. {@code list --cleanup} then
 * removes what kill -9 left.
 */
@ExtendWith(LocalEnginesExtension.class)
class InterruptionSoakIT {

  private static final int RUNS = 20;
  private static final int ITEMS = 10_000;
  private static final String STATE_PREFIX = ".dynamodb-backup/backup-state/";

  private final LocalEngines engines;

  InterruptionSoakIT(LocalEngines engines) {
    this.engines = engines;
  }

  @Test
  void backupsStoppedAtRandomMoments_leaveOnlyWhatListReports() throws Exception {
    String table = engines.uniqueTableName("soak");
    List<Map<String, AttributeValue>> items = new ArrayList<>(TestItems.small(41, ITEMS));
    for (int i = 0; i < 40; i++) {
      items.add(TestItems.large(41, i, 300_000));
    }
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, table, items);
    }
    String bucket = engines.createBucket();
    Random random = new Random(20261129);
    Tally tally = new Tally();
    // One run to the end measures how long a backup takes here; the stops fall across all of it.
    long start = System.nanoTime();
    Stopped whole = runAndStop(table, bucket, TimeUnit.MINUTES.toMillis(5), false);
    assertThat(whole.exitCode()).as(whole.output()).isZero();
    long wholeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    checkListAgreesWithBucket(bucket, tally);

    for (int run = 0; run < RUNS; run++) {
      boolean sigkill = run % 2 == 1;
      long stopAfterMillis = 200 + random.nextInt((int) wholeMillis);
      State before = checkListAgreesWithBucket(bucket, new Tally());
      Stopped stopped = runAndStop(table, bucket, stopAfterMillis, sigkill);
      tally.runs++;
      tally.completedBeforeStop += stopped.exitCode() == 0 ? 1 : 0;
      awaitStoreSettled(bucket);
      State after = checkListAgreesWithBucket(bucket, tally);
      if (!sigkill) {
        String what = "after SIGTERM at " + stopAfterMillis + " ms: " + stopped;
        // A stop before the tool has started (the JVM still booting) leaves no output at all.
        if (stopped.exitCode() != 0 && !stopped.output().isBlank()) {
          assertThat(stopped.output()).as(what).contains("dynamodb-backup: error:");
        }
        assertThat(after.incompleteObjects()).as(what).isEqualTo(before.incompleteObjects());
        assertThat(after.uploads()).as(what).isEqualTo(before.uploads());
      }
    }

    ToolRunner.Result cleanup =
        new ToolRunner(engines).runLocal("list", "-b", bucket, "--cleanup", "0s");
    assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
    try (S3Client s3 = engines.s3()) {
      assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
      assertThat(BackupFiles.keys(s3, bucket)).noneMatch(k -> k.startsWith(STATE_PREFIX));
    }
    System.out.printf(
        Locale.ROOT,
        "interruption soak: a whole backup takes %d ms; %d stopped runs, %d complete backups"
            + " (%d finished before the stop), %d incomplete objects left, at most %d leaked"
            + " uploads at once, all removed by list --cleanup%n",
        wholeMillis,
        tally.runs,
        tally.complete,
        tally.completedBeforeStop,
        tally.incomplete,
        tally.leakedUploads);
    assertThat(tally.runs).isEqualTo(RUNS);
  }

  private record Stopped(int exitCode, String output) {}

  private record State(int incompleteObjects, int uploads) {}

  private static final class Tally {
    int runs;
    int complete;
    int completedBeforeStop;
    int incomplete;
    int leakedUploads;
  }

  private Stopped runAndStop(String table, String bucket, long afterMillis, boolean sigkill)
      throws Exception {
    Path jar = Path.of(System.getProperty("tool.jar", "target/dynamodb-backup.jar"));
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "-t",
                table,
                "-b",
                bucket,
                "--part-size-mb",
                "5",
                "--region",
                engines.region().id(),
                "--dynamodb-endpoint",
                engines.dynamoEndpoint().toString(),
                "--s3-endpoint",
                engines.s3Endpoint().toString())
            .redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (var lines = process.inputReader().lines()) {
                lines.forEach(l -> output.append(l).append('\n'));
              }
            });
    reader.start();
    if (!process.waitFor(afterMillis, TimeUnit.MILLISECONDS)) {
      // Through the handle: Process.destroy would also close our end of its output.
      if (sigkill) {
        process.toHandle().destroyForcibly();
      } else {
        process.toHandle().destroy();
      }
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process ends after a stop").isTrue();
    reader.join();
    return new Stopped(process.exitValue(), output.toString());
  }

  /**
   * Waits until the bucket's keys and uploads stop changing: a request the killed process had sent
   * (an UploadPart, a CreateMultipartUpload) may still complete in the store after it died.
   */
  private void awaitStoreSettled(String bucket) throws InterruptedException {
    try (S3Client s3 = engines.s3()) {
      List<String> seen = null;
      for (int i = 0; i < 40; i++) {
        List<String> now = new ArrayList<>(BackupFiles.keys(s3, bucket));
        s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().stream()
            .map(u -> "upload " + u.key() + " " + u.uploadId())
            .forEach(now::add);
        if (now.equals(seen)) {
          return;
        }
        seen = now;
        Thread.sleep(250);
      }
    }
  }

  /** Every object and upload in the bucket is in the listing with the right status, and no more. */
  private State checkListAgreesWithBucket(String bucket, Tally tally) throws Exception {
    ToolRunner.Result listed =
        new ToolRunner(engines).runLocal("list", "-b", bucket, "--output", "json");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    List<Map<String, Object>> rows =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(
                listed.out(),
                new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {});
    Set<String> complete = new HashSet<>();
    Set<String> incomplete = new HashSet<>();
    for (Map<String, Object> row : rows) {
      (Boolean.TRUE.equals(row.get("complete")) ? complete : incomplete)
          .add((String) row.get("uri"));
    }
    int incompleteObjects = 0;
    int uploads;
    String bucketState;
    Set<String> expectedComplete = new HashSet<>();
    Set<String> expectedIncomplete = new HashSet<>();
    try (S3Client s3 = engines.s3()) {
      List<String> keys = BackupFiles.keys(s3, bucket);
      for (String key : keys) {
        if (key.startsWith(STATE_PREFIX)) {
          // A killed backup's checkpoint: list shows its backup as resumable. One left beside a
          // stored object (killed after completing, before deleting it) adds nothing to the list.
          String dataKey = key.substring(STATE_PREFIX.length(), key.length() - ".json".length());
          if (!keys.contains(dataKey)) {
            expectedIncomplete.add("s3://" + bucket + "/" + dataKey);
          }
          continue;
        }
        if (key.endsWith(".manifest.json")) {
          assertThat(keys)
              .as("a manifest always has its object")
              .contains(key.replace(".manifest.json", ""));
          continue;
        }
        String uri = "s3://" + bucket + "/" + key;
        if (keys.contains(key + ".manifest.json")) {
          expectedComplete.add(uri);
        } else {
          expectedIncomplete.add(uri);
          incompleteObjects++;
        }
      }
      List<MultipartUpload> left = s3.listMultipartUploads(r -> r.bucket(bucket)).uploads();
      bucketState = keys + " uploads " + left.stream().map(MultipartUpload::key).toList();
      uploads = left.size();
      left.forEach(u -> expectedIncomplete.add("s3://" + bucket + "/" + u.key()));
    }
    assertThat(complete).isEqualTo(expectedComplete);
    assertThat(incomplete)
        .as("listed %s; in the bucket %s", listed.out(), bucketState)
        .isEqualTo(expectedIncomplete);
    for (String uri : complete) {
      ToolRunner.Result verify = new ToolRunner(engines).runLocal("verify", uri, "--quick");
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }
    tally.complete = complete.size();
    tally.incomplete = incompleteObjects;
    tally.leakedUploads = Math.max(tally.leakedUploads, uploads);
    return new State(incompleteObjects, uploads);
  }
}
