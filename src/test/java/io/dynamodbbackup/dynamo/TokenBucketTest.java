package io.dynamodbbackup.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dynamodbbackup.retry.FakeClock;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final FakeClock clock = new FakeClock();

  @Test
  void reserve_holdsTheLongRunRateToTheLimitWhenPagesCostMoreThanReserved() throws Exception {
    TokenBucket bucket = new TokenBucket(100, clock);
    double spent = 0;
    for (int i = 0; i < 200; i++) {
      bucket.reserve(1);
      bucket.settle(1, 25); // each page costs 25 units, far more than the 1 reserved
      spent += 25;
    }
    double seconds = clock.elapsed().toNanos() / 1e9;
    // 5,000 units at 100/s: 50 s, less the first page that the empty bucket lets through.
    assertThat(spent / seconds).isCloseTo(100, within(3.0));
  }

  @Test
  void reserve_doesNotWaitWhileTheBucketHasTokens() throws Exception {
    TokenBucket bucket = new TokenBucket(1000, clock);
    clock.advance(java.time.Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      bucket.reserve(10);
      bucket.settle(10, 10);
    }
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void unusedReservationsAreGivenBack() throws Exception {
    TokenBucket bucket = new TokenBucket(10, clock);
    for (int i = 0; i < 100; i++) {
      bucket.reserve(10);
      bucket.settle(10, 0.5);
    }
    double seconds = clock.elapsed().toNanos() / 1e9;
    assertThat(50 / seconds).isCloseTo(10, within(1.0));
  }

  @Test
  void rejectsANonPositiveRate() {
    assertThatThrownBy(() -> new TokenBucket(0, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0.0");
  }
}
