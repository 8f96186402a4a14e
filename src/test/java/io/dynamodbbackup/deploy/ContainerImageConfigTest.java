package io.dynamodbbackup.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks the container image as configured in pom.xml. The release image cannot be built here (the
 * base image lives in a registry this build cannot reach), so this pins what Jib would produce:
 * entry point, user, base image, environment and labels. {@link ContainerImageIT} runs the same
 * configuration built on another base.
 */
class ContainerImageConfigTest {

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  private static Element project;
  private static Element jib;

  @BeforeAll
  static void readPom() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    project = pom.getDocumentElement();
    Element build = child(project, "build");
    jib = null;
    for (Element plugin : children(child(build, "plugins"), "plugin")) {
      if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
        jib = plugin;
      }
    }
    assertThat(jib).as("jib-maven-plugin in <build><plugins> of pom.xml").isNotNull();
  }

  @Test
  void jib_isPinnedToAReleasedVersion() {
    assertThat(text(jib, "groupId")).isEqualTo("com.google.cloud.tools");
    assertThat(text(jib, "version")).matches("\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void baseImage_isAJava17RuntimePinnedByTag() {
    String image = text(configuration("from"), "image");
    String tag = image.substring(image.lastIndexOf('/') + 1);
    assertThat(tag).as("base image %s names a tag", image).contains(":");
    assertThat(tag).doesNotEndWith(":latest");
    assertThat(image).containsPattern("java17|17-jre|17\\.[0-9.]+_[0-9]+-jre");
    assertThat(image).as("a runtime, not a JDK").doesNotContainPattern("jdk");
  }

  @Test
  void entryPoint_runsTheCliMainClassWithContainerAwareHeapFlags() {
    Element container = configuration("container");
    assertThat(resolve(text(container, "mainClass"))).isEqualTo("io.dynamodbbackup.cli.Main");
    List<String> flags = new ArrayList<>();
    for (Element flag : children(child(container, "jvmFlags"), "jvmFlag")) {
      flags.add(flag.getTextContent().trim());
    }
    assertThat(flags).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
    // No entrypoint or args override: Jib's default is "java <jvmFlags> -cp ... <mainClass>", so
    // an ECS command override (e.g. ["restore", ...]) becomes the tool's arguments.
    assertThat(child(container, "entrypoint")).isNull();
    assertThat(child(container, "args")).isNull();
  }

  @Test
  void container_runsAsANumericNonRootUser() {
    String user = text(configuration("container"), "user");
    assertThat(user).matches("\\d+(:\\d+)?");
    for (String id : user.split(":")) {
      assertThat(Integer.parseInt(id)).as("uid/gid in %s", user).isPositive();
    }
  }

  @Test
  void image_isReproducible_withAFixedCreationTime() {
    Element container = configuration("container");
    assertThat(text(container, "creationTime")).isEqualTo("EPOCH");
    assertThat(text(container, "filesModificationTime")).isNotEqualTo("USE_CURRENT_TIMESTAMP");
  }

  @Test
  void image_bakesInNoSecretsAndNoBuildMachinePaths() {
    Element container = configuration("container");
    Element environment = child(container, "environment");
    if (environment != null) {
      for (Element variable : children(environment, null)) {
        assertThat(variable.getTagName().toUpperCase(Locale.ROOT))
            .as("environment variable baked into the image")
            .doesNotContainPattern("KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL");
      }
    }
    assertThat(child(configuration(null), "extraDirectories"))
        .as("files from the build machine copied into the image")
        .isNull();
    for (String value : allText(child(jib, "configuration"))) {
      assertThat(value)
          .as("jib configuration value")
          .doesNotContain("${basedir}", "${project.basedir}", "${user.", "${env.")
          .doesNotContain("${project.build.directory}");
      String resolved = resolve(value);
      if (resolved.startsWith("/")) {
        assertThat(resolved).as("only container paths may be absolute").startsWith("/home/nonroot");
      }
    }
  }

  @Test
  void imageProfile_buildsATarballWithoutADockerDaemon() {
    List<String> goals = allText(profile("image"));
    assertThat(goals).contains("jib-maven-plugin", "buildTar", "package");
    assertThat(goals).doesNotContain("dockerBuild", "build");
  }

  @Test
  void containerProfile_buildsTheReleaseConfigurationWithOnlyTheBaseReplaced() {
    Element plugin = null;
    for (Element candidate :
        children(child(child(profile("container"), "build"), "plugins"), "plugin")) {
      if ("jib-maven-plugin".equals(text(candidate, "artifactId"))) {
        plugin = candidate;
      }
    }
    assertThat(plugin).as("jib-maven-plugin in profile 'container'").isNotNull();
    assertThat(child(plugin, "configuration")).as("plugin configuration in the profile").isNull();
    List<Element> executions = children(child(plugin, "executions"), "execution");
    assertThat(executions).isNotEmpty();
    for (Element execution : executions) {
      Element configuration = child(execution, "configuration");
      assertThat(children(configuration, null))
          .extracting(Element::getTagName)
          .containsExactly("from");
      assertThat(children(child(configuration, "from"), null))
          .extracting(Element::getTagName)
          .containsExactly("image");
      assertThat(text(child(configuration, "from"), "image")).startsWith("tar://");
      assertThat(allText(execution)).contains("buildTar").doesNotContain("build", "dockerBuild");
    }
  }

  private static Element profile(String id) {
    for (Element profile : children(child(project, "profiles"), "profile")) {
      if (id.equals(text(profile, "id"))) {
        return profile;
      }
    }
    throw new AssertionError("no profile '" + id + "' in pom.xml");
  }

  private static Element configuration(String name) {
    Element configuration = child(jib, "configuration");
    return name == null ? configuration : child(configuration, name);
  }

  private static String resolve(String value) {
    Matcher matcher = PROPERTY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String property = text(child(project, "properties"), matcher.group(1));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(property == null ? matcher.group() : property));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static List<String> allText(Element element) {
    List<String> values = new ArrayList<>();
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child) {
        values.addAll(allText(child));
      } else if (node.getNodeType() == Node.TEXT_NODE && !node.getTextContent().isBlank()) {
        values.add(node.getTextContent().trim());
      }
    }
    return values;
  }

  private static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? null : child.getTextContent().trim();
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && (name == null || name.equals(element.getTagName()))) {
        found.add(element);
      }
    }
    return found;
  }
}
