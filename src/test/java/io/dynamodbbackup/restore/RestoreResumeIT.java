package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.S3Store;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A restore of the built jar killed with kill -9 at random moments goes on where it stopped when
 * repeated with {@code --resume}: the table ends equal to the source, item for item, and the work
 * redone stays within the batches that were in flight.
 */
@ExtendWith(LocalEnginesExtension.class)
class RestoreResumeIT {

  private static final int KILLS = 10;
  private static final int ITEMS = 4_000;
  private static final int S3RVER_KILLS = 3;
  private static final int LOCAL_KILLS = 4;
  private static final int WRITERS = 4;

  /** Batches in flight at a kill: the writers' own and the queue's, 25 items each. */
  private static final long MAX_REDONE = (WRITERS + 2L * WRITERS) * 25;

  private final LocalEngines engines;

  RestoreResumeIT(LocalEngines engines) {
    this.engines = engines;
  }

  @Test
  void restoreKilledAtRandomMoments_resumesToExactlyTheSource_s3Proxy() throws Exception {
    killAndResumeFromS3(S3Store.S3PROXY, KILLS);
  }

  @Test
  void restoreKilledAtRandomMoments_resumesToExactlyTheSource_s3rver() throws Exception {
    killAndResumeFromS3(S3Store.S3RVER, S3RVER_KILLS);
  }

  /**
   * Restores a backup in {@code store} {@code runs} times, killed and resumed; then leaves one
   * killed restore for {@code list --cleanup} to forget.
   */
  private void killAndResumeFromS3(S3Store store, int runs) throws Exception {
    String source = engines.uniqueTableName("resume-src");
    List<Map<String, AttributeValue>> items = loadSource(source);
    String bucket = engines.createBucket(store);
    ToolRunner.Result backup =
        new ToolRunner(engines).store(store).runLocal("-t", source, "-b", bucket);
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    String dataKey;
    try (S3Client s3 = engines.s3(store)) {
      dataKey =
          BackupFiles.keys(s3, bucket).stream()
              .filter(k -> !k.endsWith(".manifest.json"))
              .findFirst()
              .orElseThrow();
    }
    String uri = "s3://" + bucket + "/" + dataKey;

    AtomicBoolean listed = new AtomicBoolean();
    killAndResume(
        "restore from " + store,
        store,
        List.of(uri),
        items,
        runs,
        () -> checkpointed(store, bucket, dataKey),
        target -> {
          if (!listed.get()) {
            ToolRunner.Result list =
                new ToolRunner(engines).store(store).runLocal("list", "-b", bucket);
            assertThat(list.out())
                .as("list shows the interrupted restore")
                .contains("INCOMPLETE (an interrupted restore into table " + target + ", resumable")
                .contains(uri);
            listed.set(true);
          }
        });
    assertThat(listed.get()).as("an interrupted restore was listed").isTrue();

    // One nobody resumes is removed by list --cleanup, as a killed backup's upload is.
    String abandoned = engines.uniqueTableName("resume-dst");
    assertThat(
            killWhileWriting(
                store,
                List.of(
                    "restore",
                    uri,
                    "-t",
                    abandoned,
                    "--create-table",
                    "--writers",
                    Integer.toString(WRITERS)),
                abandoned,
                0))
        .isTrue();
    assertThat(checkpointed(store, bucket, dataKey)).isGreaterThanOrEqualTo(0);
    ToolRunner.Result cleanup =
        new ToolRunner(engines).store(store).runLocal("list", "-b", bucket, "--cleanup", "0s");
    assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
    assertThat(cleanup.err()).contains("checkpoint of an interrupted restore");
    assertThat(cleanup.out()).doesNotContain("interrupted restore");
    assertThat(checkpointed(store, bucket, dataKey)).isEqualTo(-1);
  }

  @Test
  void restoreOfALocalFileKilledAtRandomMoments_resumesFromTheCheckpointBesideIt(
      @TempDir Path folder) throws Exception {
    String source = engines.uniqueTableName("resume-src");
    List<Map<String, AttributeValue>> items = loadSource(source);
    ToolRunner.Result backup =
        new ToolRunner(engines).runLocal("-t", source, "--output-dir", folder.toString());
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    Path file;
    try (Stream<Path> files = Files.walk(folder)) {
      file = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    Path state = file.resolveSibling(file.getFileName() + ".restore-state.json");

    killAndResume(
        "restore from a local file",
        S3Store.S3PROXY,
        List.of("--file", file.toString()),
        items,
        LOCAL_KILLS,
        () -> checkpointed(state),
        target -> {});
  }

  @Test
  void resumeIntoAnotherTable_isRefusedNamingBoth() throws Exception {
    String bucket = engines.createBucket();
    String key = "src/src_2026-11-29T03:00:00+00:00.csv";
    try (S3Client s3 = engines.s3()) {
      s3.putObject(
          r -> r.bucket(bucket).key(".dynamodb-backup/restore-state/" + key + ".json"),
          software.amazon.awssdk.core.sync.RequestBody.fromString(
              "{\"formatVersion\":1,\"source\":\"s3://"
                  + bucket
                  + "/"
                  + key
                  + "\",\"table\":\"first-target\",\"itemsWritten\":100,\"updatedAt\":\"x\"}"));
      s3.putObject(
          r -> r.bucket(bucket).key(key),
          software.amazon.awssdk.core.sync.RequestBody.fromString(
              "\"{\"\"pk\"\":{\"\"S\"\":\"\"a\"\"}}\"\n"));
    }

    ToolRunner.Result result =
        new ToolRunner(engines)
            .runLocal("restore", "s3://" + bucket + "/" + key, "-t", "other-target", "--resume");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("cannot resume: the interrupted restore was of s3://" + bucket + "/" + key)
        .contains("into table first-target, this one is of")
        .contains("into table other-target");
  }

  /**
   * Restores the {@code source} (its arguments) into a new table {@code runs} times, each killed at
   * a random moment and resumed: each table must end equal to {@code items}, with no more redone
   * than was in flight, and no state left. {@code interrupted} sees each table killed after a
   * checkpoint.
   */
  private void killAndResume(
      String what,
      S3Store store,
      List<String> source,
      List<Map<String, AttributeValue>> items,
      int runs,
      Checkpoint checkpoint,
      Consumer<String> interrupted)
      throws Exception {
    Random random = new Random(1129);
    long redoneTotal = 0;
    long redoneMax = 0;
    int resumedFromCheckpoint = 0;
    int kills = 0;
    for (int run = 0; run < runs; run++) {
      String target = engines.uniqueTableName("resume-dst");
      List<String> args = new ArrayList<>(List.of("restore"));
      args.addAll(source);
      args.addAll(List.of("-t", target, "--create-table", "--writers", Integer.toString(WRITERS)));
      boolean killed = killWhileWriting(store, args, target, random.nextInt(1_000));
      kills += killed ? 1 : 0;
      long inTable = count(target);
      long checkpointed = checkpoint.items();
      if (killed && checkpointed >= 0) {
        interrupted.accept(target);
      }

      List<String> again = new ArrayList<>(args);
      again.add("--resume");
      ToolRunner.Result resumed =
          new ToolRunner(engines).store(store).runLocal(again.toArray(String[]::new));

      assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
      try (DynamoDbClient dynamo = engines.dynamo()) {
        assertThat(TestTables.scanAll(dynamo, target)).containsExactlyInAnyOrderElementsOf(items);
      }
      if (killed) {
        long redone = inTable - Math.max(0, checkpointed);
        assertThat(redone).as("items redone after kill %d", run).isBetween(0L, MAX_REDONE);
        redoneTotal += redone;
        redoneMax = Math.max(redoneMax, redone);
        resumedFromCheckpoint += checkpointed > 0 ? 1 : 0;
      }
      assertThat(checkpoint.items()).as("the state is removed once done").isEqualTo(-1);
    }
    System.out.printf(
        Locale.ROOT,
        "%s, resume: %d runs, %d killed while writing, %d resumed from a checkpoint, items"
            + " redone %d in all, at most %d after one kill (bound %d)%n",
        what,
        runs,
        kills,
        resumedFromCheckpoint,
        redoneTotal,
        redoneMax,
        MAX_REDONE);
    assertThat(kills).as("runs killed while they wrote items").isGreaterThanOrEqualTo(runs / 2);
    assertThat(resumedFromCheckpoint).as("kills after a checkpoint").isPositive();
  }

  /** The items a restore's checkpoint says are written, or -1 when there is none. */
  @FunctionalInterface
  private interface Checkpoint {
    long items() throws Exception;
  }

  private List<Map<String, AttributeValue>> loadSource(String table) {
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, table, TestItems.everyType(51, ITEMS));
      return TestTables.scanAll(dynamo, table);
    }
  }

  /**
   * Kills the restore {@code millis} after its first item reached the table; false when it had
   * finished by then.
   */
  private boolean killWhileWriting(S3Store store, List<String> args, String target, long millis)
      throws Exception {
    Path jar = Path.of(System.getProperty("tool.jar", "target/dynamodb-backup.jar"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    command.addAll(
        List.of(
            "--region",
            engines.region().id(),
            "--dynamodb-endpoint",
            engines.dynamoEndpoint().toString(),
            "--s3-endpoint",
            engines.s3Endpoint(store).toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (process.isAlive() && !hasItems(target) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    boolean killed = !process.waitFor(millis, TimeUnit.MILLISECONDS);
    if (killed) {
      process.toHandle().destroyForcibly();
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return killed;
  }

  private boolean hasItems(String table) {
    try (DynamoDbClient dynamo = engines.dynamo()) {
      return dynamo.scan(r -> r.tableName(table).limit(1)).count() > 0;
    } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
      return false;
    }
  }

  private long count(String table) {
    try (DynamoDbClient dynamo = engines.dynamo()) {
      if (dynamo.listTables().tableNames().contains(table)) {
        return TestTables.scanAll(dynamo, table).size();
      }
      return 0;
    }
  }

  /** The checkpoint's item count in the bucket, or -1 when there is none. */
  private long checkpointed(S3Store store, String bucket, String dataKey) throws Exception {
    try (S3Client s3 = engines.s3(store)) {
      String key = ".dynamodb-backup/restore-state/" + dataKey + ".json";
      if (!BackupFiles.keys(s3, bucket).contains(key)) {
        return -1;
      }
      JsonNode state = new ObjectMapper().readTree(BackupFiles.get(s3, bucket, key));
      return state.get("itemsWritten").asLong();
    }
  }

  /** The checkpoint's item count in the file beside a local source, or -1 when there is none. */
  private static long checkpointed(Path state) throws Exception {
    if (!Files.exists(state)) {
      return -1;
    }
    return new ObjectMapper().readTree(Files.readAllBytes(state)).get("itemsWritten").asLong();
  }
}
