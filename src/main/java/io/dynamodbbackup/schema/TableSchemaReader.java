package io.dynamodbbackup.schema;

import io.dynamodbbackup.retry.Retrier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Captures everything needed to re-create a table. Settings that live outside DescribeTable (TTL,
 * point-in-time recovery, tags) are read with their own calls, side by side; when one of those
 * cannot be read, because the engine lacks the call or the role lacks the permission, the setting
 * is recorded as unknown and the reason is reported, so that a backup is never lost for want of a
 * setting.
 */
public final class TableSchemaReader {

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final Consumer<String> warnings;

  public TableSchemaReader(DynamoDbClient dynamo, Retrier retrier, Consumer<String> warnings) {
    this.dynamo = dynamo;
    this.retrier = retrier;
    this.warnings = warnings;
  }

  /** Describes {@code table}, with every setting; fails if the table does not exist. */
  public TableSchema read(String table) {
    return capture(table).completeNow();
  }

  /**
   * Describes {@code table} (failing if it does not exist), and starts reading its TTL,
   * point-in-time recovery and tags side by side, on threads of their own.
   */
  public SchemaCapture capture(String table) {
    TableDescription d = describeTable(table);
    ExecutorService threads =
        Executors.newFixedThreadPool(
            3,
            r -> {
              Thread t = new Thread(r, "settings-of-" + table);
              t.setDaemon(true);
              return t;
            });
    try {
      return new SchemaCapture(
          d,
          reading(
              "time to live of " + table,
              () -> dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription(),
              threads),
          reading(
              "point-in-time recovery of " + table,
              () ->
                  dynamo
                      .describeContinuousBackups(r -> r.tableName(table))
                      .continuousBackupsDescription(),
              threads),
          reading("tags of " + table, () -> TableCatalog.tags(dynamo, d.tableArn()), threads));
    } finally {
      threads.shutdown(); // the three reads run on; the threads end with them
    }
  }

  /**
   * What DescribeTable alone says of {@code table} (keys, billing, size; no TTL, PITR or tags), for
   * an estimate that must cost no more than one call.
   */
  public TableSchema describe(String table) {
    return toSchema(describeTable(table), null, null, null);
  }

  private TableDescription describeTable(String table) {
    return retrier
        .call("DescribeTable " + table, () -> dynamo.describeTable(r -> r.tableName(table)))
        .table();
  }

  static TableSchema toSchema(
      TableDescription d,
      TimeToLiveDescription ttl,
      ContinuousBackupsDescription pitr,
      Map<String, String> tags) {
    String billing =
        d.billingModeSummary() != null && d.billingModeSummary().billingModeAsString() != null
            ? d.billingModeSummary().billingModeAsString()
            : "PROVISIONED";
    boolean onDemand = "PAY_PER_REQUEST".equals(billing);
    return new TableSchema(
        d.tableName(),
        d.tableArn(),
        keys(d.keySchema()),
        d.attributeDefinitions().stream()
            .map(
                a ->
                    new TableSchema.AttributeDefinition(
                        a.attributeName(), a.attributeTypeAsString()))
            .toList(),
        billing,
        onDemand ? null : throughput(d.provisionedThroughput()),
        d.globalSecondaryIndexes().stream().map(g -> gsi(g, onDemand)).toList(),
        d.localSecondaryIndexes().stream().map(TableSchemaReader::lsi).toList(),
        d.streamSpecification() == null
            ? new TableSchema.StreamSettings(false, null)
            : new TableSchema.StreamSettings(
                Boolean.TRUE.equals(d.streamSpecification().streamEnabled()),
                d.streamSpecification().streamViewTypeAsString()),
        d.sseDescription() == null
            ? null
            : new TableSchema.Encryption(
                d.sseDescription().statusAsString(),
                d.sseDescription().sseTypeAsString(),
                d.sseDescription().kmsMasterKeyArn()),
        d.tableClassSummary() == null ? null : d.tableClassSummary().tableClassAsString(),
        d.deletionProtectionEnabled(),
        ttl == null
            ? null
            : new TableSchema.TimeToLive(
                ttl.attributeName(),
                ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                    || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING),
        pitr == null || pitr.pointInTimeRecoveryDescription() == null
            ? null
            : pitr.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus()
                == PointInTimeRecoveryStatus.ENABLED,
        tags,
        d.itemCount(),
        d.tableSizeBytes());
  }

  /** {@link #optional} of {@code call}, started on one of {@code threads}. */
  private <T> CompletableFuture<T> reading(String what, Supplier<T> call, Executor threads) {
    return CompletableFuture.supplyAsync(() -> optional(what, call), threads);
  }

  private <T> T optional(String what, Supplier<T> call) {
    try {
      return retrier.call("reading " + what, call);
    } catch (AwsServiceException e) {
      int status = e.statusCode();
      if (status == 400 || status == 403 || status == 501) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        warnings.accept(
            "could not read "
                + what
                + " ("
                + code
                + "); the manifest records it as unknown and a restore will not set it");
        return null;
      }
      throw e;
    }
  }

  private static List<TableSchema.KeyElement> keys(List<KeySchemaElement> keys) {
    return keys.stream()
        .map(k -> new TableSchema.KeyElement(k.attributeName(), k.keyTypeAsString()))
        .toList();
  }

  private static TableSchema.Throughput throughput(ProvisionedThroughputDescription t) {
    if (t == null || t.readCapacityUnits() == null) {
      return null;
    }
    return new TableSchema.Throughput(t.readCapacityUnits(), t.writeCapacityUnits());
  }

  private static TableSchema.SecondaryIndex gsi(
      GlobalSecondaryIndexDescription g, boolean onDemand) {
    return index(
        g.indexName(),
        g.keySchema(),
        g.projection(),
        onDemand ? null : throughput(g.provisionedThroughput()));
  }

  private static TableSchema.SecondaryIndex lsi(LocalSecondaryIndexDescription l) {
    return index(l.indexName(), l.keySchema(), l.projection(), null);
  }

  private static TableSchema.SecondaryIndex index(
      String name, List<KeySchemaElement> keys, Projection p, TableSchema.Throughput t) {
    return new TableSchema.SecondaryIndex(
        name,
        keys(keys),
        p == null ? null : p.projectionTypeAsString(),
        p == null || !p.hasNonKeyAttributes() ? null : List.copyOf(p.nonKeyAttributes()),
        t);
  }
}
