package io.dynamodbbackup.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableClassSummary;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A table's schema from a DescribeTable answer saved as JSON, as another tool keeps it beside its
 * dump (dynamodump's {@code schema.json}: the API's {@code {"Table": {...}}} with PascalCase
 * names). Only what re-creating the table needs is read; TTL, point-in-time recovery and tags are
 * not in such an answer and stay unknown.
 */
public final class DescribeTableJson {

  private DescribeTableJson() {}

  /**
   * The schema of {@code answer}'s {@code Table}.
   *
   * @throws IllegalArgumentException naming what is missing when it is not such an answer
   */
  public static TableSchema parse(JsonNode answer) {
    JsonNode t = answer.path("Table");
    if (!t.isObject() || !t.path("TableName").isTextual() || !t.path("KeySchema").isArray()) {
      throw new IllegalArgumentException(
          "not a DescribeTable answer: expected {\"Table\": {\"TableName\": ..., \"KeySchema\":"
              + " [...]}}");
    }
    TableDescription.Builder d =
        TableDescription.builder()
            .tableName(t.path("TableName").asText())
            .tableArn(text(t, "TableArn"))
            .keySchema(keys(t.path("KeySchema")))
            .attributeDefinitions(
                each(
                    t.path("AttributeDefinitions"),
                    a ->
                        AttributeDefinition.builder()
                            .attributeName(a.path("AttributeName").asText())
                            .attributeType(a.path("AttributeType").asText())
                            .build()))
            .provisionedThroughput(throughput(t.path("ProvisionedThroughput")))
            .globalSecondaryIndexes(
                each(
                    t.path("GlobalSecondaryIndexes"),
                    g ->
                        GlobalSecondaryIndexDescription.builder()
                            .indexName(g.path("IndexName").asText())
                            .keySchema(keys(g.path("KeySchema")))
                            .projection(projection(g.path("Projection")))
                            .provisionedThroughput(throughput(g.path("ProvisionedThroughput")))
                            .build()))
            .localSecondaryIndexes(
                each(
                    t.path("LocalSecondaryIndexes"),
                    l ->
                        LocalSecondaryIndexDescription.builder()
                            .indexName(l.path("IndexName").asText())
                            .keySchema(keys(l.path("KeySchema")))
                            .projection(projection(l.path("Projection")))
                            .build()));
    String billing = text(t.path("BillingModeSummary"), "BillingMode");
    if (billing != null) {
      d.billingModeSummary(b -> b.billingMode(billing));
    }
    JsonNode stream = t.path("StreamSpecification");
    if (stream.isObject()) {
      d.streamSpecification(
          StreamSpecification.builder()
              .streamEnabled(stream.path("StreamEnabled").asBoolean(false))
              .streamViewType(text(stream, "StreamViewType"))
              .build());
    }
    JsonNode sse = t.path("SSEDescription");
    if (sse.isObject()) {
      d.sseDescription(
          SSEDescription.builder()
              .status(text(sse, "Status"))
              .sseType(text(sse, "SSEType"))
              .kmsMasterKeyArn(text(sse, "KMSMasterKeyArn"))
              .build());
    }
    String tableClass = text(t.path("TableClassSummary"), "TableClass");
    if (tableClass != null) {
      d.tableClassSummary(TableClassSummary.builder().tableClass(tableClass).build());
    }
    if (t.path("DeletionProtectionEnabled").isBoolean()) {
      d.deletionProtectionEnabled(t.path("DeletionProtectionEnabled").asBoolean());
    }
    if (t.path("ItemCount").canConvertToLong()) {
      d.itemCount(t.path("ItemCount").asLong());
    }
    if (t.path("TableSizeBytes").canConvertToLong()) {
      d.tableSizeBytes(t.path("TableSizeBytes").asLong());
    }
    return TableSchemaReader.toSchema(d.build(), null, null, null);
  }

  private static List<KeySchemaElement> keys(JsonNode keys) {
    return each(
        keys,
        k ->
            KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText())
                .build());
  }

  private static Projection projection(JsonNode p) {
    if (!p.isObject()) {
      return null;
    }
    Projection.Builder b = Projection.builder().projectionType(text(p, "ProjectionType"));
    if (p.path("NonKeyAttributes").isArray()) {
      b.nonKeyAttributes(each(p.path("NonKeyAttributes"), JsonNode::asText));
    }
    return b.build();
  }

  private static ProvisionedThroughputDescription throughput(JsonNode p) {
    if (!p.isObject()) {
      return null;
    }
    return ProvisionedThroughputDescription.builder()
        .readCapacityUnits(p.path("ReadCapacityUnits").asLong())
        .writeCapacityUnits(p.path("WriteCapacityUnits").asLong())
        .build();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private static <T> List<T> each(JsonNode array, java.util.function.Function<JsonNode, T> map) {
    List<T> list = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(n -> list.add(map.apply(n)));
    }
    return list;
  }
}
