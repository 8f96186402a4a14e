package io.dynamodbbackup.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The CloudFormation template as cfn-lint reads it: the short-form tags ({@code !Sub}, {@code !If},
 * ...) become their long forms ({@code Fn::Sub}, {@code Fn::If}, ...) in plain JSON. Needs Python
 * with cfn-lint installed; the system property {@code python} names the interpreter (default
 * python3).
 */
final class CfnTemplate {

  static final Path PATH = Path.of("deploy", "dynamodb-backup.yaml");

  private static final String DECODE =
      String.join(
          "\n",
          "import json, sys",
          "from cfnlint.decode import decode",
          "template, errors = decode(sys.argv[1])",
          "if errors or template is None:",
          "    sys.exit('cannot read template: %s' % errors)",
          "print(json.dumps(template))");

  private CfnTemplate() {}

  static JsonNode read(Path template) throws IOException, InterruptedException {
    String python = System.getProperty("python", "python3");
    Process process =
        new ProcessBuilder(python, "-c", DECODE, template.toString())
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(python + " did not read " + template + " in 120 s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          python
              + " (with cfn-lint installed, or name another with -Dpython=) could not read "
              + template
              + ", exit "
              + process.exitValue()
              + ":\n"
              + output);
    }
    return new ObjectMapper().readTree(output);
  }

  /**
   * Every action that an Allow statement of {@code role}'s inline policies grants, in either branch
   * of any {@code Fn::If}: the most the role can be given by any choice of parameters.
   */
  static SortedSet<String> allowedActions(JsonNode template, String role) {
    JsonNode policies = template.at("/Resources/" + role + "/Properties/Policies");
    if (!policies.isArray() || policies.isEmpty()) {
      throw new IllegalArgumentException(
          "the template has no inline policies for resource " + role);
    }
    SortedSet<String> actions = new TreeSet<>();
    for (JsonNode policy : policies) {
      collectAllowed(policy.get("PolicyDocument").get("Statement"), actions);
    }
    return actions;
  }

  private static void collectAllowed(JsonNode node, SortedSet<String> actions) {
    if (node.has("Effect") && node.has("Action")) {
      if (node.get("Effect").asText().equals("Allow")) {
        JsonNode action = node.get("Action");
        if (action.isTextual()) {
          actions.add(action.asText());
        }
        action.forEach(a -> actions.add(a.asText()));
      }
      return;
    }
    // A list of statements, or an Fn::If whose branches are statements or AWS::NoValue.
    node.forEach(child -> collectAllowed(child, actions));
  }
}
