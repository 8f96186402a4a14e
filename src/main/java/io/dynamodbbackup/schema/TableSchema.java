package io.dynamodbbackup.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What it takes to re-create a table: keys, indexes, capacity and the settings that live beside the
 * table description. A setting that could not be read (an engine that lacks the call, or a role
 * without the permission) is null, which means "unknown", never "off".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableSchema(
    String tableName,
    String tableArn,
    List<KeyElement> keySchema,
    List<AttributeDefinition> attributeDefinitions,
    String billingMode,
    Throughput provisionedThroughput,
    List<SecondaryIndex> globalSecondaryIndexes,
    List<SecondaryIndex> localSecondaryIndexes,
    StreamSettings stream,
    Encryption sse,
    String tableClass,
    Boolean deletionProtection,
    TimeToLive timeToLive,
    Boolean pointInTimeRecovery,
    Map<String, String> tags,
    Long itemCount,
    Long sizeBytes) {

  public TableSchema {
    requireNonBlank("tableName", tableName);
    keySchema = List.copyOf(keySchema);
    attributeDefinitions = List.copyOf(attributeDefinitions);
    globalSecondaryIndexes =
        globalSecondaryIndexes == null ? List.of() : List.copyOf(globalSecondaryIndexes);
    localSecondaryIndexes =
        localSecondaryIndexes == null ? List.of() : List.copyOf(localSecondaryIndexes);
    tags = tags == null ? null : Map.copyOf(tags);
    if (keySchema.isEmpty()) {
      throw new IllegalArgumentException("table " + tableName + " has an empty key schema");
    }
  }

  /** One attribute of a key: {@code HASH} (partition) or {@code RANGE} (sort). */
  public record KeyElement(String attributeName, String keyType) {}

  /** An attribute that a key uses, with its scalar type {@code S}, {@code N} or {@code B}. */
  public record AttributeDefinition(String attributeName, String attributeType) {}

  /** Provisioned read and write capacity units. */
  public record Throughput(long readCapacityUnits, long writeCapacityUnits) {}

  /** A global or local secondary index. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SecondaryIndex(
      String indexName,
      List<KeyElement> keySchema,
      String projectionType,
      List<String> nonKeyAttributes,
      Throughput provisionedThroughput) {}

  /** DynamoDB Streams settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StreamSettings(boolean enabled, String viewType) {}

  /** Server-side encryption: {@code sseType} null means DynamoDB's default (owned key). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Encryption(String status, String sseType, String kmsMasterKeyArn) {}

  /** Time to live: the attribute and whether expiry is on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TimeToLive(String attributeName, boolean enabled) {}

  private static void requireNonBlank(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, was '" + value + "'");
    }
  }
}
