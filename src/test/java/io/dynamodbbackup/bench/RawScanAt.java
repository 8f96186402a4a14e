package io.dynamodbbackup.bench;

import io.dynamodbbackup.testing.LocalEngines;
import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Times a raw parallel scan of a table at a given endpoint: args endpoint table segments runs. */
public final class RawScanAt {

  private RawScanAt() {}

  public static void main(String[] args) throws Exception {
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(args[0]))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalEngines.ACCESS_KEY, LocalEngines.SECRET_KEY)))
            .httpClientBuilder(Apache5HttpClient.builder())
            .build()) {
      RawDynamo raw = new RawDynamo(dynamo);
      for (int i = 0; i < Integer.parseInt(args[3]); i++) {
        long t = System.nanoTime();
        long items = raw.scan(args[1], Integer.parseInt(args[2]), 1000, true);
        System.out.printf(
            Locale.ROOT, "raw scan: %d items in %.1f s%n", items, (System.nanoTime() - t) / 1e9);
      }
    }
  }
}
