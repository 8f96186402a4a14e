package io.dynamodbbackup.store;

import io.dynamodbbackup.retry.Retrier;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A state object in a bucket. */
public final class S3StateObject implements StateObject {

  private final S3Client s3;
  private final S3Location location;
  private final Retrier retrier;

  public S3StateObject(S3Client s3, String bucket, String key, Retrier retrier) {
    this.s3 = s3;
    this.location = new S3Location(bucket, key);
    this.retrier = retrier;
  }

  @Override
  public Optional<byte[]> read() {
    try {
      return Optional.of(
          retrier
              .call(
                  "GetObject " + uri(),
                  () -> s3.getObjectAsBytes(r -> r.bucket(location.bucket()).key(location.key())))
              .asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    retrier.call(
        "PutObject " + uri(),
        () ->
            s3.putObject(
                r ->
                    r.bucket(location.bucket()).key(location.key()).contentType("application/json"),
                RequestBody.fromBytes(bytes)));
  }

  @Override
  public void delete() {
    retrier.call(
        "DeleteObject " + uri(),
        () -> s3.deleteObject(r -> r.bucket(location.bucket()).key(location.key())));
  }

  @Override
  public String uri() {
    return location.uri();
  }
}
