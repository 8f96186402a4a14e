package io.dynamodbbackup.testing;

/**
 * A failure {@link FaultInjector} makes a call see. Error responses are the ones the real services
 * send, so the SDK builds the same exception types: DynamoDB's JSON {@code __type} errors and S3's
 * XML {@code <Error>} documents.
 */
public enum Fault {
  /** DynamoDB: 400 ProvisionedThroughputExceededException. S3: 503 SlowDown. */
  THROUGHPUT_EXCEEDED(400, "ProvisionedThroughputExceededException", 503, "SlowDown"),
  /** DynamoDB and CloudWatch Logs: 400 ThrottlingException. S3: 503 SlowDown. */
  THROTTLING(400, "ThrottlingException", 503, "SlowDown"),
  /** DynamoDB: 500 InternalServerError. S3: 500 InternalError. */
  INTERNAL_ERROR(500, "InternalServerError", 500, "InternalError"),
  /** DynamoDB: 503 ServiceUnavailable. S3: 503 ServiceUnavailable. */
  SERVICE_UNAVAILABLE(503, "ServiceUnavailable", 503, "ServiceUnavailable"),
  /**
   * The connection fails before the request is sent: an SdkClientException caused by an
   * IOException.
   */
  CONNECTION_DROPPED(0, "", 0, "");

  final int jsonStatus;
  final String jsonCode;
  final int s3Status;
  final String s3Code;

  Fault(int jsonStatus, String jsonCode, int s3Status, String s3Code) {
    this.jsonStatus = jsonStatus;
    this.jsonCode = jsonCode;
    this.s3Status = s3Status;
    this.s3Code = s3Code;
  }
}
