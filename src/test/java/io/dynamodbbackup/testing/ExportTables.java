package io.dynamodbbackup.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Tables in moto to export: keyed as {@link TestItems} (pk, sk), with an index and a tag. */
public final class ExportTables {

  private ExportTables() {}

  /** Creates {@code table}, on demand, with point-in-time recovery on when {@code pitr}. */
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  public static void create(DynamoDbClient moto, String table, boolean pitr) {
    moto.createTable(
        r ->
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
                .tags(t -> t.key("team").value("payments")));
    if (pitr) {
      moto.updateContinuousBackups(
          r ->
              r.tableName(table)
                  .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    }
  }
}
