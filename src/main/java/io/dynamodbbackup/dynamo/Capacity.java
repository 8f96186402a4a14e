package io.dynamodbbackup.dynamo;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Reads the capacity a response reports consumed. */
final class Capacity {

  private Capacity() {}

  /** The units of every table and index in {@code consumed}; 0 when none were reported. */
  private static double total(List<ConsumedCapacity> consumed) {
    double units = 0;
    for (ConsumedCapacity c : consumed) {
      units += units(c);
    }
    return units;
  }

  static double of(ScanResponse r) {
    return units(r.consumedCapacity());
  }

  static double of(BatchGetItemResponse r) {
    return total(r.consumedCapacity());
  }

  private static double units(ConsumedCapacity c) {
    return c == null || c.capacityUnits() == null ? 0 : c.capacityUnits();
  }
}
