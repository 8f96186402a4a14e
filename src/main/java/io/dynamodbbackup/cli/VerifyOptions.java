package io.dynamodbbackup.cli;

import picocli.CommandLine.Option;

/** The options of a verify besides its source: the live table to compare with, and how. */
final class VerifyOptions {

  @Option(
      names = {"-t", "--table"},
      paramLabel = "TABLE",
      description =
          "Also compare with this live table: its item count (a parallel Scan), and with --full"
              + " every item. Only when given on the command line, not from $TABLE_NAME.")
  String table;

  @Option(
      names = "--quick",
      description =
          "Only compare the size, ETag and checksum the store reports for the object (HeadObject)"
              + " with the manifest: seconds for any size, but the bytes are not read.")
  boolean quick;

  @Option(
      names = "--full",
      description =
          "Look every backup item up in the table by key (BatchGetItem) and compare it; reads the"
              + " whole table once more.")
  boolean full;

  @Option(
      names = "--segments",
      paramLabel = "N",
      defaultValue = "4",
      description = "Parallel Scan segments when counting the table (default: 4).")
  int segments;

  @Option(
      names = "--consistent-read",
      description = "Strongly consistent reads of the table (twice the read capacity).")
  boolean consistentRead;

  @Option(
      names = "--max-rcu",
      paramLabel = "N",
      description = "Cap on read capacity units per second used on the table (default: none).")
  double maxRcu;
}
