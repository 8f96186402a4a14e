package io.dynamodbbackup.format;

import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Where a backup file's items come from, one at a time, whatever the file's layout. */
public interface ItemReader extends RecordReader<Map<String, AttributeValue>> {

  /** The next item, or null after the last. */
  @Override
  Map<String, AttributeValue> next() throws IOException;

  /** The line of the file being read, for error messages. */
  @Override
  long lineNumber();
}
