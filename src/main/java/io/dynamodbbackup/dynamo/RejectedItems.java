package io.dynamodbbackup.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Receives the items DynamoDB refused as invalid. Called from writer threads; thread-safe. */
public interface RejectedItems {

  /**
   * @param error DynamoDB's message, e.g. "One or more parameter values were invalid: ..."
   */
  void reject(Map<String, AttributeValue> item, String error) throws Exception;
}
