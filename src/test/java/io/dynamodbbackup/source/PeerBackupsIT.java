package io.dynamodbbackup.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.format.ItemJson;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Backups written by other tools restore exactly: dynamo-backup-to-s3's files (written by Node's
 * JSON.stringify from Buffers, as that tool writes them) and dynamodump's folders (written by boto3
 * and Python's json module, as that tool writes them), including a dump of a table that
 * dynamodump's own restore filled, whose nested binaries it doubled.
 */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerBackupsIT {

  private static final Path SCRIPTS = Path.of("src", "test");

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  private String table;
  private List<Map<String, AttributeValue>> items;
  @TempDir Path dir;

  PeerBackupsIT(LocalEngines engines) {
    this.engines = engines;
    this.dynamo = engines.dynamo();
  }

  @BeforeAll
  void loadTable() {
    table = engines.uniqueTableName("peer");
    TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
    TestTables.load(dynamo, table, TestItems.everyType(21, 30));
    items = TestTables.scanAll(dynamo, table);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--buffers", "--base64-binary", "--save-datapipeline-format"})
  void dynamoBackupToS3File_restoresEveryItemExactly(String option) throws Exception {
    Path file = dir.resolve(table + ".json");
    List<String> command =
        new ArrayList<>(List.of("node", script("node/dynamo-backup-to-s3-file.js")));
    command.add(option);
    Files.write(file, run(command, itemLines(items)));
    String target = engines.uniqueTableName("from-markitx");
    TestTables.create(dynamo, target, "pk", ScalarAttributeType.S);

    ToolRunner.Result restored =
        new ToolRunner(engines).runLocal("restore", "--file", file.toString(), "-t", target);

    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    assertThat(restored.out()).contains("restored 30 items (0 rejected)");
    assertThat(TestTables.scanAll(dynamo, target)).containsExactlyInAnyOrderElementsOf(items);
  }

  @Test
  void dynamodumpFolder_restoresEveryItemExactly_createsTheTableFromItsSchema_andVerifies()
      throws Exception {
    Path dump = dir.resolve("dump");
    dynamodump("dump", engines.dynamoEndpoint().toString(), table, dump.toString(), "7");
    Path folder = dump.resolve(table);
    assertThat(folder.resolve("data").toFile().list()).hasSize(5); // 30 items, 7 a page
    String target = engines.uniqueTableName("from-dynamodump");

    ToolRunner.Result restored = createFrom(folder, target);
    ToolRunner.Result verified =
        new ToolRunner(engines).runLocal("verify", "--file", folder.toString(), "-t", target);

    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    assertThat(TestTables.scanAll(dynamo, target)).containsExactlyInAnyOrderElementsOf(items);
    assertThat(dynamo.describeTable(r -> r.tableName(target)).table().keySchema())
        .isEqualTo(dynamo.describeTable(r -> r.tableName(table)).table().keySchema());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.out())
        .contains("30 items in 5 files, each page's count ok (the dump has no checksum)")
        .contains("table " + target + ": 30 items");
  }

  /**
   * dynamodump's restore stores a binary in a set, list or map as its Base64 text; a dump of the
   * table it filled holds Base64 of Base64 there. Restoring that dump gives the items backed up in
   * the first place, from S3 as from a folder.
   */
  @Test
  void dynamodumpOfATableItsRestoreFilled_restoresTheItemsAsTheyWereBeforeThatRestore()
      throws Exception {
    String endpoint = engines.dynamoEndpoint().toString();
    Path first = dir.resolve("first");
    dynamodump("dump", endpoint, table, first.toString(), "10");
    String damaged = engines.uniqueTableName("dynamodump-restored");
    TestTables.create(dynamo, damaged, "pk", ScalarAttributeType.S);
    dynamodump("restore", endpoint, first.resolve(table).toString(), damaged);
    assertThat(TestTables.scanAll(dynamo, damaged))
        .as("dynamodump's restore changes the binaries in sets and lists")
        .doesNotContainAnyElementsOf(items);
    Path second = dir.resolve("second");
    dynamodump("dump", endpoint, damaged, second.toString(), "10");
    String bucket = engines.createBucket();
    try (S3Client s3 = engines.s3();
        Stream<Path> files = Files.walk(second)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String key = "dynamodump/" + second.relativize(f).toString().replace('\\', '/');
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(f));
      }
    }
    String fromFolder = engines.uniqueTableName("repaired-folder");
    String fromS3 = engines.uniqueTableName("repaired-s3");

    ToolRunner.Result folder = createFrom(second.resolve(damaged), fromFolder);
    ToolRunner.Result s3 =
        new ToolRunner(engines)
            .runLocal(
                "restore",
                "s3://" + bucket + "/dynamodump/" + damaged + "/",
                "-t",
                fromS3,
                "--create-table");

    assertThat(folder.exitCode()).as(folder.toString()).isZero();
    assertThat(TestTables.scanAll(dynamo, fromFolder)).containsExactlyInAnyOrderElementsOf(items);
    assertThat(s3.exitCode()).as(s3.toString()).isZero();
    assertThat(TestTables.scanAll(dynamo, fromS3)).containsExactlyInAnyOrderElementsOf(items);
  }

  @Test
  void dynamodumpFolder_withAPageMissingOrMiscounted_failsVerifyNamingIt() throws Exception {
    Path dump = dir.resolve("broken");
    dynamodump("dump", engines.dynamoEndpoint().toString(), table, dump.toString(), "10");
    Path data = dump.resolve(table).resolve("data");
    Files.delete(data.resolve("0002.json"));

    ToolRunner.Result missing =
        new ToolRunner(engines).runLocal("verify", "--file", dump.resolve(table).toString());

    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
    assertThat(missing.err()).contains("0003.json is where 0002.json should be");

    Path page = data.resolve("0001.json");
    Files.writeString(page, Files.readString(page).replace("\"Count\": 10", "\"Count\": 11"));
    ToolRunner.Result miscounted =
        createFrom(dump.resolve(table), engines.uniqueTableName("never"));
    assertThat(miscounted.exitCode()).as(miscounted.toString()).isEqualTo(1);
    assertThat(miscounted.err())
        .contains("0001.json")
        .contains("\"Count\" is 11 but it holds 10 items");
  }

  /** Restores the local backup {@code path} into {@code table}, created as the backup says. */
  private ToolRunner.Result createFrom(Path path, String table) {
    return new ToolRunner(engines)
        .runLocal("restore", "--file", path.toString(), "-t", table, "--create-table");
  }

  private void dynamodump(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(System.getProperty("python", "python3"), script("python/dynamodump_files.py")));
    command.addAll(List.of(args));
    run(command, new byte[0]);
  }

  private static String script(String path) {
    return SCRIPTS.resolve(path).toAbsolutePath().toString();
  }

  private static byte[] itemLines(List<Map<String, AttributeValue>> items) {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    for (Map<String, AttributeValue> item : items) {
      lines.writeBytes(ItemJson.toBytes(item));
      lines.write('\n');
    }
    return lines.toByteArray();
  }

  /** Runs {@code command} with {@code input} on its standard input; returns its output. */
  private static byte[] run(List<String> command, byte[] input) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    Path errors = Files.createTempFile("peer-tool", ".err");
    builder.redirectError(errors.toFile());
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(input);
    }
    byte[] output;
    try (InputStream out = process.getInputStream()) {
      output = out.readAllBytes();
    }
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(
          String.join(" ", command)
              + " failed:\n"
              + Files.readString(errors, StandardCharsets.UTF_8));
    }
    Files.delete(errors);
    return output;
  }
}
