package io.dynamodbbackup.verify;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.dynamo.ItemLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Looks backup items up in the table by key, a batch at a time, and compares them. */
final class ItemComparison {

  private record Pending(
      String file, long line, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {}

  private final ItemLookup lookup;
  private final String table;
  private final List<String> keyNames;
  private final List<Pending> batch = new ArrayList<>(ItemLookup.MAX_KEYS);
  private final Set<Map<String, AttributeValue>> keysInBatch = new HashSet<>();

  /** Read by the progress thread; a stale value only delays a progress line. */
  private volatile long compared;

  /** Backup items found equal in the table so far; read by the progress thread. */
  long compared() {
    return compared;
  }

  ItemComparison(ItemLookup lookup, TableDescription table) {
    this.lookup = lookup;
    this.table = table.tableName();
    this.keyNames = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
  }

  void add(String file, long line, Map<String, AttributeValue> item) throws InterruptedException {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : keyNames) {
      AttributeValue value = item.get(name);
      if (value == null) {
        throw new JobFailedException(
            "verify failed: item by key: "
                + file
                + ":"
                + line
                + ": the item has no "
                + name
                + ", a key attribute of table "
                + table,
            null);
      }
      key.put(name, value);
    }
    if (!keysInBatch.add(key)) {
      flush(); // BatchGetItem refuses a key twice in one call
      keysInBatch.add(key);
    }
    batch.add(new Pending(file, line, key, item));
    if (batch.size() == ItemLookup.MAX_KEYS) {
      flush();
    }
  }

  void flush() throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> live = new HashMap<>();
    for (Map<String, AttributeValue> item : lookup.get(batch.stream().map(Pending::key).toList())) {
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      keyNames.forEach(name -> key.put(name, item.get(name)));
      live.put(key, item);
    }
    for (Pending p : batch) {
      Map<String, AttributeValue> found = live.get(p.key());
      String where =
          "verify failed: item by key: "
              + p.file()
              + ":"
              + p.line()
              + ": the item with key "
              + ItemDiff.describeKey(p.key());
      if (found == null) {
        throw new JobFailedException(where + " is not in table " + table, null);
      }
      Set<String> differ = ItemDiff.differingAttributes(p.item(), found);
      if (!differ.isEmpty()) {
        throw new JobFailedException(
            where + " differs from table " + table + " in " + String.join(", ", differ), null);
      }
    }
    compared += batch.size();
    batch.clear();
    keysInBatch.clear();
  }
}
