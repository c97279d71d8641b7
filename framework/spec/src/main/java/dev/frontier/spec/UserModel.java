package dev.frontier.spec;

import dev.frontier.zoo.InProcessModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model that is not in the zoo comes from: a class in a jar, or an object made in this
 * process.
 */
public sealed interface UserModel {

    /**
     * A public class with a no-argument constructor implementing {@code
     * dev.frontier.model.ModelProvider}, in a jar. The jar's code runs in the sweep's process and
     * its workers; the sweep file only names it.
     *
     * @param jar the jar, absolute
     * @param className the provider's binary class name, e.g. {@code com.acme.MyNet}
     */
    record Jar(Path jar, String className) implements UserModel {
        public Jar {
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(className, "className");
        }
    }

    /**
     * A block factory or provider made in this process (a notebook cell): its stages run in this
     * process only, and the canonical YAML records it as {@code provided: in-process}, which cannot
     * be re-run from the file alone.
     */
    record InProcess(InProcessModel model) implements UserModel {
        public InProcess {
            Objects.requireNonNull(model, "model");
        }
    }
}
