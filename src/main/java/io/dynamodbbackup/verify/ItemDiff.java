package io.dynamodbbackup.verify;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Compares items as DynamoDB means them: sets without order, numbers by value. The SDK's {@code
 * equals} compares set members in the order they arrived, which DynamoDB does not promise.
 */
final class ItemDiff {

  private ItemDiff() {}

  /** The names of the attributes that differ or exist on one side only, sorted. */
  static Set<String> differingAttributes(
      Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    Set<String> names = new TreeSet<>(a.keySet());
    names.addAll(b.keySet());
    names.removeIf(name -> equal(a.get(name), b.get(name)));
    return names;
  }

  /** A key as {@code name=value, ...} for messages: strings quoted, binary as Base64. */
  static String describeKey(Map<String, AttributeValue> key) {
    return key.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + describe(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String describe(AttributeValue v) {
    if (v.s() != null) {
      return "\"" + v.s() + "\"";
    }
    if (v.n() != null) {
      return v.n();
    }
    if (v.b() != null) {
      return "b64:" + Base64.getEncoder().encodeToString(v.b().asByteArray());
    }
    return v.toString();
  }

  static boolean equal(AttributeValue a, AttributeValue b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.type() != b.type()) {
      return false;
    }
    return switch (a.type()) {
      case N -> number(a.n()).compareTo(number(b.n())) == 0;
      case SS -> new HashSet<>(a.ss()).equals(new HashSet<>(b.ss()));
      case NS -> numbers(a.ns()).equals(numbers(b.ns()));
      case BS -> new HashSet<>(a.bs()).equals(new HashSet<>(b.bs()));
      case L -> list(a.l(), b.l());
      case M -> a.m().size() == b.m().size() && differingAttributes(a.m(), b.m()).isEmpty();
      default -> Objects.equals(a, b);
    };
  }

  private static boolean list(List<AttributeValue> a, List<AttributeValue> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal number(String n) {
    return new BigDecimal(n);
  }

  private static Set<BigDecimal> numbers(List<String> ns) {
    // stripTrailingZeros so that 1.0 and 1 are one member, as in DynamoDB.
    return ns.stream().map(n -> number(n).stripTrailingZeros()).collect(Collectors.toSet());
  }
}
