package io.dynamodbbackup.store;

import io.dynamodbbackup.retry.Retrier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads backups from one S3 bucket. Opening an object is retried, and a stream that breaks halfway
 * resumes from the byte it reached ({@link ResumingObjectStream}).
 */
public final class S3ObjectSource implements ObjectSource {

  /** Where backups keep their checkpoints: the data key follows, then {@code .json}. */
  private static final String BACKUP_STATE_PREFIX = ".dynamodb-backup/backup-state/";

  private static final String RESTORE_STATE_PREFIX = ".dynamodb-backup/restore-state/";

  private static final String JSON = ".json";

  private final S3Client s3;
  private final String bucket;
  private final Retrier retrier;

  public S3ObjectSource(S3Client s3, String bucket, Retrier retrier) {
    this.s3 = s3;
    this.bucket = bucket;
    this.retrier = retrier;
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return new ResumingObjectStream(
          s3,
          new S3Location(bucket, key),
          retrier,
          retrier.call(
              "GetObject " + uri(key), () -> s3.getObject(r -> r.bucket(bucket).key(key))));
    } catch (NoSuchKeyException e) {
      throw missing(key, e);
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) {
        throw missing(key, e);
      }
      throw e;
    }
  }

  @Override
  public boolean exists(String key) {
    try {
      retrier.call("HeadObject " + uri(key), () -> s3.headObject(r -> r.bucket(bucket).key(key)));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public StoredObject stat(String key) throws IOException {
    try {
      HeadObjectResponse head =
          retrier.call(
              "HeadObject " + uri(key),
              () ->
                  s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)));
      return new StoredObject(
          head.contentLength(),
          head.eTag() == null ? null : head.eTag().replace("\"", ""),
          head.checksumCRC32C() == null ? null : "CRC32C:" + head.checksumCRC32C());
    } catch (NoSuchKeyException e) {
      throw missing(key, e);
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) {
        throw missing(key, e);
      }
      throw e;
    }
  }

  @Override
  public Optional<byte[]> readIfPresent(String key) throws IOException {
    try (InputStream in = open(key)) {
      return Optional.of(in.readAllBytes());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      String from = token;
      ListObjectsV2Response page =
          retrier.call(
              "ListObjectsV2 " + uri(prefix),
              () -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).continuationToken(from)));
      page.contents().stream().map(S3Object::key).forEach(keys::add);
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    keys.sort(null);
    return keys;
  }

  @Override
  public List<UnfinishedWrite> unfinished(String prefix) throws IOException {
    List<UnfinishedWrite> found = new ArrayList<>();
    String keyMarker = null;
    String idMarker = null;
    try {
      do {
        String k = keyMarker;
        String i = idMarker;
        ListMultipartUploadsResponse page =
            retrier.call(
                "ListMultipartUploads " + uri(prefix),
                () ->
                    s3.listMultipartUploads(
                        r -> r.bucket(bucket).prefix(prefix).keyMarker(k).uploadIdMarker(i)));
        page.uploads()
            .forEach(u -> found.add(new UnfinishedWrite(u.key(), u.uploadId(), u.initiated())));
        boolean more = Boolean.TRUE.equals(page.isTruncated());
        keyMarker = more ? page.nextKeyMarker() : null;
        idMarker = more ? page.nextUploadIdMarker() : null;
      } while (keyMarker != null);
    } catch (AwsServiceException e) {
      throw new IOException(
          "the store cannot list unfinished uploads under "
              + uri(prefix)
              + " ("
              + (e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode())
              + ")",
          e);
    }
    found.sort(Comparator.comparing(UnfinishedWrite::started));
    return found;
  }

  @Override
  public void discard(UnfinishedWrite write) {
    try {
      retrier.run(
          "AbortMultipartUpload " + uri(write.key()),
          () ->
              s3.abortMultipartUpload(r -> r.bucket(bucket).key(write.key()).uploadId(write.id())));
    } catch (AwsServiceException e) {
      if (e.statusCode() != 404) {
        throw e; // NoSuchUpload: already completed or aborted, which is what a discard wants
      }
    }
  }

  @Override
  public StateObject backupState(String dataKey) {
    return new S3StateObject(s3, bucket, BACKUP_STATE_PREFIX + dataKey + JSON, retrier);
  }

  @Override
  public List<String> backupStates(String prefix) {
    return states(BACKUP_STATE_PREFIX, prefix);
  }

  @Override
  public StateObject restoreState(String sourceKey) {
    return new S3StateObject(s3, bucket, RESTORE_STATE_PREFIX + sourceKey + JSON, retrier);
  }

  @Override
  public List<String> restoreStates(String prefix) {
    return states(RESTORE_STATE_PREFIX, prefix);
  }

  /** The keys whose checkpoints lie under {@code statePrefix} + {@code prefix}. */
  private List<String> states(String statePrefix, String prefix) {
    return list(statePrefix + prefix).stream()
        .filter(k -> k.endsWith(JSON))
        .map(k -> k.substring(statePrefix.length(), k.length() - JSON.length()))
        .toList();
  }

  @Override
  public String uri(String key) {
    return new S3Location(bucket, key).uri();
  }

  private NoSuchFileException missing(String key, Exception cause) {
    NoSuchFileException e = new NoSuchFileException(uri(key), null, "no such object");
    e.initCause(cause);
    return e;
  }
}
