package dev.frontier.cli;

import dev.frontier.data.Checksums;
import dev.frontier.data.DataLocator;
import dev.frontier.data.DatasetCatalog;
import dev.frontier.data.DatasetDescriptor;
import dev.frontier.data.Datasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code frontier data}: list, verify and fetch datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "List, verify and fetch datasets.",
        subcommands = {DataCommand.ListData.class, DataCommand.Verify.class, DataCommand.Fetch.class})
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code frontier data list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show every known dataset and where its files are.")
    static final class ListData implements Callable<Integer> {
        @Option(names = "--data-dir", description = "also look in this directory first")
        Path dataDir;

        @Override
        public Integer call() {
            System.out.printf("%-14s %-8s %-26s %s%n", "dataset", "classes", "found in", "directory");
            for (String name : DatasetCatalog.NAMES) {
                DatasetDescriptor d = DatasetCatalog.descriptor(name);
                Optional<DataLocator.Found> f = DataLocator.standard(Optional.ofNullable(dataDir)).locate(d);
                System.out.printf("%-14s %-8d %-26s %s%n", name, d.classes().size(),
                        f.map(DataLocator.Found::origin).orElse("not found"),
                        f.map(x -> x.dir().toString()).orElse("(run: ./frontier data fetch " + name + ")"));
            }
            System.out.printf("%-14s %-8d %-26s %s%n", Datasets.SYNTHETIC, 10, "generated", "-");
            return 0;
        }
    }

    /** {@code frontier data verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check every file's SHA-256 and IDX structure.")
    static final class Verify implements Callable<Integer> {
        @Parameters(arity = "0..*", description = "datasets to verify (default: all that are found)")
        List<String> names;

        @Override
        public Integer call() {
            List<String> todo = names == null || names.isEmpty() ? DatasetCatalog.NAMES : names;
            boolean any = false;
            for (String name : todo) {
                DatasetDescriptor d = DatasetCatalog.descriptor(name);
                Optional<DataLocator.Found> f = DataLocator.standard(Optional.empty()).locate(d);
                if (f.isEmpty()) {
                    System.out.println(name + ": not found (skipped)");
                    continue;
                }
                any = true;
                Map<DatasetDescriptor.Role, Checksums.Status> status = Datasets.verify(d, f.get()); // checksums + structure
                for (var e : status.entrySet()) {
                    System.out.printf("%s %-13s %s %s%n", name, e.getKey().key(), e.getValue(), f.get().files().get(e.getKey()));
                }
                System.out.println(name + ": OK (checksums and IDX structure)");
            }
            if (!any) {
                throw new UserInputException("no dataset found to verify; run './frontier data fetch fashion-mnist'");
            }
            return 0;
        }
    }

    /** {@code frontier data fetch}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Get a dataset: official URLs (checksummed) or, as root, its Debian package.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(arity = "1", description = "dataset name")
        String name;

        @Override
        public Integer call() {
            DatasetDescriptor d = DatasetCatalog.descriptor(name);
            DataLocator.Found f = Datasets.standard(dev.frontier.data.DataRequest.of(name), System.out::println).find(d, true);
            System.out.println(name + ": " + f.origin() + " " + f.dir());
            return 0;
        }
    }
}
