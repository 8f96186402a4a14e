package io.dynamodbbackup.dynamo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it for the 400 KB limit and for write capacity: attribute names
 * plus values, numbers at about one byte per two digits, three bytes of overhead per list or map
 * and one per element. Close enough to size batches and to reserve capacity; DynamoDB's own count
 * settles the budget.
 */
final class ItemSize {

  private ItemSize() {}

  /** The approximate stored size of {@code item} in bytes. */
  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += utf8(attribute.getKey()) + value(attribute.getValue());
    }
    return size;
  }

  /** Write capacity units one put of an item of {@code bytes} costs: one per started KB. */
  public static long writeUnits(long bytes) {
    return Math.max(1, (bytes + 1023) / 1024);
  }

  private static long value(AttributeValue v) {
    if (v == null || v.type() == null) {
      return 0;
    }
    switch (v.type()) {
      case S:
        return utf8(v.s());
      case N:
        return number(v.n());
      case B:
        return v.b().asByteArrayUnsafe().length;
      case BOOL:
      case NUL:
        return 1;
      case SS:
        return v.ss().stream().mapToLong(ItemSize::utf8).sum();
      case NS:
        return v.ns().stream().mapToLong(ItemSize::number).sum();
      case BS:
        return v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
      case L:
        return 3 + v.l().stream().mapToLong(e -> 1 + value(e)).sum();
      case M:
        return 3
            + v.m().entrySet().stream()
                .mapToLong(e -> 1 + utf8(e.getKey()) + value(e.getValue()))
                .sum();
      default:
        return 0;
    }
  }

  private static long number(String n) {
    return n == null ? 0 : 1 + (n.length() + 1) / 2;
  }

  private static long utf8(String s) {
    if (s == null) {
      return 0;
    }
    // ASCII is by far the common case; only count bytes exactly when it is not.
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }
}
