package io.dynamodbbackup.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailFastPoolTest {

  @Test
  void runAll_returnsOnceEveryTaskHasRun() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    List<FailFastPool.Task> tasks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tasks.add(ran::incrementAndGet);
    }

    FailFastPool.runAll("test", 3, tasks);

    assertThat(ran).hasValue(10);
  }

  @Test
  void firstFailure_interruptsTheOtherTasksAndIsRethrown() {
    CountDownLatch blockedStarted = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    FailFastPool.Task blocked =
        () -> {
          blockedStarted.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
          }
        };
    FailFastPool.Task failing =
        () -> {
          blockedStarted.await();
          throw new IOException("segment 3 failed");
        };

    assertThatThrownBy(() -> FailFastPool.runAll("test", 2, List.of(blocked, failing)))
        .isInstanceOf(IOException.class)
        .hasMessage("segment 3 failed");
    // shutdownNow has interrupted the blocked task before runAll returned; wait for it to see it.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!interrupted.get() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(interrupted).isTrue();
  }

  @Test
  void threadsAreNamedForTheirWork() throws Exception {
    List<String> names = new CopyOnWriteArrayList<>();

    FailFastPool.runAll("scan", 2, List.of(() -> names.add(Thread.currentThread().getName())));

    assertThat(names).containsExactly("scan-1");
  }
}
