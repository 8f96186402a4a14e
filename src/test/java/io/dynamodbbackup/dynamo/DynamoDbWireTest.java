package io.dynamodbbackup.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.retry.Faults;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoDbWireTest {

  private static AwsServiceException error(int status, String body) {
    return DynamoDbWire.error(
        SdkHttpResponse.builder().statusCode(status).putHeader("x-amzn-RequestId", "REQ1").build(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void error_takesTheCodeAfterTheHashAndTheMessage() {
    AwsServiceException e =
        error(
            400,
            "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                + "\"message\":\"Item size has exceeded the maximum allowed size\"}");

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Item size has exceeded the maximum allowed size");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.requestId()).isEqualTo("REQ1");
    assertThat(e.getMessage()).contains("Item size", "Status Code: 400", "REQ1");
    assertThat(BatchWriter.isValidation(e)).isTrue();
    assertThat(Faults.isRetryable(e)).isFalse();
  }

  @Test
  void error_ofThrottlingIsRetryableThrottling() {
    AwsServiceException e =
        error(
            400,
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                + "\"message\":\"The level of configured provisioned throughput was exceeded\"}");

    assertThat(Faults.isThrottling(e)).isTrue();
    assertThat(Faults.isRetryable(e)).isTrue();
  }

  @Test
  void error_ofAMissingTableIsTheSdksResourceNotFoundException() {
    AwsServiceException e =
        error(
            400,
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                + "\"Message\":\"Requested resource not found\"}");

    assertThat(e).isInstanceOf(ResourceNotFoundException.class);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found");
  }

  @Test
  void error_withABodyThatIsNotJson_isJudgedByItsStatus() {
    AwsServiceException e = error(503, "<html>Service Unavailable</html>");

    assertThat(e.awsErrorDetails().errorCode()).isNull();
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(Faults.isRetryable(e)).isTrue();
  }

  @Test
  void operation_isTheRequestTypeWithoutItsSuffix() {
    assertThat(DynamoDbWire.operation(BatchWriteItemRequest.builder().build()))
        .isEqualTo("BatchWriteItem");
    assertThat(DynamoDbWire.operation(PutItemRequest.builder().build())).isEqualTo("PutItem");
  }
}
