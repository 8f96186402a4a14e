package io.dynamodbbackup.dynamo;

/** Receives the writes DynamoDB refused as invalid. Called from writer threads; thread-safe. */
public interface RejectedItems {

  /**
   * @param write the refused put (its item) or delete (its key)
   * @param error DynamoDB's message, e.g. "One or more parameter values were invalid: ..."
   */
  void reject(RawWrite write, String error) throws Exception;
}
