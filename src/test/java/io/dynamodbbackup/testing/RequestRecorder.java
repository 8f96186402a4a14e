package io.dynamodbbackup.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Keeps every request of one type that a client sends, so a test can read what was asked. */
public final class RequestRecorder<T extends SdkRequest> implements ExecutionInterceptor {

  private final Class<T> type;
  private final List<T> requests = new ArrayList<>();

  public RequestRecorder(Class<T> type) {
    this.type = type;
  }

  @Override
  public synchronized void beforeExecution(
      Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (type.isInstance(context.request())) {
      requests.add(type.cast(context.request()));
    }
  }

  /** The requests sent so far, oldest first. */
  public synchronized List<T> requests() {
    return List.copyOf(requests);
  }
}
