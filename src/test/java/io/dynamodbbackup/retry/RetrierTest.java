package io.dynamodbbackup.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RetrierTest {

  private final FakeClock clock = new FakeClock();
  private final Retrier retrier =
      new Retrier(
          new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(1)),
          clock);

  @Test
  void call_retriesThrottlingUntilItSucceeds() {
    AtomicInteger attempts = new AtomicInteger();
    String result =
        retrier.call(
            "Scan",
            () -> {
              if (attempts.incrementAndGet() < 4) {
                throw throttled();
              }
              return "page";
            });
    assertThat(result).isEqualTo("page");
    assertThat(attempts).hasValue(4);
    assertThat(retrier.retries()).isEqualTo(3);
    assertThat(retrier.throttles()).isEqualTo(3);
    assertThat(clock.sleeps()).hasSize(3);
  }

  @Test
  void call_waitsNoLongerThanTheGrowingCeiling() {
    AtomicInteger attempts = new AtomicInteger();
    retrier.call(
        "Scan",
        () -> {
          if (attempts.incrementAndGet() < 10) {
            throw throttled();
          }
          return null;
        });
    for (int i = 0; i < clock.sleeps().size(); i++) {
      Duration ceiling = Duration.ofMillis(Math.min(2000, 100L << i));
      assertThat(clock.sleeps().get(i)).isLessThanOrEqualTo(ceiling);
    }
  }

  @Test
  void call_retriesServerErrorsAndDroppedConnections() {
    AtomicInteger attempts = new AtomicInteger();
    retrier.call(
        "UploadPart",
        () -> {
          int n = attempts.incrementAndGet();
          if (n == 1) {
            throw S3Exception.builder().statusCode(503).message("Slow Down").build();
          }
          if (n == 2) {
            throw SdkClientException.create("connection reset", new IOException("reset"));
          }
          return null;
        });
    assertThat(attempts).hasValue(3);
  }

  @Test
  void call_failsAtOnceOnFaultsThatRetryingCannotCure() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retrier.call(
                    "DescribeTable",
                    () -> {
                      attempts.incrementAndGet();
                      throw ResourceNotFoundException.builder()
                          .statusCode(400)
                          .message("no table")
                          .build();
                    }))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(attempts).hasValue(1);
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void call_givesUpWhenTheRetryTimeRunsOutAndNamesTheCall() {
    assertThatThrownBy(
            () ->
                retrier.call(
                    "Scan of table users segment 3/8",
                    () -> {
                      throw throttled();
                    }))
        .isInstanceOf(RetriesExhaustedException.class)
        .hasMessageContaining("Scan of table users segment 3/8")
        .hasMessageContaining("--max-retry-time")
        .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
    assertThat(clock.elapsed()).isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(clock.elapsed()).isGreaterThan(Duration.ofSeconds(30));
  }

  private static ProvisionedThroughputExceededException throttled() {
    return ProvisionedThroughputExceededException.builder()
        .statusCode(400)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode("ProvisionedThroughputExceededException")
                .errorMessage("slow down")
                .build())
        .build();
  }
}
