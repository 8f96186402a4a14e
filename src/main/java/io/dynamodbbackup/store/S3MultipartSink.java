package io.dynamodbbackup.store;

import io.dynamodbbackup.retry.Retrier;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Streams an object into S3 as a multipart upload, with up to {@code concurrency} parts uploading
 * while the next one fills. The first part is held back until a second one exists, so that a small
 * object is written with a single PutObject. Every part carries a checksum the store verifies on
 * receipt; once complete, HeadObject must confirm the size and (where the store keeps one) the
 * whole-object checksum, or the object is deleted. Any failure aborts the upload: S3 then holds
 * nothing under the key, or a warning names the upload left behind.
 */
final class S3MultipartSink implements ObjectSink {

  private static final long UPLOADS_STOP_SECONDS = 10;
  private static final int ABORT_ROUNDS = 3;
  private static final Pattern MD5_ETAG = Pattern.compile("[0-9a-f]{32}(-[0-9]+)?");

  private final S3Client s3;
  private final S3Location target;
  private final String contentType;
  private final S3Encryption encryption;
  private final Retrier retrier;
  private final S3Dialect dialect;
  private final int concurrency;
  private final Consumer<String> warnings;
  private final UploadListener listener;
  private final Semaphore inFlight;
  private final List<Future<?>> pending = new ArrayList<>();
  private final Map<Integer, CompletedPart> uploaded = new ConcurrentSkipListMap<>();
  private final Map<Integer, byte[]> digests = new ConcurrentSkipListMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private ExecutorService uploads;
  private byte[] firstPart;
  private int firstLength;
  private String uploadId;

  /** Whether CreateMultipartUpload was sent: its upload may exist though no answer came back. */
  private boolean creating;

  /** Whether a call that makes the object exist (PutObject, CompleteMultipartUpload) was sent. */
  private boolean completing;

  private boolean stored;

  S3MultipartSink(
      S3Client s3,
      S3Location target,
      String contentType,
      S3Encryption encryption,
      Retrier retrier,
      S3Dialect dialect,
      int concurrency,
      Consumer<String> warnings,
      Upload stored,
      UploadListener listener) {
    this.s3 = s3;
    this.target = target;
    this.contentType = contentType;
    this.encryption = encryption;
    this.retrier = retrier;
    this.dialect = dialect;
    this.concurrency = concurrency;
    this.warnings = warnings;
    this.listener = listener;
    this.inFlight = new Semaphore(concurrency);
    this.uploadId = stored.uploadId();
    String algorithm = checksumName();
    for (StoredPart part : stored.parts()) {
      if (part.etag() == null
          || part.checksum() == null
          || !part.checksum().startsWith(algorithm)) {
        throw new IllegalArgumentException(
            "part "
                + part.number()
                + " of "
                + target
                + " was stored with checksum "
                + part.checksum()
                + ", and this store takes "
                + algorithm
                + " checksums: resume against the store the backup was started on");
      }
      digests.put(
          part.number(), Base64.getDecoder().decode(part.checksum().substring(algorithm.length())));
      CompletedPart.Builder done =
          CompletedPart.builder().partNumber(part.number()).eTag(part.etag());
      if (dialect == S3Dialect.AWS) {
        done.checksumCRC32C(part.checksum().substring(algorithm.length()));
      }
      uploaded.put(part.number(), done.build());
    }
  }

  @Override
  public void writePart(int partNumber, byte[] data, int length) throws IOException {
    throwIfFailed();
    if (partNumber == 1 && uploadId == null) {
      firstPart = data;
      firstLength = length;
      return;
    }
    if (uploadId == null) {
      CreateMultipartUploadRequest.Builder create =
          CreateMultipartUploadRequest.builder()
              .bucket(target.bucket())
              .key(target.key())
              .contentType(contentType);
      if (dialect == S3Dialect.AWS) {
        create.checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
      }
      encryption.apply(create);
      creating = true;
      uploadId =
          retrier
              .call(
                  "CreateMultipartUpload " + target, () -> s3.createMultipartUpload(create.build()))
              .uploadId();
      listener.started(uploadId);
      startUploads();
      submit(1, firstPart, firstLength);
      firstPart = null;
    } else if (uploads == null) {
      startUploads(); // a resumed upload
    }
    submit(partNumber, data, length);
  }

  @Override
  public StoredObject complete(long totalBytes) throws IOException {
    String expected;
    try {
      if (uploadId == null) {
        byte[] digest = putWhole();
        expected = PartDigests.expected(dialect, List.of(digest), false);
      } else {
        for (Future<?> f : pending) {
          f.get();
        }
        throwIfFailed();
        completeUpload();
        expected = PartDigests.expected(dialect, new ArrayList<>(digests.values()), true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while completing " + target);
    } catch (ExecutionException e) {
      throwIfFailed();
      throw new IOException("upload of " + target + " failed", e.getCause());
    } finally {
      if (uploads != null) {
        uploads.shutdownNow();
      }
    }
    return confirm(totalBytes, expected);
  }

  @Override
  public void suspend() {
    boolean interrupted = Thread.interrupted();
    try {
      pending.forEach(f -> f.cancel(true));
      awaitUploadsStopped();
      firstPart = null;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void abort() {
    // The SDK refuses to send anything from an interrupted thread, and a stopping process is
    // exactly when the cleanup must still reach the store.
    boolean interrupted = Thread.interrupted();
    try {
      pending.forEach(f -> f.cancel(true));
      awaitUploadsStopped();
      firstPart = null;
      // A call that completes the object may have done so even when it failed here (a stop or a
      // broken connection while its answer was on the way): delete what may be stored as well.
      if (stored || completing) {
        deleteStored();
      }
      if (!stored && uploadId != null) {
        abortUpload();
      } else if (uploadId == null && creating) {
        abortUnanswered();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How a stored part's checksum is named: {@code CRC32C:} or {@code MD5:}. */
  private String checksumName() {
    return dialect == S3Dialect.AWS ? "CRC32C:" : "MD5:";
  }

  private void startUploads() {
    uploads =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "upload-" + target.key());
              t.setDaemon(true);
              return t;
            });
  }

  private byte[] putWhole() {
    byte[] data = firstPart == null ? new byte[0] : firstPart;
    int length = firstPart == null ? 0 : firstLength;
    byte[] digest = PartDigests.of(dialect, data, length);
    PutObjectRequest.Builder put =
        PutObjectRequest.builder()
            .bucket(target.bucket())
            .key(target.key())
            .contentType(contentType)
            .contentLength((long) length);
    if (dialect == S3Dialect.AWS) {
      put.checksumAlgorithm(ChecksumAlgorithm.CRC32_C)
          .checksumCRC32C(PartDigests.base64(digest))
          .ifNoneMatch("*");
    } else {
      put.contentMD5(PartDigests.base64(digest));
    }
    encryption.apply(put);
    PutObjectRequest request = put.build();
    completing = true;
    retrier.call(
        "PutObject " + target,
        () -> s3.putObject(request, RequestBody.fromByteBuffer(ByteBuffer.wrap(data, 0, length))));
    stored = true;
    return digest;
  }

  private void completeUpload() {
    List<CompletedPart> parts = new ArrayList<>(uploaded.values());
    completing = true;
    CompleteMultipartUploadRequest.Builder complete =
        CompleteMultipartUploadRequest.builder()
            .bucket(target.bucket())
            .key(target.key())
            .uploadId(uploadId)
            .multipartUpload(m -> m.parts(parts));
    if (dialect == S3Dialect.AWS) {
      complete.ifNoneMatch("*");
    }
    CompleteMultipartUploadRequest request = complete.build();
    retrier.call("CompleteMultipartUpload " + target, () -> s3.completeMultipartUpload(request));
    stored = true;
  }

  /** HeadObject must report what was written; otherwise the object is deleted. */
  private StoredObject confirm(long totalBytes, String expected) throws IOException {
    HeadObjectResponse head =
        retrier.call(
            "HeadObject " + target,
            () ->
                s3.headObject(
                    r -> {
                      r.bucket(target.bucket()).key(target.key());
                      if (dialect == S3Dialect.AWS) {
                        r.checksumMode(ChecksumMode.ENABLED);
                      }
                    }));
    String etag = head.eTag() == null ? null : head.eTag().replace("\"", "");
    String checksum = head.checksumCRC32C() == null ? null : "CRC32C:" + head.checksumCRC32C();
    List<String> differences = new ArrayList<>();
    if (head.contentLength() == null || head.contentLength() != totalBytes) {
      differences.add("size " + head.contentLength() + " bytes, " + totalBytes + " written");
    }
    String confirmed = null;
    if (dialect == S3Dialect.AWS && checksum != null) {
      confirmed = checksum;
      if (!checksum.equals(expected)) {
        differences.add("checksum " + checksum + ", " + expected + " written");
      }
    } else if (dialect == S3Dialect.COMPATIBLE && etag != null && sameForm(etag, expected)) {
      confirmed = "MD5:" + etag;
      if (!etag.equals(expected)) {
        differences.add("ETag " + etag + ", " + expected + " written");
      }
    }
    if (!differences.isEmpty()) {
      deleteStored();
      throw new IOException(
          "the store holds something else at "
              + target
              + " than was written ("
              + String.join("; ", differences)
              + "); it was deleted");
    }
    return new StoredObject(head.contentLength(), etag, confirmed);
  }

  /** A store whose ETag has another form (not an MD5, or not per part) cannot be checked by it. */
  private static boolean sameForm(String etag, String expected) {
    return MD5_ETAG.matcher(etag).matches() && etag.contains("-") == expected.contains("-");
  }

  private void submit(int partNumber, byte[] data, int length) throws IOException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to upload part " + partNumber);
    }
    String what = "UploadPart " + partNumber + " of " + target;
    pending.add(
        uploads.submit(
            () -> {
              try {
                byte[] digest = PartDigests.of(dialect, data, length);
                UploadPartRequest.Builder part =
                    UploadPartRequest.builder()
                        .bucket(target.bucket())
                        .key(target.key())
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .contentLength((long) length);
                CompletedPart.Builder done = CompletedPart.builder().partNumber(partNumber);
                if (dialect == S3Dialect.AWS) {
                  String crc = PartDigests.base64(digest);
                  part.checksumAlgorithm(ChecksumAlgorithm.CRC32_C).checksumCRC32C(crc);
                  done.checksumCRC32C(crc);
                } else {
                  part.contentMD5(PartDigests.base64(digest));
                }
                UploadPartRequest request = part.build();
                String etag =
                    retrier
                        .call(
                            what,
                            () ->
                                s3.uploadPart(
                                    request,
                                    RequestBody.fromByteBuffer(ByteBuffer.wrap(data, 0, length))))
                        .eTag();
                digests.put(partNumber, digest);
                uploaded.put(partNumber, done.eTag(etag).build());
                listener.stored(
                    new StoredPart(
                        partNumber, length, etag, checksumName() + PartDigests.base64(digest)));
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              } finally {
                inFlight.release();
              }
            }));
  }

  private void awaitUploadsStopped() {
    if (uploads == null) {
      return;
    }
    uploads.shutdownNow();
    try {
      if (!uploads.awaitTermination(UPLOADS_STOP_SECONDS, TimeUnit.SECONDS)) {
        warnings.accept(
            "part uploads of "
                + target
                + " still running after the abort; they may recreate parts");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Aborts the upload, then lists its parts and aborts again while any remain: S3 documents that
   * parts racing an abort may survive it.
   */
  private void abortUpload() {
    for (int round = 1; round <= ABORT_ROUNDS; round++) {
      try {
        retrier.run(
            "AbortMultipartUpload " + target,
            () ->
                s3.abortMultipartUpload(
                    r -> r.bucket(target.bucket()).key(target.key()).uploadId(uploadId)));
      } catch (RuntimeException e) {
        if (!isGone(e)) {
          leftBehind("the abort failed: " + e.getMessage());
          return;
        }
      }
      ListPartsResponse parts;
      try {
        parts = s3.listParts(r -> r.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
      } catch (RuntimeException e) {
        if (isGone(e)) {
          return;
        }
        leftBehind("the store cannot list its parts to confirm the abort (" + e.getMessage() + ")");
        return;
      }
      if (!parts.hasParts() || parts.parts().isEmpty()) {
        return;
      }
    }
    leftBehind("parts remained after " + ABORT_ROUNDS + " aborts");
  }

  /**
   * Aborts the uploads of this key that a CreateMultipartUpload cut off before its answer may have
   * started: the key is this backup's alone, so any upload of it is ours.
   */
  private void abortUnanswered() {
    try {
      for (MultipartUpload upload :
          s3.listMultipartUploads(r -> r.bucket(target.bucket()).prefix(target.key())).uploads()) {
        if (upload.key().equals(target.key())) {
          uploadId = upload.uploadId();
          abortUpload();
        }
      }
    } catch (RuntimeException e) {
      warnings.accept(
          "a multipart upload of "
              + target
              + " may have been started and left behind (the store could not list its uploads: "
              + e.getMessage()
              + "); `list --cleanup` removes it");
    }
  }

  private void leftBehind(String why) {
    warnings.accept(
        "multipart upload "
            + uploadId
            + " of "
            + target
            + " may be left behind: "
            + why
            + "; `dynamodb-backup list --cleanup` or a bucket lifecycle rule removes it");
  }

  private void deleteStored() {
    try {
      retrier.run(
          "DeleteObject " + target,
          () -> s3.deleteObject(r -> r.bucket(target.bucket()).key(target.key())));
    } catch (RuntimeException e) {
      warnings.accept(
          "could not delete "
              + target
              + " after the failure ("
              + e.getMessage()
              + "); it has no manifest, so it is not a complete backup: delete it by hand");
    }
  }

  /** NoSuchUpload: the upload is gone, which is what an abort wants. */
  private static boolean isGone(RuntimeException e) {
    return e instanceof AwsServiceException s && s.statusCode() == 404;
  }

  private void throwIfFailed() throws IOException {
    Throwable t = failure.get();
    if (t != null) {
      if (t instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("upload to " + target + " failed: " + t.getMessage(), t);
    }
  }
}
