package io.dynamodbbackup.dynamo;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/** Reads the capacity a response reports consumed. */
final class Capacity {

  private Capacity() {}

  /** The units of every table and index in {@code consumed}; 0 when none were reported. */
  static double total(List<ConsumedCapacity> consumed) {
    double units = 0;
    for (ConsumedCapacity c : consumed) {
      units += c.capacityUnits() == null ? 0 : c.capacityUnits();
    }
    return units;
  }
}
