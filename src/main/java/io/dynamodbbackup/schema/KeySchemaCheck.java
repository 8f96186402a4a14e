package io.dynamodbbackup.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Compares the key schema a backup was taken with against a target table's. */
public final class KeySchemaCheck {

  private static final Set<String> SCALAR_KEY_TYPES = Set.of("S", "N", "B");

  private KeySchemaCheck() {}

  /**
   * Empty when the target has the same key attributes, roles and types as the backup; otherwise a
   * message naming both schemas.
   */
  public static Optional<String> mismatch(TableSchema backup, TableDescription target) {
    String expected = describe(backup);
    String actual = describe(TableSchemaReader.toSchema(target, null, null, null));
    if (expected.equals(actual)) {
      return Optional.empty();
    }
    return Optional.of(
        "table "
            + target.tableName()
            + " has key schema "
            + actual
            + " but the backup has "
            + expected);
  }

  /**
   * For a backup that records no schema: empty when {@code item} holds every key attribute of the
   * target with its type; otherwise a message naming the table's keys and what the item holds.
   */
  public static Optional<String> itemMismatch(
      Map<String, AttributeValue> item, long lineNumber, TableDescription target) {
    TableSchema schema = TableSchemaReader.toSchema(target, null, null, null);
    Map<String, String> types = new HashMap<>();
    schema.attributeDefinitions().forEach(a -> types.put(a.attributeName(), a.attributeType()));
    for (TableSchema.KeyElement key : schema.keySchema()) {
      AttributeValue value = item.get(key.attributeName());
      String expected = types.get(key.attributeName());
      String actual = value == null ? null : typeOf(value);
      if (actual == null || !actual.equals(expected)) {
        return Optional.of(
            "table "
                + target.tableName()
                + " has key schema "
                + describe(schema)
                + " but item "
                + lineNumber
                + " of the backup "
                + (value == null
                    ? "has no attribute " + key.attributeName()
                    : "has " + key.attributeName() + " of type " + actual)
                + " (its scalar attributes: "
                + item.entrySet().stream()
                    .filter(e -> SCALAR_KEY_TYPES.contains(typeOf(e.getValue())))
                    .sorted(Map.Entry.comparingByKey())
                    .limit(8)
                    .map(e -> e.getKey() + " (" + typeOf(e.getValue()) + ")")
                    .collect(Collectors.joining(", "))
                + ")");
      }
    }
    return Optional.empty();
  }

  private static String typeOf(AttributeValue value) {
    return switch (value.type()) {
      case S -> "S";
      case N -> "N";
      case B -> "B";
      default -> value.type().name();
    };
  }

  /** Keys as {@code pk (S, HASH), sk (N, RANGE)}, the hash key first. */
  static String describe(TableSchema schema) {
    Map<String, String> types = new HashMap<>();
    schema.attributeDefinitions().forEach(a -> types.put(a.attributeName(), a.attributeType()));
    List<TableSchema.KeyElement> keys =
        schema.keySchema().stream().sorted((a, b) -> a.keyType().compareTo(b.keyType())).toList();
    return keys.stream()
        .map(
            k ->
                k.attributeName()
                    + " ("
                    + types.getOrDefault(k.attributeName(), "?")
                    + ", "
                    + k.keyType()
                    + ")")
        .collect(Collectors.joining(", "));
  }
}
