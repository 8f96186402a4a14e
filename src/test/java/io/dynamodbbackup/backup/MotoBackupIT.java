package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.schema.TableSchema;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Backups of a table in moto, which implements the settings dynalite lacks (TTL, point-in-time
 * recovery), with the log going to moto's CloudWatch Logs.
 */
@ExtendWith(LocalEnginesExtension.class)
class MotoBackupIT {

  private final LocalEngines engines;
  private final DynamoDbClient moto;
  private final S3Client s3;

  MotoBackupIT(LocalEngines engines) {
    this.engines = engines;
    this.moto = engines.motoDynamo();
    this.s3 = engines.s3();
  }

  @Test
  void manifest_capturesTheWholeSchemaAsDescribeTableAndItsFriendsReturnIt() throws Exception {
    String table = engines.uniqueTableName("schema");
    createRichTable(table);
    TestTables.load(moto, table, TestItems.everyType(3, 40));
    String bucket = engines.createBucket();

    ToolRunner.Result result = backup(table, bucket);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String dataKey = dataKey(bucket);
    TableSchema schema = BackupFiles.manifest(s3, bucket, dataKey).table();
    TableDescription described = moto.describeTable(r -> r.tableName(table)).table();
    assertThat(schema.tableArn()).isEqualTo(described.tableArn());
    assertThat(schema.keySchema())
        .containsExactly(
            new TableSchema.KeyElement("pk", "HASH"), new TableSchema.KeyElement("sk", "RANGE"));
    assertThat(schema.attributeDefinitions())
        .containsExactlyInAnyOrder(
            new TableSchema.AttributeDefinition("pk", "S"),
            new TableSchema.AttributeDefinition("sk", "N"),
            new TableSchema.AttributeDefinition("email", "S"),
            new TableSchema.AttributeDefinition("created", "N"));
    assertThat(schema.billingMode()).isEqualTo("PROVISIONED");
    assertThat(schema.provisionedThroughput()).isEqualTo(new TableSchema.Throughput(7, 3));
    assertThat(schema.globalSecondaryIndexes())
        .singleElement()
        .satisfies(
            gsi -> {
              assertThat(gsi.indexName()).isEqualTo("by-email");
              assertThat(gsi.keySchema())
                  .containsExactly(new TableSchema.KeyElement("email", "HASH"));
              assertThat(gsi.projectionType()).isEqualTo("INCLUDE");
              assertThat(gsi.nonKeyAttributes()).containsExactly("s");
              assertThat(gsi.provisionedThroughput()).isEqualTo(new TableSchema.Throughput(2, 1));
            });
    assertThat(schema.localSecondaryIndexes())
        .singleElement()
        .satisfies(
            lsi -> {
              assertThat(lsi.indexName()).isEqualTo("by-created");
              assertThat(lsi.keySchema())
                  .containsExactly(
                      new TableSchema.KeyElement("pk", "HASH"),
                      new TableSchema.KeyElement("created", "RANGE"));
              assertThat(lsi.projectionType()).isEqualTo("KEYS_ONLY");
            });
    assertThat(schema.stream()).isEqualTo(new TableSchema.StreamSettings(true, "NEW_IMAGE"));
    assertThat(schema.timeToLive()).isEqualTo(new TableSchema.TimeToLive("expires", true));
    assertThat(schema.pointInTimeRecovery()).isTrue();
    assertThat(schema.tags()).isEqualTo(Map.of("team", "payments", "env", "prod"));
  }

  @Test
  void log_goesToCloudWatchLogsWhenGroupAndStreamAreGiven() throws Exception {
    String table = engines.uniqueTableName("logged");
    TestTables.create(moto, table, "pk", ScalarAttributeType.S);
    TestTables.load(moto, table, TestItems.everyType(4, 30));
    String bucket = engines.createBucket();
    String group = "/dynamodb-backup/" + table;

    ToolRunner.Result result =
        backup(table, bucket, "--log-group", group, "--log-stream", "nightly");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (CloudWatchLogsClient logs = engines.logs()) {
      List<String> messages =
          logs
              .getLogEvents(r -> r.logGroupName(group).logStreamName("nightly").startFromHead(true))
              .events()
              .stream()
              .map(OutputLogEvent::message)
              .toList();
      assertThat(messages)
          .anySatisfy(m -> assertThat(m).contains("backing up table " + table))
          .anySatisfy(m -> assertThat(m).contains("backed up 30 items").contains("sha256"));
    }
    Manifest manifest = BackupFiles.manifest(s3, bucket, dataKey(bucket));
    assertThat(manifest.itemCount()).isEqualTo(30);
  }

  @Test
  void log_fallsBackToTheConsoleWhenCloudWatchLogsFailsAndTheBackupGoesOn() throws Exception {
    String table = engines.uniqueTableName("unlogged");
    TestTables.create(moto, table, "pk", ScalarAttributeType.S);
    TestTables.load(moto, table, TestItems.everyType(5, 10));
    String bucket = engines.createBucket();

    ToolRunner.Result result =
        backupLoggingTo(
            URI.create("http://127.0.0.1:9"), table, bucket, "-l", "group", "-s", "stream");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(BackupFiles.manifest(s3, bucket, dataKey(bucket)).itemCount()).isEqualTo(10);
  }

  private ToolRunner.Result backup(String table, String bucket, String... more) {
    return backupLoggingTo(engines.motoEndpoint(), table, bucket, more);
  }

  private ToolRunner.Result backupLoggingTo(
      URI logsEndpoint, String table, String bucket, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-t",
                table,
                "-b",
                bucket,
                "--dynamodb-endpoint",
                engines.motoEndpoint().toString(),
                "--logs-endpoint",
                logsEndpoint.toString(),
                "--s3-endpoint",
                engines.s3Endpoint().toString(),
                "--s3-path-style",
                "--region",
                "us-east-1"));
    args.addAll(List.of(more));
    return new ToolRunner(engines).run(args.toArray(String[]::new));
  }

  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  private void createRichTable(String table) {
    moto.createTable(
        r ->
            r.tableName(table)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                    a -> a.attributeName("email").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("created").attributeType(ScalarAttributeType.N))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .provisionedThroughput(p -> p.readCapacityUnits(7L).writeCapacityUnits(3L))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by-email")
                            .keySchema(k -> k.attributeName("email").keyType(KeyType.HASH))
                            .projection(
                                p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("s"))
                            .provisionedThroughput(
                                p -> p.readCapacityUnits(2L).writeCapacityUnits(1L)))
                .localSecondaryIndexes(
                    l ->
                        l.indexName("by-created")
                            .keySchema(
                                k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("created").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                .tags(t -> t.key("team").value("payments"), t -> t.key("env").value("prod")));
    moto.updateTimeToLive(
        r ->
            r.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
    moto.updateContinuousBackups(
        r ->
            r.tableName(table)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
  }

  private String dataKey(String bucket) {
    return BackupFiles.keys(s3, bucket).stream()
        .filter(k -> !k.endsWith(".manifest.json"))
        .findFirst()
        .orElseThrow();
  }
}
