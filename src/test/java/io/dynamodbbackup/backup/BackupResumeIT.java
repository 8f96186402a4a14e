package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.LogLines;
import io.dynamodbbackup.testing.S3Store;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Backups of the built jar killed with kill -9 at random moments go on where they stopped when
 * repeated with {@code --resume}: each final object holds the table item for item, {@code verify}
 * passes, nothing unfinished is left, and the items read again stay within the bound: the parts not
 * yet stored (the one filling, the one sealed and waiting, those uploading) and each segment's
 * chunk not yet handed over.
 */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupResumeIT {

  private static final int ITEMS = 20_000;
  private static final int SEGMENTS = 4;
  private static final int UPLOADS = 1;
  private static final long PART = 5L << 20;
  private static final long CHUNK = (1L << 20) * 5 / 4;
  private static final Pattern PROGRESS = Pattern.compile("progress: ([0-9,]+) items");
  private static final Pattern RESUMING =
      Pattern.compile("resuming the backup of .*: ([0-9,]+) items already stored in (\\d+) parts");

  private final LocalEngines engines;
  private String table;
  private List<Map<String, AttributeValue>> items;
  @TempDir Path dir;

  BackupResumeIT(LocalEngines engines) {
    this.engines = engines;
  }

  @BeforeAll
  void loadTable() {
    table = engines.uniqueTableName("resume");
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    Random random = new Random(1201);
    for (int i = 0; i < ITEMS; i++) {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      item.put("pk", AttributeValue.fromS(String.format(Locale.ROOT, "item-%06d", i)));
      item.put("n", AttributeValue.fromN(Long.toString(random.nextLong())));
      byte[] pad = new byte[1500];
      random.nextBytes(pad);
      item.put(
          "pad", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(pad)));
      rows.add(item);
    }
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, table, rows);
      items = TestTables.scanAll(dynamo, table);
    }
  }

  @Test
  void backupKilledAtRandomMoments_resumesToExactlyTheTable_s3Proxy() throws Exception {
    killAndResume(new Place(S3Store.S3PROXY, engines.createBucket(), null), 10, 1129);
  }

  @Test
  void backupKilledAtRandomMoments_resumesToExactlyTheTable_s3rver() throws Exception {
    killAndResume(new Place(S3Store.S3RVER, engines.createBucket(S3Store.S3RVER), null), 3, 77);
  }

  @Test
  void backupKilledAtRandomMoments_resumesToExactlyTheTable_localFolder() throws Exception {
    killAndResume(new Place(S3Store.S3PROXY, null, dir.resolve("backups")), 3, 5);
  }

  @Test
  void resumeWithAnotherFormat_isRefusedNamingTheDifference() throws Exception {
    String bucket = engines.createBucket();
    String dataKey = table + "/" + table + "_2026-11-29T03:00:00+00:00.csv";
    try (S3Client s3 = engines.s3()) {
      s3.putObject(
          r -> r.bucket(bucket).key(".dynamodb-backup/backup-state/" + dataKey + ".json"),
          software.amazon.awssdk.core.sync.RequestBody.fromString(
              "{\"formatVersion\":1,\"table\":\""
                  + table
                  + "\",\"dataKey\":\""
                  + dataKey
                  + "\",\"format\":\"csv\",\"encoding\":\"json\",\"compression\":\"none\","
                  + "\"finalNewline\":true,\"segments\":4,\"partSize\":5242880,"
                  + "\"maxPartSize\":5242880,\"partsPerStep\":2000,\"parts\":[],\"progress\":[],"
                  + "\"items\":0,\"bytes\":0,\"consumedReadCapacity\":0,\"updatedAt\":\"x\"}"));
    }

    ToolRunner.Result result =
        new ToolRunner(engines)
            .runLocal(
                "-t",
                table,
                "-b",
                bucket,
                "--format",
                "dynamodb-json",
                "--segments",
                "8",
                "--resume");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("cannot resume the backup s3://" + bucket + "/" + dataKey)
        .contains("the interrupted backup used --format csv, this run --format dynamodb-json")
        .contains("the interrupted backup used --compress none, this run --compress gzip")
        .contains("the interrupted backup used --segments 4, this run --segments 8")
        .contains("without --resume");
  }

  @Test
  void sigtermWithResume_keepsTheUploadAndCheckpoint_andTheNextResumeFinishes() throws Exception {
    Place place = new Place(S3Store.S3PROXY, engines.createBucket(), null);
    List<String> args =
        List.of("-t", table, "-b", place.bucket(), "--part-size-mb", "5", "--resume");
    Process process = start(place, args);
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (var out = process.inputReader(StandardCharsets.UTF_8).lines()) {
                out.forEach(l -> output.append(l).append('\n'));
              }
            });
    reader.start();
    assertThat(awaitStoredParts(place, process)).isNotNull();
    process.toHandle().destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join();

    // 1 from the tool, or 143 when the JVM ends by the signal once the hook has run.
    assertThat(process.exitValue()).as(output.toString()).isIn(1, 143);
    assertThat(output.toString())
        .contains("interrupted, the process is stopping; the upload and its checkpoint are kept");
    JsonNode kept = state(place);
    assertThat(kept).isNotNull();
    try (S3Client s3 = engines.s3()) {
      assertThat(s3.listMultipartUploads(r -> r.bucket(place.bucket())).uploads())
          .extracting(u -> u.uploadId())
          .containsExactly(kept.get("uploadId").asText());
    }
    ToolRunner.Result resumed = tool(place).runLocal(args.toArray(String[]::new));
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    checkEveryBackupIsCompleteAndEqual(place);
  }

  @Test
  void interruptedBackup_isListedResumable_andCleanupAbortsItsUploadAndDeletesItsCheckpoint()
      throws Exception {
    String bucket = engines.createBucket();
    Place place = new Place(S3Store.S3PROXY, bucket, null);
    Process process = start(place, List.of("-t", table, "-b", bucket, "--part-size-mb", "5"));
    process.getInputStream().close();
    JsonNode state = awaitStoredParts(place, process);
    process.toHandle().destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(state).isNotNull();

    ToolRunner.Result listed = tool(place).runLocal("list", "-b", bucket);
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.out()).contains("INCOMPLETE (resumable: ").contains("parts stored");

    ToolRunner.Result cleanup = tool(place).runLocal("list", "-b", bucket, "--cleanup", "0s");
    assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
    assertThat(cleanup.err())
        .contains("discarded unfinished upload " + state.get("uploadId").asText());
    assertThat(state(place)).as("the checkpoint is deleted").isNull();
    assertThat(cleanup.out()).doesNotContain("INCOMPLETE");
  }

  @Test
  void resumeAfterAKillThatCaughtTheManifestHalfWritten_leavesNoPartialFileInTheFolder()
      throws Exception {
    Place place = new Place(S3Store.S3PROXY, null, dir.resolve("half-written-manifest"));
    List<String> args = new ArrayList<>(List.of("-t", table, "--part-size-mb", "5", "--resume"));
    args.addAll(place.destination());
    Process process = start(place, args);
    process.getInputStream().close();
    assertThat(awaitStoredParts(place, process)).isNotNull();
    process.toHandle().destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // The folder as a kill leaves it after the data file's rename, during the manifest's write.
    Path data;
    try (Stream<Path> files = Files.walk(place.folder())) {
      data = files.filter(p -> p.toString().endsWith(".csv.partial")).findFirst().orElseThrow();
    }
    String dataName = data.getFileName().toString().replace(".partial", "");
    Files.move(data, data.resolveSibling(dataName));
    Files.writeString(data.resolveSibling(dataName + ".manifest.json.partial"), "{\"format");

    ToolRunner.Result resumed;
    String log;
    try (LogLines lines = new LogLines()) {
      resumed = tool(place).runLocal(args.toArray(String[]::new));
      log = String.join("\n", lines.lines());
    }

    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(log).contains("was stopped after its upload, before its manifest");
    checkEveryBackupIsCompleteAndEqual(place);
    // The new backup may take the old one's name when both start within the same second.
    List<String> names;
    try (Stream<Path> files = Files.walk(place.folder())) {
      names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    }
    String newest = names.stream().filter(n -> n.endsWith(".csv")).findFirst().orElseThrow();
    assertThat(names).containsExactlyInAnyOrder(newest, newest + ".manifest.json");
  }

  /** The running backup's checkpoint once it names a stored part, or null if it never does. */
  private JsonNode awaitStoredParts(Place place, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (process.isAlive() && System.nanoTime() < deadline) {
      JsonNode state = state(place);
      if (state != null && state.get("parts").size() > 0) {
        return state;
      }
      Thread.sleep(20);
    }
    return null;
  }

  /**
   * Where a backup goes: a bucket in {@code store}, or a local folder when {@code folder} is set.
   */
  private record Place(S3Store store, String bucket, Path folder) {

    List<String> destination() {
      return folder != null ? List.of("--output-dir", folder.toString()) : List.of("-b", bucket);
    }
  }

  private void killAndResume(Place place, int kills, long seed) throws Exception {
    Random random = new Random(seed);
    List<String> args =
        new ArrayList<>(
            List.of(
                "-t",
                table,
                "--segments",
                Integer.toString(SEGMENTS),
                "--part-size-mb",
                "5",
                "--upload-concurrency",
                Integer.toString(UPLOADS),
                "--resume"));
    args.addAll(place.destination());
    // One run of the jar to the end says how long its scan takes; the kills fall across all of it.
    Killed whole = runAndKill(place, args, TimeUnit.MINUTES.toMillis(5), false);
    assertThat(whole.killed()).isFalse();
    long wholeMillis = whole.scanMillis();
    int completeBefore = 1;
    long lineBytes = shortestLine(place);
    long bound = ((UPLOADS + 2) * PART + SEGMENTS * CHUNK) / lineBytes;

    int killed = 0;
    int resumes = 0;
    int fromCheckpoint = 0;
    int afterUpload = 0;
    long redoneTotal = 0;
    long redoneMax = 0;
    for (int kill = 0; kill < kills; kill++) {
      // Every other kill falls a little after the first part is stored, so that resumes from
      // stored parts are certain whatever the machine's speed; the others anywhere in the scan.
      boolean afterParts = kill % 2 == 1;
      long afterMillis = afterParts ? random.nextInt(500) : random.nextInt((int) wholeMillis + 200);
      Killed run = runAndKill(place, args, afterMillis, afterParts);
      JsonNode state = state(place);
      // A kill that lands after the backup completed (while the JVM exits) stopped nothing.
      boolean stopped = run.killed() && (state != null || completeBackups(place) == completeBefore);
      if (stopped) {
        killed++;
        long stored = state == null ? 0 : state.get("items").asLong();
        long redone = Math.max(0, run.lastProgress() - stored);
        assertThat(redone).as("items read again after kill %d", kill).isLessThanOrEqualTo(bound);
        redoneTotal += redone;
        redoneMax = Math.max(redoneMax, redone);
      }
      ToolRunner.Result resumed;
      String log;
      try (LogLines lines = new LogLines()) {
        do {
          resumed = tool(place).runLocal(args.toArray(String[]::new));
          resumes++;
        } while (resumed.exitCode() != 0 && resumes < 3 * kills);
        log = String.join("\n", lines.lines());
      }
      assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
      Matcher m = RESUMING.matcher(log);
      if (log.contains("was stopped after its upload, before its manifest")
          || log.contains("had completed; its leftover checkpoint is removed")) {
        // Killed between completing the upload and writing the manifest, or between writing the
        // manifest and deleting the checkpoint.
        afterUpload++;
      } else if (state != null && state.get("parts").size() > 0) {
        assertThat(m.find()).as(log).isTrue();
        assertThat(Long.parseLong(m.group(1).replace(",", "")))
            .isEqualTo(state.get("items").asLong());
        fromCheckpoint++;
      }
      checkEveryBackupIsCompleteAndEqual(place);
      completeBefore = completeBackups(place);
    }
    System.out.printf(
        Locale.ROOT,
        "backup resume (%s): the jar scans the whole table in %d ms; %d runs killed with kill -9, %d resumes"
            + " (%d from a checkpoint with parts, %d after a completed upload), items read again %d in all, at most %d after"
            + " one kill (bound %d: %d upload(s) + 2 parts of %d MiB and %d chunks of %d KiB, in"
            + " lines of %d bytes)%n",
        place.folder() != null ? "local folder" : place.store(),
        wholeMillis,
        killed,
        resumes,
        fromCheckpoint,
        afterUpload,
        redoneTotal,
        redoneMax,
        bound,
        UPLOADS,
        PART >> 20,
        SEGMENTS,
        CHUNK >> 10,
        lineBytes);
    assertThat(killed).as("runs killed before they finished").isGreaterThanOrEqualTo(kills / 2);
    assertThat(fromCheckpoint).as("resumes that went on after stored parts").isPositive();
  }

  private ToolRunner tool(Place place) {
    return new ToolRunner(engines).store(place.store());
  }

  private record Killed(boolean killed, long lastProgress, long scanMillis) {}

  private int completeBackups(Place place) throws Exception {
    List<String> listArgs = new ArrayList<>(List.of("list", "--output", "json"));
    listArgs.addAll(
        place.folder() != null
            ? List.of("--dir", place.folder().toString())
            : List.of("-b", place.bucket()));
    ToolRunner.Result listed = tool(place).runLocal(listArgs.toArray(String[]::new));
    int complete = 0;
    for (JsonNode row : new ObjectMapper().readTree(listed.out())) {
      complete += row.get("complete").asBoolean() ? 1 : 0;
    }
    return complete;
  }

  /** The built jar backing up with {@code args}, its log lines on its standard output. */
  private Process start(Place place, List<String> args) throws Exception {
    Path jar = Path.of(System.getProperty("tool.jar", "target/dynamodb-backup.jar"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-jar", jar.toString()));
    command.addAll(args);
    command.addAll(
        List.of(
            "--progress-every",
            "100ms",
            "--region",
            engines.region().id(),
            "--dynamodb-endpoint",
            engines.dynamoEndpoint().toString(),
            "--s3-endpoint",
            engines.s3Endpoint(place.store()).toString(),
            "--s3-path-style"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    return builder.start();
  }

  /**
   * Runs the jar and kills it with kill -9 {@code millis} after it starts scanning (or, with {@code
   * afterParts}, after its checkpoint first names a stored part), unless it finished first.
   */
  private Killed runAndKill(Place place, List<String> args, long millis, boolean afterParts)
      throws Exception {
    Process process = start(place, args);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch scanning = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (var out = process.inputReader(StandardCharsets.UTF_8).lines()) {
                out.forEach(
                    line -> {
                      lines.add(line);
                      if (line.contains("backing up table")) {
                        scanning.countDown();
                      }
                    });
              }
            });
    reader.start();
    scanning.await(60, TimeUnit.SECONDS);
    long scanStart = System.nanoTime();
    if (afterParts) {
      awaitStoredParts(place, process);
    }
    boolean killed = !process.waitFor(millis, TimeUnit.MILLISECONDS);
    long scanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scanStart);
    if (killed) {
      process.toHandle().destroyForcibly();
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join();
    long last = 0;
    synchronized (lines) {
      for (String line : lines) {
        Matcher m = PROGRESS.matcher(line);
        if (m.find()) {
          last = Long.parseLong(m.group(1).replace(",", ""));
        }
      }
    }
    return new Killed(killed, last, scanMillis);
  }

  /** The interrupted backup's checkpoint, or null when there is none. */
  private JsonNode state(Place place) throws Exception {
    if (place.folder() != null) {
      try (Stream<Path> files = Files.walk(place.folder())) {
        List<Path> states = files.filter(p -> p.toString().endsWith(".backup-state.json")).toList();
        assertThat(states).hasSizeLessThanOrEqualTo(1);
        JsonNode state =
            states.isEmpty() ? null : new ObjectMapper().readTree(states.get(0).toFile());
        return state != null && state.has("parts") ? state : null;
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        return null; // a file renamed or deleted while the folder is walked
      }
    }
    try (S3Client s3 = engines.s3(place.store())) {
      List<String> states =
          BackupFiles.keys(s3, place.bucket()).stream()
              .filter(k -> k.startsWith(".dynamodb-backup/backup-state/") && k.endsWith(".json"))
              .toList();
      assertThat(states).hasSizeLessThanOrEqualTo(1);
      if (states.isEmpty()) {
        return null;
      }
      JsonNode state =
          new ObjectMapper().readTree(BackupFiles.get(s3, place.bucket(), states.get(0)));
      return state.has("parts") ? state : null;
    } catch (java.io.IOException | software.amazon.awssdk.core.exception.SdkException e) {
      // s3rver answers 500 to a listing, or serves a half-written object (its body cut short of
      // its Content-Length, or empty), while it writes one.
      return null;
    }
  }

  /**
   * Every backup at the place is complete, holds the table item for item and verifies; no
   * checkpoint, upload or partial file is left, and {@code list} shows nothing incomplete.
   */
  private void checkEveryBackupIsCompleteAndEqual(Place place) throws Exception {
    List<String> where =
        place.folder() != null
            ? List.of("--dir", place.folder().toString())
            : List.of("-b", place.bucket());
    List<String> listArgs = new ArrayList<>(List.of("list", "--output", "json"));
    listArgs.addAll(where);
    ToolRunner.Result listed = tool(place).runLocal(listArgs.toArray(String[]::new));
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    JsonNode rows = new ObjectMapper().readTree(listed.out());
    assertThat(rows).isNotEmpty();
    for (JsonNode row : rows) {
      assertThat(row.get("complete").asBoolean()).as(row.toString()).isTrue();
      String uri = row.get("uri").asText();
      ToolRunner.Result verify =
          place.folder() != null
              ? tool(place).runLocal("verify", "--file", uri)
              : tool(place).runLocal("verify", uri);
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }
    String newest = rows.get(0).get("uri").asText();
    byte[] stored;
    if (place.folder() != null) {
      stored = Files.readAllBytes(Path.of(newest));
      try (Stream<Path> files = Files.walk(place.folder())) {
        assertThat(files.map(Path::toString))
            .noneMatch(p -> p.endsWith(".partial") || p.endsWith(".backup-state.json"));
      }
    } else {
      String key = newest.substring(("s3://" + place.bucket() + "/").length());
      try (S3Client s3 = engines.s3(place.store())) {
        stored = BackupFiles.get(s3, place.bucket(), key);
        assertThat(BackupFiles.keys(s3, place.bucket())).noneMatch(k -> k.startsWith(".dynamodb"));
        if (place.store() == S3Store.S3PROXY) {
          assertThat(s3.listMultipartUploads(r -> r.bucket(place.bucket())).uploads()).isEmpty();
        }
      }
    }
    assertThat(BackupFiles.items(stored, newest)).containsExactlyInAnyOrderElementsOf(items);
  }

  /** The shortest line of the newest backup, for the bound in items. */
  private long shortestLine(Place place) throws Exception {
    byte[] stored;
    if (place.folder() != null) {
      try (Stream<Path> files = Files.walk(place.folder())) {
        stored =
            Files.readAllBytes(
                files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow());
      }
    } else {
      try (S3Client s3 = engines.s3(place.store())) {
        String key =
            BackupFiles.keys(s3, place.bucket()).stream()
                .filter(k -> k.endsWith(".csv"))
                .findFirst()
                .orElseThrow();
        stored = BackupFiles.get(s3, place.bucket(), key);
      }
    }
    long shortest = Long.MAX_VALUE;
    int from = 0;
    for (int i = 0; i < stored.length; i++) {
      if (stored[i] == '\n') {
        shortest = Math.min(shortest, i + 1 - from);
        from = i + 1;
      }
    }
    return shortest;
  }
}
