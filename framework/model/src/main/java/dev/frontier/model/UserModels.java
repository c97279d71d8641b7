package dev.frontier.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.frontier.data.Checksums;
import dev.frontier.engine.EngineSetup;
import dev.frontier.zoo.InProcessModel;
import dev.frontier.zoo.InProcessModels;
import dev.frontier.zoo.UserModelException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The user's own models: a {@link ModelProvider} class loaded from a jar, or a block factory made
 * in this process (a notebook cell). Every failure — a missing jar, an absent class, a class that
 * is no provider, a factory that throws — is one {@link UserModelException} naming the jar and
 * class (or the in-process model).
 */
public final class UserModels implements InProcessModels {

    /**
     * For {@link java.util.ServiceLoader}: the sweep DSL finds in-process models through this
     * class.
     */
    public UserModels() {}

    /**
     * Loads {@code className} from {@code jar} with a class loader of its own (parent: Frontier's),
     * and makes an instance with its public no-argument constructor. The jar's code runs in this
     * process. The class loader stays open as long as the provider is used.
     */
    public static ModelProvider fromJar(Path jar, String className) {
        String where = "class " + className + " in jar " + jar;
        if (!Files.isRegularFile(jar)) {
            throw new UserModelException(
                    "model jar "
                            + jar
                            + " "
                            + (Files.exists(jar) ? "is not a file" : "does not exist")
                            + " (it should hold class "
                            + className
                            + ")");
        }
        URLClassLoader loader;
        try {
            loader =
                    new URLClassLoader(
                            new URL[] {jar.toUri().toURL()}, ModelProvider.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new UserModelException(
                    "model jar " + jar + " cannot be opened: " + e.getMessage(), e);
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new UserModelException(
                    where + ": no such class in the jar (check the package and the jar's contents)",
                    e);
        } catch (LinkageError e) {
            throw new UserModelException(where + " cannot be loaded: " + describe(e), e);
        }
        if (!ModelProvider.class.isAssignableFrom(type)) {
            throw new UserModelException(
                    where + " does not implement " + ModelProvider.class.getName());
        }
        Object instance;
        try {
            instance = type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new UserModelException(where + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new UserModelException(
                    "the constructor of " + where + " threw " + describe(e.getCause()),
                    e.getCause());
        } catch (InstantiationException e) {
            throw new UserModelException(where + " is abstract; name a concrete class", e);
        } catch (LinkageError e) {
            throw new UserModelException(where + " cannot be loaded: " + describe(e), e);
        }
        return new Guarded((ModelProvider) instance, where);
    }

    @Override
    public InProcessModel of(String name, Object factory, int channels, int rows, int cols) {
        Objects.requireNonNull(name, "name");
        String where = "model " + name + " (made in this process)";
        ModelProvider provider;
        if (factory instanceof ModelProvider p) {
            provider = new Guarded(p, where);
        } else if (factory instanceof Supplier<?> s) {
            provider = new Guarded(new SupplierProvider(name, s, where), where);
        } else {
            throw new UserModelException(
                    where
                            + ": expected a Supplier<ai.djl.nn.Block> or a "
                            + ModelProvider.class.getName()
                            + ", found "
                            + (factory == null ? "null" : factory.getClass().getName()));
        }
        if (channels < 1 || rows < 1 || cols < 1) {
            throw new UserModelException(
                    where
                            + ": input shape "
                            + channels
                            + "x"
                            + rows
                            + "x"
                            + cols
                            + ", expected channels, rows and columns >= 1");
        }
        ModelRequest probe =
                new ModelRequest(
                        channels, rows, cols, 2, provider.baseWidths(), java.util.Map.of());
        Block first = provider.build(probe);
        Block second = provider.build(probe);
        if (first == second) {
            throw new UserModelException(
                    where
                            + ": the factory returned the same block twice; every call must make a new "
                            + "block (e.g. () -> myNet(), not () -> net), since each stage trains its own copy");
        }
        String structure = structure(first, new Shape(1, channels, rows, cols), where);
        return new BlockModel(name, provider, structure, new int[] {channels, rows, cols});
    }

    /**
     * A digest of {@code block}'s layer types (a walk of its tree) and parameter names and shapes
     * after initializing it for {@code input} on a scratch manager.
     */
    public static String structure(Block block, Shape input, String where) {
        List<String> lines = new ArrayList<>();
        walk(block, "", lines);
        EngineSetup.start(0);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), EngineSetup.ENGINE)) {
            block.initialize(manager, DataType.FLOAT32, input);
            for (Pair<String, Parameter> p : block.getParameters()) {
                lines.add(p.getKey() + " " + p.getValue().getArray().getShape());
            }
        } catch (RuntimeException e) {
            throw new UserModelException(
                    where + " cannot be initialized for input " + input + ": " + describe(e), e);
        }
        return Checksums.sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    private static void walk(Block b, String path, List<String> lines) {
        lines.add(path + " " + b.getClass().getName());
        for (Pair<String, Block> c : b.getChildren()) {
            walk(c.getValue(), path + "/" + c.getKey(), lines);
        }
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** A provider whose failures to build are {@link UserModelException}s naming it. */
    private record Guarded(ModelProvider inner, String where) implements ModelProvider {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public double relativeCost() {
            return inner.relativeCost();
        }

        @Override
        public List<Integer> baseWidths() {
            try {
                return List.copyOf(inner.baseWidths());
            } catch (RuntimeException e) {
                throw new UserModelException(where + ": baseWidths() threw " + describe(e), e);
            }
        }

        @Override
        public Block build(ModelRequest request) {
            Block b;
            try {
                b = inner.build(request);
            } catch (UserModelException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new UserModelException(
                        where + ": building the block for " + request + " threw " + describe(e), e);
            }
            if (b == null) {
                throw new UserModelException(
                        where + ": the factory returned null instead of a block");
            }
            return b;
        }
    }

    /**
     * A block factory without widths or arguments: every request gets the supplier's next block.
     */
    private record SupplierProvider(String name, Supplier<?> supplier, String where)
            implements ModelProvider {
        @Override
        public String description() {
            return "a block made in this process";
        }

        @Override
        public Block build(ModelRequest request) {
            Object made = supplier.get();
            if (made != null && !(made instanceof Block)) {
                throw new UserModelException(
                        where
                                + ": the supplier returned a "
                                + made.getClass().getName()
                                + ", expected an ai.djl.nn.Block");
            }
            return (Block) made;
        }
    }

    /** An in-process model: its provider, structure digest and declared input. */
    private record BlockModel(String name, ModelProvider provider, String structure, int[] input)
            implements ModelProvider, InProcessModel {
        @Override
        public String description() {
            return provider.description();
        }

        @Override
        public double relativeCost() {
            return provider.relativeCost();
        }

        @Override
        public List<Integer> baseWidths() {
            return provider.baseWidths();
        }

        @Override
        public Block build(ModelRequest request) {
            return provider.build(request);
        }

        @Override
        public int[] inputShape() {
            return input.clone();
        }
    }
}
