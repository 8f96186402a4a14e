package io.dynamodbbackup.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts {@link LocalEngines#shared()} once and stops it when the whole test run ends: the root
 * store closes its {@link AutoCloseable} values after the last test class. Test constructors and
 * methods can declare a {@link LocalEngines} parameter.
 */
public final class LocalEnginesExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalEnginesExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    engines(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalEngines.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return engines(context);
  }

  private static LocalEngines engines(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(LocalEngines.class, key -> LocalEngines.shared(), LocalEngines.class);
  }
}
