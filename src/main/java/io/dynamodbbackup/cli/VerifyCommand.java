package io.dynamodbbackup.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dynamodb-backup verify}: checks a backup against its manifest, and a live table. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Check a backup against its manifest: the SHA-256 of its bytes (an AWS export: each file's"
          + " MD5), its item count, and that every line parses as an item. With -t, also compare"
          + " it with a live table.",
    },
    footer = {
      "",
      "Exit status: 0 every check passed, 1 a check failed (one line on stderr names the check,"
          + " the file and line), 2 usage error."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SourceOptions source;
  @Mixin VerifyOptions verify;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  VerifyCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return VerifyRunner.run(spec.commandLine(), source, verify, aws, context);
  }
}
