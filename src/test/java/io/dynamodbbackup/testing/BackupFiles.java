package io.dynamodbbackup.testing;

import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.ItemFileReader;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.manifest.ManifestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Reads back what a backup stored, independently of the tool's own restore path. */
public final class BackupFiles {

  private BackupFiles() {}

  /** Every key in the bucket. */
  public static List<String> keys(S3Client s3, String bucket) {
    return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  public static byte[] get(S3Client s3, String bucket, String key) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  public static Manifest manifest(S3Client s3, String bucket, String dataKey) throws Exception {
    return new ManifestJson()
        .read(get(s3, bucket, BackupKey.manifestKeyFor(dataKey)), "s3://" + bucket + "/" + dataKey);
  }

  /** The items of a stored file, decompressed as its magic bytes say. */
  public static List<Map<String, AttributeValue>> items(byte[] stored, String name)
      throws IOException {
    Compression compression = Compression.detect(stored, Math.min(stored.length, 8));
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    try (InputStream in = compression.decompress(new ByteArrayInputStream(stored));
        ItemFileReader reader = new ItemFileReader(in, name, null)) {
      for (Map<String, AttributeValue> item = reader.next(); item != null; item = reader.next()) {
        items.add(item);
      }
    }
    return items;
  }
}
