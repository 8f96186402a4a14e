package io.dynamodbbackup.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Receives the pages of one scan segment, in order, on that segment's thread. */
public interface PageConsumer {

  /**
   * Takes one page, its items as the bytes DynamoDB sent.
   *
   * @param nextKey where the segment would resume after this page; empty on its last page
   */
  void page(int segment, RawItems items, Map<String, AttributeValue> nextKey) throws Exception;

  /** Called on the segment's thread once its last page has been taken. */
  default void segmentDone(int segment) throws Exception {}
}
