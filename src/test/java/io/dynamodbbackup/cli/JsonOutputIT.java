package io.dynamodbbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --output json}: backup, restore and verify print one JSON object on standard output with
 * what their summary line says, also when they fail; nothing else goes there.
 */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonOutputIT {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final LocalEngines engines;
  private final S3Client s3;
  private String table;
  private String other;

  JsonOutputIT(LocalEngines engines) {
    this.engines = engines;
    this.s3 = engines.s3();
  }

  @BeforeAll
  void createTables() {
    table = engines.uniqueTableName("json");
    other = engines.uniqueTableName("json-other");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, table, TestItems.everyType(7, 25));
      TestTables.create(dynamo, other, "pk", ScalarAttributeType.S);
      TestTables.load(dynamo, other, TestItems.small(8, 5));
    }
  }

  @Test
  void backupVerifyRestore_eachPrintOneObjectWithTheirResult() throws Exception {
    String bucket = engines.createBucket();

    JsonNode backup = json(tool().runLocal("-t", table, "-b", bucket, "--output", "json"), 0);
    String uri = backup.get("uri").asText();
    String dataKey = uri.substring(("s3://" + bucket + "/").length());
    Manifest manifest = BackupFiles.manifest(s3, bucket, dataKey);
    assertThat(backup.get("table").asText()).isEqualTo(table);
    assertThat(backup.get("status").asText()).isEqualTo("OK");
    assertThat(backup.get("items").asLong()).isEqualTo(25).isEqualTo(manifest.itemCount());
    assertThat(backup.get("bytes").asLong()).isEqualTo(manifest.byteCount());
    assertThat(backup.get("sha256").asText()).isEqualTo(manifest.sha256());
    assertThat(backup.get("manifestUri").asText()).isEqualTo(uri + ".manifest.json");
    assertThat(backup.get("seconds").isNumber()).isTrue();
    assertThat(backup.get("error").isNull()).isTrue();

    JsonNode verified = json(tool().runLocal("verify", uri, "-t", table, "--output", "json"), 0);
    assertThat(verified.get("status").asText()).isEqualTo("OK");
    assertThat(verified.get("source").asText()).isEqualTo(uri);
    assertThat(verified.get("items").asLong()).isEqualTo(25);
    assertThat(verified.get("digest").asText()).isEqualTo("SHA-256");
    assertThat(verified.get("tableItems").asLong()).isEqualTo(25);

    String target = engines.uniqueTableName("json-restored");
    JsonNode restored =
        json(
            tool().runLocal("restore", uri, "-t", target, "--create-table", "--output", "json"), 0);
    assertThat(restored.get("status").asText()).isEqualTo("OK");
    assertThat(restored.get("table").asText()).isEqualTo(target);
    assertThat(restored.get("items").asLong()).isEqualTo(25);
    assertThat(restored.get("rejected").asLong()).isZero();
    assertThat(restored.get("source").asText()).isEqualTo(uri);
  }

  @Test
  void failures_printAnObjectWithTheErrorToo_andTheLineOnStandardError() throws Exception {
    String bucket = engines.createBucket();
    String missing = engines.uniqueTableName("json-missing");

    ToolRunner.Result backup = tool().runLocal("-t", missing, "-b", bucket, "--output", "json");
    JsonNode failed = json(backup, 1);
    assertThat(failed.get("status").asText()).isEqualTo("FAILED");
    assertThat(failed.get("table").asText()).isEqualTo(missing);
    assertThat(failed.get("error").asText()).contains("no such table");
    assertThat(backup.err()).contains("dynamodb-backup: error: ").contains("no such table");

    ToolRunner.Result verify =
        tool().runLocal("verify", "s3://" + bucket + "/none.csv", "--output", "json");
    JsonNode verifyFailed = json(verify, 1);
    assertThat(verifyFailed.get("status").asText()).isEqualTo("FAILED");
    assertThat(verifyFailed.get("error").asText()).contains("no such object");
  }

  @Test
  void manyTables_printEachTableAndTheTotals() throws Exception {
    String bucket = engines.createBucket();
    String missing = engines.uniqueTableName("json-missing");

    JsonNode run =
        json(
            tool()
                .runLocal(
                    "-t", table + "," + other + "," + missing, "-b", bucket, "--output", "json"),
            1);

    assertThat(run.get("status").asText()).isEqualTo("FAILED");
    assertThat(run.get("tablesOk").asInt()).isEqualTo(2);
    assertThat(run.get("tablesFailed").asInt()).isEqualTo(1);
    assertThat(run.get("items").asLong()).isEqualTo(30);
    JsonNode tables = run.get("tables");
    assertThat(tables).hasSize(3);
    assertThat(tables.get(0).get("table").asText()).isEqualTo(table);
    assertThat(tables.get(0).get("items").asLong()).isEqualTo(25);
    assertThat(tables.get(0).get("uri").asText()).startsWith("s3://" + bucket + "/" + table + "/");
    assertThat(tables.get(1).get("items").asLong()).isEqualTo(5);
    assertThat(tables.get(2).get("status").asText()).isEqualTo("FAILED");
    assertThat(tables.get(2).get("uri").isNull()).isTrue();
    assertThat(tables.get(2).get("error").asText()).contains(missing).contains("no such table");
  }

  private ToolRunner tool() {
    return new ToolRunner(engines);
  }

  /** Standard output is exactly one JSON object; the run exited {@code exit}. */
  private static JsonNode json(ToolRunner.Result result, int exit) throws Exception {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(exit);
    JsonNode node = JSON.readTree(result.out());
    assertThat(node.isObject()).as(result.out()).isTrue();
    return node;
  }
}
