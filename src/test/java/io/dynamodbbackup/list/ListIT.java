package io.dynamodbbackup.list;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.S3Store;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The list command against S3Proxy, s3rver and a local folder: two tables backed up a second apart,
 * and a data object that never got its manifest.
 */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListIT {

  private final LocalEngines engines;
  private Path dir;
  private final Map<S3Store, String> buckets = new EnumMap<>(S3Store.class);
  private String bucket; // S3Proxy's
  private String older;
  private String newer;
  private String orphanKey;

  ListIT(LocalEngines engines) {
    this.engines = engines;
  }

  @BeforeAll
  void backUpTwoTablesAndLeaveOneObjectWithoutManifest(@TempDir Path dir)
      throws InterruptedException {
    this.dir = dir;
    for (S3Store store : S3Store.values()) {
      buckets.put(store, engines.createBucket(store));
    }
    bucket = buckets.get(S3Store.S3PROXY);
    older = engines.uniqueTableName("list-a");
    newer = engines.uniqueTableName("list-b");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, older, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, older, TestItems.everyType(1, 12));
      TestTables.create(dynamo, newer, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, newer, TestItems.everyType(2, 7));
    }
    for (S3Store store : S3Store.values()) {
      backUp(store, older, "--format", "csv");
    }
    Thread.sleep(1_100); // keys name the start time to the second
    backUp(S3Store.S3PROXY, newer, "--format", "dynamodb-json", "--output-dir", dir.toString());
    backUp(S3Store.S3RVER, newer, "--format", "dynamodb-json");
    orphanKey = older + "/" + older + "_2015-12-09T08:56:26+00:00.csv";
    for (S3Store store : S3Store.values()) {
      try (S3Client s3 = engines.s3(store)) {
        s3.putObject(
            r -> r.bucket(buckets.get(store)).key(orphanKey),
            RequestBody.fromBytes("{\"pk\":{\"S\":\"x\"}}\n".getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(S3Store.class)
  void list_showsEveryBackupNewestFirst_withItsCompleteFlag(S3Store store) {
    String bucket = buckets.get(store);
    ToolRunner.Result result = new ToolRunner(engines).store(store).runLocal("list", "-b", bucket);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("STARTED").contains("STATUS");
    assertThat(lines.get(1))
        .contains(newer)
        .contains(" 7 ")
        .contains("dynamodb-json+gzip")
        .contains("COMPLETE");
    assertThat(lines.get(2)).contains(older).contains(" 12 ").contains("csv ").contains("COMPLETE");
    assertThat(lines.get(3))
        .startsWith("2015-12-09T08:56:26Z")
        .contains("INCOMPLETE (no manifest)")
        .endsWith("s3://" + bucket + "/" + orphanKey);
    // Aligned: the URI column starts at the same place on every line.
    int uriColumn = lines.get(1).indexOf("s3://");
    assertThat(lines.get(0).indexOf("URI")).isEqualTo(uriColumn);
    assertThat(lines.get(3).indexOf("s3://")).isEqualTo(uriColumn);
  }

  @Test
  void list_withTable_showsOnlyThatTablesBackups() {
    ToolRunner.Result result = new ToolRunner(engines).runLocal("list", "-b", bucket, "-t", older);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().skip(1).toList())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains(older).doesNotContain(newer));
  }

  @ParameterizedTest
  @EnumSource(S3Store.class)
  void list_asJson_givesAnArrayWithEveryField(S3Store store) throws Exception {
    String bucket = buckets.get(store);
    ToolRunner.Result result =
        new ToolRunner(engines).store(store).runLocal("list", "-b", bucket, "--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode array = new ObjectMapper().readTree(result.out());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(3);
    List<String> tables = new ArrayList<>();
    array.forEach(n -> tables.add(n.get("table").asText()));
    assertThat(tables).containsExactly(newer, older, older);
    JsonNode first = array.get(0);
    assertThat(first.get("items").asLong()).isEqualTo(7);
    assertThat(first.get("bytes").asLong()).isPositive();
    assertThat(first.get("format").asText()).isEqualTo("dynamodb-json");
    assertThat(first.get("compression").asText()).isEqualTo("gzip");
    assertThat(first.get("complete").asBoolean()).isTrue();
    assertThat(first.get("startedAt").asText()).endsWith("Z");
    assertThat(first.get("uri").asText()).startsWith("s3://" + bucket + "/" + newer + "/");
    JsonNode orphan = array.get(2);
    assertThat(orphan.get("complete").asBoolean()).isFalse();
    assertThat(orphan.get("reason").asText()).isEqualTo("no manifest");
    assertThat(orphan.get("items").isNull()).isTrue();
  }

  @Test
  void list_ofALocalFolder_showsTheOutputDirCopy() {
    ToolRunner.Result result = new ToolRunner(engines).run("list", "--dir", dir.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().skip(1).toList())
        .singleElement()
        .satisfies(line -> assertThat(line).contains(newer).contains("COMPLETE"));
  }

  @Test
  void list_refusesABucketAndAFolderTogether_asAUsageError() {
    ToolRunner.Result result =
        new ToolRunner(engines).run("list", "-b", bucket, "--dir", dir.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("not both");
  }

  private void backUp(S3Store store, String table, String... options) {
    List<String> args = new ArrayList<>(List.of("backup", "-t", table, "-b", buckets.get(store)));
    args.addAll(List.of(options));
    ToolRunner.Result result =
        new ToolRunner(engines).store(store).runLocal(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }
}
