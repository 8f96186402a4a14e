package io.dynamodbbackup.testing;

/**
 * The S3 implementations a scenario can run against, through {@link
 * LocalEngines#s3Endpoint(S3Store)}, {@link LocalEngines#s3(S3Store,
 * software.amazon.awssdk.core.interceptor.ExecutionInterceptor...)}, {@link
 * LocalEngines#createBucket(S3Store)} and {@link ToolRunner#store(S3Store)}; a test over both is a
 * {@code @ParameterizedTest} with {@code @EnumSource(S3Store.class)}.
 */
public enum S3Store {
  /**
   * S3Proxy in the test JVM, over an in-memory blob store: decodes aws-chunked bodies, lists and
   * aborts multipart uploads, honours {@code If-None-Match}. Every S3 test runs against it.
   */
  S3PROXY,
  /**
   * s3rver 3.7.1 in node, started on first use: stores a body as it arrives (aws-chunked framing
   * included), answers ListMultipartUploads with NotImplemented and ListParts and
   * AbortMultipartUpload with 405, ignores {@code If-None-Match}, and checks no V4 signature.
   */
  S3RVER
}
