package io.dynamodbbackup.testing;

import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every {@code service:Operation} a client calls, such as {@code dynamodb:Scan} or {@code
 * s3:UploadPart}, so a test can compare them with the permissions the tool documents. The names are
 * SDK operation names with the IAM service prefix; a few IAM actions differ (UploadPart needs
 * s3:PutObject). Calls the service answered 404 are recorded apart as well, because a permission
 * can decide between 404 and 403 (S3 says 404 for a missing key only to callers that may list the
 * bucket).
 */
public final class OperationRecorder implements ExecutionInterceptor {
  private final Set<String> operations = ConcurrentHashMap.newKeySet();
  private final Set<String> notFound = ConcurrentHashMap.newKeySet();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    operations.add(name(attributes));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    if (context.exception() instanceof SdkServiceException e && e.statusCode() == 404) {
      notFound.add(name(attributes));
    }
  }

  /** The operations called so far, sorted. */
  public SortedSet<String> operations() {
    return new TreeSet<>(operations);
  }

  /** The operations that at least one call of was answered 404 Not Found, sorted. */
  public SortedSet<String> notFound() {
    return new TreeSet<>(notFound);
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
