package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Restore and verify of several backups in one run: named one by one, or the newest backup of each
 * table a pattern selects, as {@code list} shows them; one failing leaves the others be.
 */
@ExtendWith(LocalEnginesExtension.class)
class ManySourcesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  @TempDir Path dir;

  ManySourcesIT(LocalEngines engines) {
    this.engines = engines;
    this.dynamo = engines.dynamo();
  }

  /**
   * The application's tables are lost: the newest backup of each comes back into a table created as
   * it was, and verify checks them all; an older backup is not used.
   */
  @Test
  void latest_restoresTheNewestCompleteBackupOfEachSelectedTable_andVerifiesThem()
      throws Exception {
    String base = engines.uniqueTableName("app");
    String orders = base + "-orders";
    String users = base + "-users";
    TestTables.create(dynamo, orders, "pk", ScalarAttributeType.S);
    TestTables.create(dynamo, users, "pk", ScalarAttributeType.S);
    TestTables.load(dynamo, orders, TestItems.small(1, 5));
    String bucket = engines.createBucket();
    assertThat(backup("-t", orders, "-b", bucket).exitCode()).isZero();
    Thread.sleep(1100); // a later second, so a later key
    TestTables.load(dynamo, orders, TestItems.small(2, 12)); // the same keys, other values
    TestTables.load(dynamo, users, TestItems.everyType(3, 9));
    List<Map<String, AttributeValue>> ordersItems = TestTables.scanAll(dynamo, orders);
    List<Map<String, AttributeValue>> usersItems = TestTables.scanAll(dynamo, users);
    assertThat(backup("-t", orders + "," + users, "-b", bucket).exitCode()).isZero();
    dynamo.deleteTable(r -> r.tableName(orders));
    dynamo.deleteTable(r -> r.tableName(users));

    ToolRunner.Result dryRun =
        new ToolRunner(engines)
            .runLocal(
                "restore", "-b", bucket, "--latest", base + "-*", "--create-table", "--dry-run");
    ToolRunner.Result restored =
        new ToolRunner(engines)
            .runLocal(
                "restore",
                "-b",
                bucket,
                "--latest",
                base + "-*",
                "--create-table",
                "--output",
                "json");
    ToolRunner.Result verified =
        new ToolRunner(engines)
            .runLocal("verify", "-b", bucket, "--latest", orders + "," + base + "-missing");

    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out())
        .containsPattern("(?m)^\\Q" + orders + "\\E +create +PAY_PER_REQUEST +12 ")
        .containsPattern("(?m)^\\Q" + users + "\\E +create +PAY_PER_REQUEST +9 ")
        .contains("dry run of 2 restores");
    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    JsonNode run = JSON.readTree(restored.out());
    assertThat(run.get("status").asText()).isEqualTo("OK");
    assertThat(run.get("sourcesOk").asInt()).isEqualTo(2);
    assertThat(run.get("items").asLong()).isEqualTo(21);
    assertThat(run.get("sources").get(0).get("table").asText()).isEqualTo(orders);
    assertThat(TestTables.scanAll(dynamo, orders)).containsExactlyInAnyOrderElementsOf(ordersItems);
    assertThat(TestTables.scanAll(dynamo, users)).containsExactlyInAnyOrderElementsOf(usersItems);
    assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(1);
    assertThat(verified.out())
        .containsPattern("(?m)^- +OK +12 +- +[\\d.]+ +s3://\\Q" + bucket + "/" + orders + "/\\E")
        .containsPattern("(?m)^- +FAILED +- +- +[\\d.]+ +\\Q" + base + "-missing\\E$")
        .contains("verified 1 of 2 backups, 12 items");
    assertThat(verified.err()).contains("no complete backup under the --latest location of table");
  }

  @Test
  void severalSources_eachGoesToTheTableItNames_andAFailureLeavesTheOthersBe() throws Exception {
    String table = engines.uniqueTableName("named");
    TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
    List<Map<String, AttributeValue>> items = TestItems.everyType(4, 8);
    TestTables.load(dynamo, table, items);
    Path backups = dir.resolve("backups");
    assertThat(backup("-t", table, "--output-dir", backups.toString()).exitCode()).isZero();
    Path file;
    try (var files = Files.walk(backups)) {
      file = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    Path noTable = Files.writeString(dir.resolve("no-table.json"), "{\"pk\":{\"S\":\"x\"}}\n");
    dynamo.deleteTable(r -> r.tableName(table));

    ToolRunner.Result result =
        new ToolRunner(engines)
            .runLocal(
                "restore",
                "--file",
                noTable.toString(),
                "--file",
                file.toString(),
                "--create-table");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out())
        .containsPattern("(?m)^- +FAILED +- +- +[\\d.]+ +\\Q" + noTable + "\\E$")
        .containsPattern("(?m)^\\Q" + table + "\\E +OK +8 +0 +[\\d.]+ +")
        .contains("restored 1 of 2 backups, 8 items");
    assertThat(result.err()).contains("the source names no table");
    assertThat(TestTables.scanAll(dynamo, table)).containsExactlyInAnyOrderElementsOf(items);
  }

  private ToolRunner.Result backup(String... args) {
    ToolRunner.Result result = new ToolRunner(engines).runLocal(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }
}
