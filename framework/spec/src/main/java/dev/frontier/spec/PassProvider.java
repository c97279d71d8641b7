package dev.frontier.spec;

import java.util.List;

/**
 * Supplies pass types to the {@link PassRegistry}, found with {@link java.util.ServiceLoader} (as
 * DJL finds engines and model zoos): list the implementing class in {@code
 * META-INF/services/dev.frontier.spec.PassProvider}. The class needs a public no-argument
 * constructor.
 */
public interface PassProvider {

    /** The pass types this provider adds. */
    List<PassType> passes();
}
