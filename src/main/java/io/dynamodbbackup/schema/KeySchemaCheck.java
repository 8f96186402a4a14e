package io.dynamodbbackup.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Compares the key schema a backup was taken with against a target table's. */
public final class KeySchemaCheck {

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
