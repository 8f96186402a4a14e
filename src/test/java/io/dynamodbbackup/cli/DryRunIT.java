package io.dynamodbbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.OperationRecorder;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * {@code --dry-run} reads no item and writes nothing, and says what a run would take. Local engines
 * report every table as 0 bytes, so the tables' sizes are set in DescribeTable's answers, as
 * DynamoDB reports a table it has measured; a table left at 0 shows what is unknown.
 */
@ExtendWith(LocalEnginesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DryRunIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalEngines engines;
  private final DynamoDbClient dynamo;
  private final S3Client s3;
  private String base;
  private String onDemand;
  private String provisioned;
  private String unmeasured;

  /** The sizes DescribeTable reports: 1000 4-KB units for each measured table. */
  private final Map<String, Long> sizes = new HashMap<>();

  DryRunIT(LocalEngines engines) {
    this.engines = engines;
    this.dynamo = engines.dynamo();
    this.s3 = engines.s3();
  }

  @BeforeAll
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void createTables() {
    base = engines.uniqueTableName("dry");
    onDemand = base + "-on-demand";
    provisioned = base + "-provisioned";
    unmeasured = base + "-unmeasured";
    TestTables.create(dynamo, onDemand, "pk", ScalarAttributeType.S);
    TestTables.create(dynamo, unmeasured, "pk", ScalarAttributeType.S);
    dynamo.createTable(
        r ->
            r.tableName(provisioned)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .provisionedThroughput(p -> p.readCapacityUnits(20L).writeCapacityUnits(8L)));
    TestTables.awaitActive(dynamo, provisioned);
    for (String table : new String[] {onDemand, provisioned, unmeasured}) {
      TestTables.load(dynamo, table, TestItems.small(3, 10));
    }
    sizes.put(onDemand, 1000L * 4096);
    sizes.put(provisioned, 1000L * 4096);
  }

  @Test
  void backup_dryRun_estimatesEachTable_fromDescribeTableAlone() throws Exception {
    String bucket = engines.createBucket();
    OperationRecorder calls = new OperationRecorder();

    ToolRunner.Result result =
        tool(calls).runLocal("-t", base + "-*", "-b", bucket, "--dry-run", "--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(calls.operations())
        .containsExactlyInAnyOrder("dynamodb:ListTables", "dynamodb:DescribeTable");
    assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
    JsonNode run = JSON.readTree(result.out());
    assertThat(run.get("dryRun").asBoolean()).isTrue();
    assertThat(run.get("region").asText()).isEqualTo("us-east-1");
    assertThat(run.get("priceTable").asText()).contains("2024-11-01");
    JsonNode demand = estimate(run, onDemand);
    // 1000 units of 4 KB, eventually consistent: 500 read units at USD 0.125 a million.
    assertThat(demand.get("billingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    assertThat(demand.get("segments").asInt()).isEqualTo(4);
    assertThat(demand.get("readUnits").asDouble()).isEqualTo(500.0);
    assertThat(demand.get("readLimit").isNull()).isTrue();
    assertThat(demand.get("seconds").isNull()).isTrue();
    assertThat(demand.get("onDemandCostUsd").asDouble()).isCloseTo(0.0000625, within(1e-12));
    assertThat(demand.get("notes").toString()).contains("duration unknown: no read limit");
    JsonNode fixed = estimate(run, provisioned);
    // Half of 20 RCU by default: 10 RCU/s, so 500 units take 50 s, at no request charge.
    assertThat(fixed.get("readLimit").asDouble()).isEqualTo(10.0);
    assertThat(fixed.get("seconds").asDouble()).isEqualTo(50.0);
    assertThat(fixed.get("onDemandCostUsd").isNull()).isTrue();
    assertThat(fixed.get("notes").toString()).contains("no request charge");
    JsonNode unknown = estimate(run, unmeasured);
    assertThat(unknown.get("bytes").asLong()).isZero();
    assertThat(unknown.get("readUnits").isNull()).isTrue();
    assertThat(unknown.get("notes").toString()).contains("size unknown: DynamoDB reports 0 bytes");
  }

  @Test
  void backup_dryRun_asText_saysWhatIsUnknown_andAMissingTableFails() {
    String missing = base + "-missing";

    ToolRunner.Result result =
        tool(new OperationRecorder())
            .runLocal(
                "-t",
                provisioned + "," + unmeasured + "," + missing,
                "--consistent-read",
                "--max-rcu",
                "4",
                "-b",
                engines.createBucket(),
                "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out())
        .containsPattern("(?m)^TABLE +BILLING +ITEMS +BYTES +SEGMENTS +READ LIMIT +READ UNITS")
        // Strongly consistent: 1000 units, at --max-rcu 4 (below half of 20): 250 s.
        .containsPattern(
            "(?m)^\\Q"
                + provisioned
                + "\\E +PROVISIONED +\\d+ +4096000 +4 +4\\.0/s +1000\\.0 +250\\.0 +provisioned$")
        .containsPattern(
            "(?m)^\\Q" + unmeasured + "\\E +PAY_PER_REQUEST .* unknown +unknown +unknown$")
        .containsPattern("(?m)^\\Q" + missing + "\\E +FAILED ")
        .contains("  " + unmeasured + ": size unknown")
        .contains("dry run of 3 tables in us-east-1: nothing was read or written");
    assertThat(result.err()).contains("no such table");
  }

  @Test
  void restore_dryRun_saysWhatWouldBeWritten_andWritesNothing() throws Exception {
    String bucket = engines.createBucket();
    ToolRunner.Result backup = new ToolRunner(engines).runLocal("-t", onDemand, "-b", bucket);
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    String uri = backup.out().substring(backup.out().indexOf("s3://")).strip();
    String target = engines.uniqueTableName("dry-target");
    OperationRecorder calls = new OperationRecorder();
    List<String> objectsRead = new CopyOnWriteArrayList<>();
    ExecutionInterceptor reads =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof GetObjectRequest get) {
              objectsRead.add(get.key());
            }
          }
        };

    ToolRunner.Result created =
        tool(calls)
            .intercept(reads)
            .runLocal(
                "restore", uri, "-t", target, "--create-table", "--dry-run", "--output", "json");
    ToolRunner.Result existing =
        tool(calls).intercept(reads).runLocal("restore", uri, "-t", provisioned, "--dry-run");
    ToolRunner.Result missing =
        tool(calls).intercept(reads).runLocal("restore", uri, "-t", target, "--dry-run");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    JsonNode estimate = JSON.readTree(created.out()).get("estimates").get(0);
    assertThat(estimate.get("table").asText()).isEqualTo(target);
    assertThat(estimate.get("action").asText()).isEqualTo("create");
    assertThat(estimate.get("billingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    assertThat(estimate.get("items").asLong()).isEqualTo(10);
    // The backup recorded 0 bytes (dynalite), so one write unit an item, a lower bound.
    assertThat(estimate.get("writeUnits").asDouble()).isEqualTo(10.0);
    assertThat(estimate.get("onDemandCostUsd").asDouble()).isCloseTo(0.00000625, within(1e-12));
    assertThat(estimate.get("notes").toString()).contains("lower bounds");
    assertThat(dynamo.listTables().tableNames()).doesNotContain(target);

    assertThat(existing.exitCode()).as(existing.toString()).isZero();
    assertThat(existing.out())
        // Half of 8 WCU: 4 WCU/s, so 10 writes take 2.5 s.
        .containsPattern(
            "(?m)^\\Q"
                + provisioned
                + "\\E +existing +PROVISIONED +10 +4\\.0/s +10\\.0 +2\\.5 +provisioned +s3://")
        .contains("dry run of 1 restore in us-east-1");
    assertThat(TestTables.scanAll(dynamo, provisioned)).hasSize(10);

    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
    assertThat(missing.err()).contains("table " + target + " does not exist");
    assertThat(calls.operations())
        .allMatch(
            op ->
                op.equals("dynamodb:DescribeTable")
                    || op.equals("s3:HeadObject")
                    || op.equals("s3:GetObject"));
    String dataKey = uri.substring(("s3://" + bucket + "/").length());
    assertThat(objectsRead).isNotEmpty().doesNotContain(dataKey);
  }

  private ToolRunner tool(OperationRecorder calls) {
    return new ToolRunner(engines).intercept(calls).intercept(new MeasuredSizes());
  }

  private static JsonNode estimate(JsonNode run, String table) {
    for (JsonNode e : run.get("estimates")) {
      if (e.get("table").asText().equals(table)) {
        return e;
      }
    }
    throw new AssertionError("no estimate of " + table + " in " + run);
  }

  /** Answers DescribeTable with the sizes of {@link #sizes}, as DynamoDB measures a table. */
  private final class MeasuredSizes implements ExecutionInterceptor {
    @Override
    public SdkResponse modifyResponse(
        Context.ModifyResponse context, ExecutionAttributes attributes) {
      if (context.response() instanceof DescribeTableResponse d
          && sizes.containsKey(d.table().tableName())) {
        return d.toBuilder()
            .table(d.table().toBuilder().tableSizeBytes(sizes.get(d.table().tableName())).build())
            .build();
      }
      return context.response();
    }
  }
}
