package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Many tables in one run: names, patterns, exclusions, tags and every table, backed up one or
 * several at once, each to its own object and manifest; a table that fails leaves the others be.
 */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyTablesIT {

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  private final S3Client s3;

  /** Tables {@code <base>-orders-1..3} and {@code <base>-users}, 20 + i items each. */
  private String base;

  private final Map<String, List<Map<String, AttributeValue>>> items = new HashMap<>();

  ManyTablesIT(LocalEngines engines) {
    this.engines = engines;
    this.dynamo = engines.dynamo();
    this.s3 = engines.s3();
  }

  @BeforeAll
  void createTables() {
    base = engines.uniqueTableName("app");
    List<String> names =
        List.of(base + "-orders-1", base + "-orders-2", base + "-orders-3", base + "-users");
    for (int i = 0; i < names.size(); i++) {
      TestTables.create(dynamo, names.get(i), "pk", ScalarAttributeType.S);
      List<Map<String, AttributeValue>> loaded = TestItems.small(i, 20 + i);
      TestTables.load(dynamo, names.get(i), loaded);
      items.put(names.get(i), loaded);
    }
  }

  @Test
  void patternsAndNames_backUpEachTableToItsOwnKey_andAFailedTableDoesNotStopTheOthers()
      throws Exception {
    String bucket = engines.createBucket();
    String missing = base + "-missing";

    ToolRunner.Result result =
        new ToolRunner(engines)
            .runLocal(
                "-t",
                base + "-orders-*",
                "-t",
                missing + "," + base + "-users",
                "--exclude",
                "*-2",
                "--table-concurrency",
                "2",
                "-b",
                bucket);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    List<String> backedUp = List.of(base + "-orders-1", base + "-orders-3", base + "-users");
    for (String table : backedUp) {
      String dataKey = dataKey(bucket, table);
      assertThat(BackupFiles.items(BackupFiles.get(s3, bucket, dataKey), dataKey))
          .containsExactlyInAnyOrderElementsOf(items.get(table));
      assertThat(BackupFiles.manifest(s3, bucket, dataKey).itemCount())
          .isEqualTo(items.get(table).size());
      assertThat(result.out())
          .containsPattern(
              "(?m)^\\Q"
                  + table
                  + "\\E +OK +"
                  + items.get(table).size()
                  + " +\\d+ +[\\d.]+ +s3://");
    }
    assertThat(BackupFiles.keys(s3, bucket)).hasSize(6).noneMatch(k -> k.contains("-orders-2"));
    assertThat(result.out())
        .containsPattern("(?m)^TABLE +STATUS +ITEMS +BYTES +SECONDS +URI$")
        .containsPattern("(?m)^\\Q" + missing + "\\E +FAILED +- +- +[\\d.]+ +-$")
        .contains("backed up 3 of 4 tables, 65 items (");
    assertThat(result.out().indexOf(base + "-orders-1"))
        .as("tables in the order selected")
        .isLessThan(result.out().indexOf(base + "-orders-3"));
    assertThat(result.err())
        .contains("dynamodb-backup: error: backup of table " + missing)
        .contains("no such table");
  }

  @Test
  void tableNameVariable_holdsTheListOfAScheduledTask() throws Exception {
    String bucket = engines.createBucket();

    ToolRunner.Result result =
        new ToolRunner(engines)
            .env("TABLE_NAME", base + "-orders-2," + base + "-users")
            .env("BACKUP_FILE_BUCKET", bucket)
            .runLocal();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("backed up 2 of 2 tables, 44 items (");
    dataKey(bucket, base + "-orders-2");
    dataKey(bucket, base + "-users");
  }

  @Test
  void stoppingProcess_abortsTheBackupsRunning_andStartsNoOther() {
    String bucket = engines.createBucket();
    Thread main = Thread.currentThread();
    AtomicBoolean stopped = new AtomicBoolean();
    ExecutionInterceptor stopAtFirstScan =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof ScanRequest && stopped.compareAndSet(false, true)) {
              main.interrupt();
              // Hold this Scan until the run interrupts it, so that no table can finish first.
              try {
                Thread.sleep(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };

    ToolRunner.Result result =
        new ToolRunner(engines)
            .intercept(stopAtFirstScan)
            .runLocal("-t", base + "-*", "--table-concurrency", "2", "-b", bucket);

    boolean stillInterrupted = Thread.interrupted(); // leave the test thread clean
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    assertThat(result.out()).containsPattern("(?m) NOT_STARTED ").contains("backed up 0 of 4");
    assertThat(result.err()).contains("not started: the process is stopping");
    assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
    assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
  }

  /**
   * Moto, reset first, holds only this test's tables, so every table of the region is known; it
   * also implements tags as DynamoDB does.
   */
  @Test
  void allTablesAndTags_chooseAmongEveryTableOfTheRegion() throws Exception {
    engines.resetMoto();
    try (DynamoDbClient moto = engines.motoDynamo()) {
      for (String name : List.of("shop-carts", "shop-orders", "auth-users")) {
        TestTables.create(moto, name, "pk", ScalarAttributeType.S);
        TestTables.load(moto, name, TestItems.small(name.length(), 3));
        String arn = moto.describeTable(r -> r.tableName(name)).table().tableArn();
        String app = name.substring(0, name.indexOf('-'));
        moto.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("app").value(app).build()));
      }
    }
    String all = engines.createBucket();
    String tagged = engines.createBucket();

    ToolRunner.Result everyTable = onMoto("--all-tables", "--exclude", "*-orders", "-b", all);
    ToolRunner.Result byTag = onMoto("--tag", "app=shop", "-b", tagged);

    assertThat(everyTable.exitCode()).as(everyTable.toString()).isZero();
    assertThat(everyTable.out()).contains("backed up 2 of 2 tables");
    dataKey(all, "auth-users");
    dataKey(all, "shop-carts");
    assertThat(byTag.exitCode()).as(byTag.toString()).isZero();
    assertThat(byTag.out()).contains("backed up 2 of 2 tables");
    dataKey(tagged, "shop-carts");
    dataKey(tagged, "shop-orders");
  }

  private ToolRunner.Result onMoto(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--dynamodb-endpoint",
            engines.motoEndpoint().toString(),
            "--s3-endpoint",
            engines.s3Endpoint().toString(),
            "--s3-path-style",
            "--region",
            engines.region().id()));
    // TABLE_NAME is not used when --all-tables or --tag selects.
    return new ToolRunner(engines).env("TABLE_NAME", "other").run(all.toArray(String[]::new));
  }

  /** The one data key of {@code table} in {@code bucket}, in the one-table key layout. */
  private String dataKey(String bucket, String table) {
    List<String> keys =
        BackupFiles.keys(s3, bucket).stream()
            .filter(k -> k.startsWith(table + "/") && !k.endsWith(".manifest.json"))
            .toList();
    assertThat(keys)
        .singleElement()
        .asString()
        .matches("\\Q" + table + "/" + table + "_\\E.+\\.csv");
    assertThat(BackupFiles.keys(s3, bucket)).contains(keys.get(0) + ".manifest.json");
    return keys.get(0);
  }
}
