package io.dynamodbbackup.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the HTTP headers each operation sent, as signed and put on the wire: which checksum
 * headers a PutObject carried, or how its payload was signed ({@code x-amz-content-sha256}).
 */
public final class SentHeaders implements ExecutionInterceptor {
  /** Operation name to header name (lower case) to every value sent. */
  private final Map<String, Map<String, Set<String>>> sent = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Map<String, Set<String>> headers =
        sent.computeIfAbsent(
            attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
            k -> new ConcurrentHashMap<>());
    context
        .httpRequest()
        .forEachHeader(
            (name, values) ->
                headers
                    .computeIfAbsent(
                        name.toLowerCase(Locale.ROOT), k -> ConcurrentHashMap.newKeySet())
                    .addAll(values));
  }

  /** The operations sent so far, such as PutObject or UploadPart, sorted. */
  public SortedSet<String> operations() {
    return new TreeSet<>(sent.keySet());
  }

  /** The names of the headers any call of {@code operation} (e.g. PutObject) sent, sorted. */
  public SortedSet<String> names(String operation) {
    return new TreeSet<>(sent.getOrDefault(operation, Map.of()).keySet());
  }

  /** Every value {@code operation} sent in header {@code name} (lower case), sorted. */
  public List<String> values(String operation, String name) {
    return new TreeSet<>(sent.getOrDefault(operation, Map.of()).getOrDefault(name, Set.of()))
        .stream().toList();
  }
}
