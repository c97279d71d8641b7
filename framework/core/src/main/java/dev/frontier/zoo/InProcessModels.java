package dev.frontier.zoo;

/**
 * Turns a model object made in this process (a block factory or a provider instance of the
 * deep-learning module) into an {@link InProcessModel}. Found with {@link java.util.ServiceLoader}
 * (file {@code META-INF/services/dev.frontier.zoo.InProcessModels}), so the sweep DSL needs no
 * deep-learning library.
 */
public interface InProcessModels {
    /**
     * The model {@code name} built by {@code factory} for inputs of {@code channels x rows x cols};
     * a factory of a type this implementation does not take, or one that fails to build, is a
     * {@link UserModelException}.
     */
    InProcessModel of(String name, Object factory, int channels, int rows, int cols);

    /** The implementation on {@code loader}'s class path; none is a {@link UserModelException}. */
    static InProcessModels find(ClassLoader loader) {
        return java.util.ServiceLoader.load(InProcessModels.class, loader)
                .findFirst()
                .orElseThrow(
                        () ->
                                new UserModelException(
                                        "a model defined in this process needs frontier-model on the class path"));
    }
}
