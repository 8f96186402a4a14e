package io.dynamodbbackup.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes one item as one whole line of a backup file, line end included. Implementations are
 * stateless and thread-safe. They write straight to {@code out} in small pieces, so give them a
 * buffered stream. If encoding fails (an attribute value with no type), part of the line may have
 * been written and the file should be abandoned.
 */
public interface ItemEncoder {
  void encode(Map<String, AttributeValue> item, OutputStream out) throws IOException;
}
