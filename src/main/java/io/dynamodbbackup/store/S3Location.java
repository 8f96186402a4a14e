package io.dynamodbbackup.store;

import java.util.Optional;

/** A bucket and key. */
public record S3Location(String bucket, String key) {

  public S3Location {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("bucket must not be blank");
    }
    if (key == null) {
      throw new IllegalArgumentException("key must not be null");
    }
  }

  public String uri() {
    return "s3://" + bucket + "/" + key;
  }

  /** Parses {@code s3://bucket/key}. */
  public static Optional<S3Location> parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      return Optional.empty();
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return rest.isEmpty() ? Optional.empty() : Optional.of(new S3Location(rest, ""));
    }
    return Optional.of(new S3Location(rest.substring(0, slash), rest.substring(slash + 1)));
  }

  @Override
  public String toString() {
    return uri();
  }
}
