package io.dynamodbbackup.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.S3Store;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The verify command end to end against dynalite and S3Proxy, run in-process; a fresh backup also
 * against s3rver.
 */
@ExtendWith(LocalEnginesExtension.class)
class VerifyIT {

  private static final int ITEMS = 60;

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  private final S3Client s3;
  @TempDir Path dir;

  VerifyIT(LocalEngines engines) {
    this.engines = engines;
    this.dynamo = engines.dynamo();
    this.s3 = engines.s3();
  }

  /** A fresh table of {@link #ITEMS} items backed up to a fresh bucket and to {@link #dir}. */
  private record Backup(String table, String bucket, String dataKey) {
    String uri() {
      return "s3://" + bucket + "/" + dataKey;
    }
  }

  private Backup backup(String hint) {
    return backup(hint, S3Store.S3PROXY);
  }

  private Backup backup(String hint, S3Store store) {
    String table = engines.uniqueTableName(hint);
    TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
    TestTables.load(dynamo, table, TestItems.everyType(3, ITEMS));
    String bucket = engines.createBucket(store);
    ToolRunner.Result result =
        tool()
            .store(store)
            .runLocal("backup", "-t", table, "-b", bucket, "--output-dir", dir.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (S3Client s3 = engines.s3(store)) {
      String dataKey =
          BackupFiles.keys(s3, bucket).stream()
              .filter(k -> !k.endsWith(".manifest.json"))
              .findFirst()
              .orElseThrow();
      return new Backup(table, bucket, dataKey);
    }
  }

  @ParameterizedTest
  @EnumSource(S3Store.class)
  void verify_passesOnAFreshBackup_inS3AndItsLocalCopy(S3Store store) throws IOException {
    Backup b = backup("fresh", store);

    ToolRunner.Result inS3 = tool().store(store).runLocal("verify", b.uri());
    ToolRunner.Result local = tool().runLocal("verify", "--file", localCopy(b.table()).toString());

    assertThat(inS3.exitCode()).as(inS3.toString()).isZero();
    assertThat(inS3.out())
        .contains("verified " + b.uri() + ": " + ITEMS + " items, sha256 ok, every line parses");
    assertThat(local.exitCode()).as(local.toString()).isZero();
    assertThat(local.out()).contains(ITEMS + " items, sha256 ok, every line parses");
  }

  @Test
  void verify_failsNamingTheChecksum_whenOneByteOfTheDataObjectChanges() {
    Backup b = backup("flipped");
    byte[] stored = BackupFiles.get(s3, b.bucket(), b.dataKey());
    // Inside a string value, so that every line still parses and only the digest can tell.
    int at = new String(stored, StandardCharsets.ISO_8859_1).indexOf("item-0000");
    assertThat(at).isPositive();
    stored[at] = 'j';
    put(b.bucket(), b.dataKey(), stored);

    ToolRunner.Result result = tool().runLocal("verify", b.uri());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains(b.uri()).contains("checksum mismatch");
  }

  @Test
  void verify_failsNamingTheFileAndLine_whenALineIsCorrupt() {
    Backup b = backup("corrupt");
    String[] lines =
        new String(BackupFiles.get(s3, b.bucket(), b.dataKey()), StandardCharsets.UTF_8)
            .split("\n", -1);
    lines[2] = "{\"pk\":{\"S\":\"broken\"";
    put(b.bucket(), b.dataKey(), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

    ToolRunner.Result result = tool().runLocal("verify", b.uri());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("does not parse").contains(b.uri() + ":3:");
  }

  @Test
  void verify_failsSayingTheBackupIsIncomplete_whenItHasNoManifest() {
    Backup b = backup("no-manifest");
    s3.deleteObject(r -> r.bucket(b.bucket()).key(b.dataKey() + ".manifest.json"));

    ToolRunner.Result result = tool().runLocal("verify", b.uri());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains(b.uri() + " has no manifest")
        .contains("incomplete")
        .contains("its " + ITEMS + " lines parse as items");
  }

  @Test
  void verify_withTable_passesOnTheUnchangedTable_andFailsWhenTheCountDiffers() {
    Backup b = backup("count");

    ToolRunner.Result same = tool().runLocal("verify", b.uri(), "--table", b.table());
    dynamo.putItem(r -> r.tableName(b.table()).item(Map.of("pk", s("one-more"))));
    ToolRunner.Result more = tool().runLocal("verify", b.uri(), "--table", b.table());

    assertThat(same.exitCode()).as(same.toString()).isZero();
    assertThat(same.out()).contains("; table " + b.table() + ": " + ITEMS + " items");
    assertThat(more.exitCode()).as(more.toString()).isEqualTo(1);
    assertThat(more.err())
        .contains("item count")
        .contains("table " + b.table() + " holds " + (ITEMS + 1) + " items")
        .contains(b.uri() + " holds " + ITEMS);
  }

  @Test
  void verify_full_passesOnTheUnchangedTable_andNamesTheKeyAndLineOfAChangedItem()
      throws IOException {
    Backup b = backup("full");
    ToolRunner.Result equal = tool().runLocal("verify", b.uri(), "-t", b.table(), "--full");
    List<Map<String, AttributeValue>> lines =
        BackupFiles.items(BackupFiles.get(s3, b.bucket(), b.dataKey()), b.dataKey());
    Map<String, AttributeValue> changed = new HashMap<>(lines.get(4));
    changed.put("s", s("changed after the backup"));
    dynamo.putItem(r -> r.tableName(b.table()).item(changed));

    ToolRunner.Result differs = tool().runLocal("verify", b.uri(), "-t", b.table(), "--full");

    assertThat(equal.exitCode()).as(equal.toString()).isZero();
    assertThat(equal.out())
        .contains("; table " + b.table() + ": " + ITEMS + " items, every item equal");
    assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(1);
    assertThat(differs.err())
        .contains(b.uri() + ":5:")
        .contains("pk=\"" + changed.get("pk").s() + "\"")
        .contains("differs from table " + b.table() + " in s");
  }

  private ToolRunner tool() {
    return new ToolRunner(engines);
  }

  private Path localCopy(String table) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve(table))) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".manifest.json"))
          .findFirst()
          .orElseThrow();
    }
  }

  private void put(String bucket, String key, byte[] bytes) {
    s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }
}
