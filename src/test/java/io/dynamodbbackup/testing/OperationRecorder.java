package io.dynamodbbackup.testing;

import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every {@code service:Operation} a client calls, such as {@code dynamodb:Scan} or {@code
 * s3:UploadPart}, so a test can compare them with the permissions the tool documents. The names are
 * SDK operation names with the IAM service prefix; a few IAM actions differ (UploadPart needs
 * s3:PutObject).
 */
public final class OperationRecorder implements ExecutionInterceptor {
  private final Set<String> operations = ConcurrentHashMap.newKeySet();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    operations.add(name(attributes));
  }

  /** The operations called so far, sorted. */
  public SortedSet<String> operations() {
    return new TreeSet<>(operations);
  }

  static String name(ExecutionAttributes attributes) {
    return iamPrefix(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
        + ":"
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  private static String iamPrefix(String serviceName) {
    String lower = serviceName.toLowerCase(Locale.ROOT);
    return lower.equals("cloudwatchlogs") ? "logs" : lower;
  }
}
