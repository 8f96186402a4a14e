package io.dynamodbbackup.testing;

import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Tables in moto to export: keyed as {@link TestItems} (pk, sk), with an index and a tag. */
public final class ExportTables {

  private ExportTables() {}

  /** Creates {@code table}, on demand, with point-in-time recovery on when {@code pitr}. */
  public static void create(DynamoDbClient moto, String table, boolean pitr) {
    create(moto, table, pitr, r -> {});
  }

  /**
   * Creates {@code table} with point-in-time recovery, a stream (NEW_IMAGE) and time to live on
   * {@code expires}: every setting ImportTable cannot make; and a local secondary index if asked,
   * which ImportTable cannot create at all.
   */
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  public static void createForImport(DynamoDbClient moto, String table, boolean localIndex) {
    create(
        moto,
        table,
        true,
        r -> {
          r.streamSpecification(
              s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE));
          if (localIndex) {
            r.localSecondaryIndexes(
                l ->
                    l.indexName("by-created")
                        .keySchema(
                            k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("email").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)));
          }
        });
    moto.updateTimeToLive(
        r ->
            r.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
  }

  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  private static void create(
      DynamoDbClient moto, String table, boolean pitr, Consumer<CreateTableRequest.Builder> more) {
    moto.createTable(
        r -> {
          r.tableName(table)
              .attributeDefinitions(
                  a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                  a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                  a -> a.attributeName("email").attributeType(ScalarAttributeType.S))
              .keySchema(
                  k -> k.attributeName("pk").keyType(KeyType.HASH),
                  k -> k.attributeName("sk").keyType(KeyType.RANGE))
              .billingMode("PAY_PER_REQUEST")
              .globalSecondaryIndexes(
                  g ->
                      g.indexName("by-email")
                          .keySchema(k -> k.attributeName("email").keyType(KeyType.HASH))
                          .projection(p -> p.projectionType(ProjectionType.ALL)))
              .tags(t -> t.key("team").value("payments"));
          more.accept(r);
        });
    if (pitr) {
      moto.updateContinuousBackups(
          r ->
              r.tableName(table)
                  .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    }
  }
}
