package io.dynamodbbackup.schema;

import io.dynamodbbackup.retry.CancelledException;
import io.dynamodbbackup.retry.Retrier;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * Re-creates a table from the schema a backup recorded, waits until it and its indexes are ACTIVE,
 * then sets time to live, tags and point-in-time recovery, each only when the backup recorded it.
 * DescribeTable's output is not CreateTable's input: read-only fields are left out, on-demand
 * indexes get no throughput, and encryption is only specified for a customer-chosen KMS key.
 */
public final class TableCreator {

  /** Capacity for a table switched to PROVISIONED when the backup recorded none. */
  static final ProvisionedThroughput DEFAULT_THROUGHPUT =
      ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build();

  private static final Duration FIRST_POLL = Duration.ofMillis(20);
  private static final Duration MAX_POLL = Duration.ofSeconds(5);

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final Consumer<String> log;

  public TableCreator(DynamoDbClient dynamo, Retrier retrier, Consumer<String> log) {
    this.dynamo = dynamo;
    this.retrier = retrier;
    this.log = log;
  }

  /**
   * Creates {@code table} like the backed-up one and returns its ACTIVE description.
   *
   * @param billingMode PAY_PER_REQUEST or PROVISIONED to override the recorded mode, or null
   * @param timeout how long to wait for the table and its indexes to become ACTIVE
   */
  public TableDescription create(
      TableSchema schema, String table, String billingMode, Duration timeout) {
    CreateTableRequest request = request(schema, table, billingMode);
    retrier.call("CreateTable " + table, () -> dynamo.createTable(request));
    TableDescription active = awaitActive(table, timeout);
    if (schema.timeToLive() != null && schema.timeToLive().enabled()) {
      retrier.call(
          "UpdateTimeToLive " + table,
          () ->
              dynamo.updateTimeToLive(
                  r ->
                      r.tableName(table)
                          .timeToLiveSpecification(
                              t ->
                                  t.enabled(true)
                                      .attributeName(schema.timeToLive().attributeName()))));
    }
    if (schema.tags() != null && !schema.tags().isEmpty()) {
      List<Tag> tags =
          schema.tags().entrySet().stream()
              .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
              .toList();
      retrier.call(
          "TagResource " + table,
          () -> dynamo.tagResource(r -> r.resourceArn(active.tableArn()).tags(tags)));
    }
    if (Boolean.TRUE.equals(schema.pointInTimeRecovery())) {
      retrier.call(
          "UpdateContinuousBackups " + table,
          () ->
              dynamo.updateContinuousBackups(
                  r ->
                      r.tableName(table)
                          .pointInTimeRecoverySpecification(
                              p -> p.pointInTimeRecoveryEnabled(true))));
    }
    return active;
  }

  /** The CreateTable request for a table like the one {@code schema} describes. */
  public static CreateTableRequest request(
      TableSchema schema, String table, String billingModeOverride) {
    BillingMode billing =
        BillingMode.fromValue(
            billingModeOverride != null ? billingModeOverride : schema.billingMode());
    if (billing != BillingMode.PAY_PER_REQUEST && billing != BillingMode.PROVISIONED) {
      throw new IllegalArgumentException(
          "billing mode must be PAY_PER_REQUEST or PROVISIONED, was "
              + (billingModeOverride != null ? billingModeOverride : schema.billingMode()));
    }
    boolean provisioned = billing == BillingMode.PROVISIONED;
    ProvisionedThroughput tableThroughput =
        provisioned ? throughput(schema.provisionedThroughput(), DEFAULT_THROUGHPUT) : null;
    CreateTableRequest.Builder b =
        CreateTableRequest.builder()
            .tableName(table)
            .billingMode(billing)
            .keySchema(keys(schema.keySchema()))
            .attributeDefinitions(
                schema.attributeDefinitions().stream()
                    .map(
                        a ->
                            AttributeDefinition.builder()
                                .attributeName(a.attributeName())
                                .attributeType(a.attributeType())
                                .build())
                    .toList())
            .provisionedThroughput(tableThroughput);
    if (!schema.globalSecondaryIndexes().isEmpty()) {
      b.globalSecondaryIndexes(
          schema.globalSecondaryIndexes().stream()
              .map(
                  g ->
                      GlobalSecondaryIndex.builder()
                          .indexName(g.indexName())
                          .keySchema(keys(g.keySchema()))
                          .projection(projection(g))
                          .provisionedThroughput(
                              provisioned
                                  ? throughput(g.provisionedThroughput(), tableThroughput)
                                  : null)
                          .build())
              .toList());
    }
    if (!schema.localSecondaryIndexes().isEmpty()) {
      b.localSecondaryIndexes(
          schema.localSecondaryIndexes().stream()
              .map(
                  l ->
                      LocalSecondaryIndex.builder()
                          .indexName(l.indexName())
                          .keySchema(keys(l.keySchema()))
                          .projection(projection(l))
                          .build())
              .toList());
    }
    if (schema.stream() != null && schema.stream().enabled()) {
      b.streamSpecification(
          StreamSpecification.builder()
              .streamEnabled(true)
              .streamViewType(schema.stream().viewType())
              .build());
    }
    // DynamoDB encrypts every table; only a KMS key chosen by the owner needs saying.
    if (schema.sse() != null && "KMS".equals(schema.sse().sseType())) {
      SSESpecification.Builder sse = SSESpecification.builder().enabled(true).sseType(SSEType.KMS);
      if (schema.sse().kmsMasterKeyArn() != null) {
        sse.kmsMasterKeyId(schema.sse().kmsMasterKeyArn());
      }
      b.sseSpecification(sse.build());
    }
    // Defaults are left out, so that engines without these newer fields accept the request.
    if (schema.tableClass() != null && !"STANDARD".equals(schema.tableClass())) {
      b.tableClass(schema.tableClass());
    }
    if (Boolean.TRUE.equals(schema.deletionProtection())) {
      b.deletionProtectionEnabled(true);
    }
    return b.build();
  }

  private TableDescription awaitActive(String table, Duration timeout) {
    long deadline = retrier.clock().nanoTime() + timeout.toNanos();
    Duration poll = FIRST_POLL;
    while (true) {
      TableDescription d =
          retrier
              .call("DescribeTable " + table, () -> dynamo.describeTable(r -> r.tableName(table)))
              .table();
      boolean indexesActive =
          d.globalSecondaryIndexes().stream().allMatch(g -> g.indexStatus() == IndexStatus.ACTIVE);
      if (d.tableStatus() == TableStatus.ACTIVE && indexesActive) {
        return d;
      }
      if (retrier.clock().nanoTime() > deadline) {
        throw new IllegalStateException(
            "table " + table + " is still " + d.tableStatusAsString() + " after " + timeout);
      }
      try {
        retrier.clock().sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException("interrupted while waiting for table " + table, e);
      }
      poll = poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
      log.accept(
          "waiting for table " + table + " to become ACTIVE (" + d.tableStatusAsString() + ")");
    }
  }

  private static List<KeySchemaElement> keys(List<TableSchema.KeyElement> keys) {
    return keys.stream()
        .map(
            k ->
                KeySchemaElement.builder()
                    .attributeName(k.attributeName())
                    .keyType(k.keyType())
                    .build())
        .toList();
  }

  private static Projection projection(TableSchema.SecondaryIndex index) {
    Projection.Builder p =
        Projection.builder()
            .projectionType(index.projectionType() == null ? "ALL" : index.projectionType());
    if (index.nonKeyAttributes() != null && !index.nonKeyAttributes().isEmpty()) {
      p.nonKeyAttributes(index.nonKeyAttributes());
    }
    return p.build();
  }

  private static ProvisionedThroughput throughput(
      TableSchema.Throughput recorded, ProvisionedThroughput fallback) {
    if (recorded == null || recorded.readCapacityUnits() < 1 || recorded.writeCapacityUnits() < 1) {
      return fallback;
    }
    return ProvisionedThroughput.builder()
        .readCapacityUnits(recorded.readCapacityUnits())
        .writeCapacityUnits(recorded.writeCapacityUnits())
        .build();
  }
}
