package io.dynamodbbackup.format;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of an AWS incremental export: the item's key and its image at the end of the window,
 * or no image when the item was deleted in the window.
 *
 * @param keys the item's key attributes
 * @param newImage the whole item after the window's last change, or null for a delete
 */
public record ChangeRecord(Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage) {

  public ChangeRecord {
    if (keys == null || keys.isEmpty()) {
      throw new IllegalArgumentException("a change record needs its item's keys");
    }
  }

  /** Whether the item no longer exists at the window's end. */
  public boolean isDelete() {
    return newImage == null;
  }
}
