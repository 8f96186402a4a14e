package io.dynamodbbackup.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class KeySchemaCheckTest {

  private static final TableSchema BACKUP =
      new TableSchema(
          "users",
          null,
          List.of(
              new TableSchema.KeyElement("pk", "HASH"), new TableSchema.KeyElement("sk", "RANGE")),
          List.of(
              new TableSchema.AttributeDefinition("pk", "S"),
              new TableSchema.AttributeDefinition("sk", "N")),
          "PAY_PER_REQUEST",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);

  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  private static TableDescription table(
      String hash, String hashType, String range, String rangeType) {
    TableDescription.Builder b = TableDescription.builder().tableName("target");
    if (range == null) {
      b.keySchema(k -> k.attributeName(hash).keyType("HASH"))
          .attributeDefinitions(a -> a.attributeName(hash).attributeType(hashType));
    } else {
      // Listed range first: the order DynamoDB lists keys in must not matter.
      b.keySchema(
              k -> k.attributeName(range).keyType("RANGE"),
              k -> k.attributeName(hash).keyType("HASH"))
          .attributeDefinitions(
              a -> a.attributeName(hash).attributeType(hashType),
              a -> a.attributeName(range).attributeType(rangeType));
    }
    return b.build();
  }

  @Test
  void sameKeysAndTypes_match() {
    assertThat(KeySchemaCheck.mismatch(BACKUP, table("pk", "S", "sk", "N"))).isEmpty();
  }

  @Test
  void anotherSortKeyType_isAMismatchNamingBothSchemas() {
    assertThat(KeySchemaCheck.mismatch(BACKUP, table("pk", "S", "sk", "S")))
        .hasValue(
            "table target has key schema pk (S, HASH), sk (S, RANGE) but the backup has"
                + " pk (S, HASH), sk (N, RANGE)");
  }

  @Test
  void aMissingSortKey_isAMismatch() {
    assertThat(KeySchemaCheck.mismatch(BACKUP, table("pk", "S", null, null)))
        .hasValueSatisfying(m -> assertThat(m).contains("has key schema pk (S, HASH) but"));
  }

  @Test
  void anotherHashKeyName_isAMismatch() {
    assertThat(KeySchemaCheck.mismatch(BACKUP, table("id", "S", "sk", "N"))).isPresent();
  }
}
