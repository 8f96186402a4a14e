package io.dynamodbbackup.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.SSEType;

class TableCreatorTest {

  private static final List<TableSchema.KeyElement> KEYS =
      List.of(new TableSchema.KeyElement("pk", "HASH"), new TableSchema.KeyElement("sk", "RANGE"));
  private static final List<TableSchema.AttributeDefinition> ATTRIBUTES =
      List.of(
          new TableSchema.AttributeDefinition("pk", "S"),
          new TableSchema.AttributeDefinition("sk", "N"),
          new TableSchema.AttributeDefinition("g", "S"));
  private static final TableSchema.SecondaryIndex GSI =
      new TableSchema.SecondaryIndex(
          "by-g", List.of(new TableSchema.KeyElement("g", "HASH")), "INCLUDE", List.of("x"), null);
  private static final TableSchema.SecondaryIndex LSI =
      new TableSchema.SecondaryIndex(
          "by-g-local",
          List.of(
              new TableSchema.KeyElement("pk", "HASH"), new TableSchema.KeyElement("g", "RANGE")),
          "KEYS_ONLY",
          null,
          null);

  private static TableSchema schema(
      String billing,
      TableSchema.Throughput throughput,
      TableSchema.SecondaryIndex gsi,
      TableSchema.Encryption sse) {
    return new TableSchema(
        "orders",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
        KEYS,
        ATTRIBUTES,
        billing,
        throughput,
        List.of(gsi),
        List.of(LSI),
        new TableSchema.StreamSettings(true, "NEW_IMAGE"),
        sse,
        "STANDARD",
        false,
        new TableSchema.TimeToLive("exp", true),
        true,
        Map.of("team", "data"),
        10L,
        1000L);
  }

  @Test
  void onDemandTable_getsNoThroughputOnTheTableOrItsGlobalIndexes() {
    CreateTableRequest request =
        TableCreator.request(schema("PAY_PER_REQUEST", null, GSI, null), "copy", null);

    assertThat(request.tableName()).isEqualTo("copy");
    assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(request.provisionedThroughput()).isNull();
    assertThat(request.globalSecondaryIndexes())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.provisionedThroughput()).isNull();
              assertThat(g.projection().projectionTypeAsString()).isEqualTo("INCLUDE");
              assertThat(g.projection().nonKeyAttributes()).containsExactly("x");
            });
    assertThat(request.localSecondaryIndexes())
        .singleElement()
        .extracting(l -> l.indexName())
        .isEqualTo("by-g-local");
    assertThat(request.keySchema()).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
    assertThat(request.attributeDefinitions()).hasSize(3);
    assertThat(request.streamSpecification().streamViewTypeAsString()).isEqualTo("NEW_IMAGE");
  }

  @Test
  void provisionedTable_keepsItsRecordedThroughput_andGivesIndexesTheirOwnOrTheTables() {
    TableSchema.SecondaryIndex gsiWithThroughput =
        new TableSchema.SecondaryIndex(
            GSI.indexName(), GSI.keySchema(), "ALL", null, new TableSchema.Throughput(7, 3));
    CreateTableRequest own =
        TableCreator.request(
            schema("PROVISIONED", new TableSchema.Throughput(20, 10), gsiWithThroughput, null),
            "copy",
            null);
    CreateTableRequest inherited =
        TableCreator.request(
            schema("PROVISIONED", new TableSchema.Throughput(20, 10), GSI, null), "copy", null);

    assertThat(own.provisionedThroughput().readCapacityUnits()).isEqualTo(20L);
    assertThat(own.provisionedThroughput().writeCapacityUnits()).isEqualTo(10L);
    assertThat(own.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits())
        .isEqualTo(7L);
    assertThat(
            inherited.globalSecondaryIndexes().get(0).provisionedThroughput().writeCapacityUnits())
        .isEqualTo(10L);
  }

  @Test
  void billingModeOverride_switchesAnOnDemandBackupToProvisionedWithDefaultCapacity() {
    CreateTableRequest request =
        TableCreator.request(schema("PAY_PER_REQUEST", null, GSI, null), "copy", "PROVISIONED");

    assertThat(request.billingMode()).isEqualTo(BillingMode.PROVISIONED);
    assertThat(request.provisionedThroughput()).isEqualTo(TableCreator.DEFAULT_THROUGHPUT);
    assertThat(request.globalSecondaryIndexes().get(0).provisionedThroughput())
        .isEqualTo(TableCreator.DEFAULT_THROUGHPUT);
  }

  @Test
  void encryption_isSpecifiedOnlyForAKmsKey() {
    CreateTableRequest owned =
        TableCreator.request(
            schema("PAY_PER_REQUEST", null, GSI, new TableSchema.Encryption("ENABLED", null, null)),
            "copy",
            null);
    CreateTableRequest kms =
        TableCreator.request(
            schema(
                "PAY_PER_REQUEST",
                null,
                GSI,
                new TableSchema.Encryption("ENABLED", "KMS", "arn:aws:kms:us-east-1:1:key/k")),
            "copy",
            null);

    assertThat(owned.sseSpecification()).isNull();
    assertThat(kms.sseSpecification().sseType()).isEqualTo(SSEType.KMS);
    assertThat(kms.sseSpecification().kmsMasterKeyId()).isEqualTo("arn:aws:kms:us-east-1:1:key/k");
  }

  @Test
  void defaultTableClassAndDeletionProtection_areLeftOutOfTheRequest() {
    CreateTableRequest request =
        TableCreator.request(schema("PAY_PER_REQUEST", null, GSI, null), "copy", null);

    assertThat(request.tableClass()).isNull();
    assertThat(request.deletionProtectionEnabled()).isNull();
  }

  @Test
  void unknownBillingMode_isRefusedNamingIt() {
    assertThatThrownBy(
            () -> TableCreator.request(schema("PAY_PER_REQUEST", null, GSI, null), "copy", "CHEAP"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CHEAP");
  }
}
