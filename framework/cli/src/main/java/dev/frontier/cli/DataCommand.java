package dev.frontier.cli;

import dev.frontier.data.Checksums;
import dev.frontier.data.DataException;
import dev.frontier.data.DataLocator;
import dev.frontier.data.DatasetCatalog;
import dev.frontier.data.DatasetDescriptor;
import dev.frontier.data.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code frontier data}: list, verify and fetch datasets. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "List, verify and fetch datasets.",
        subcommands = {
            DataCommand.ListData.class,
            DataCommand.Verify.class,
            DataCommand.Fetch.class
        })
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code frontier data list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Show every known dataset and where its files are.")
    static final class ListData implements Callable<Integer> {
        @Mixin DataDirOption data = new DataDirOption();

        @Override
        public Integer call() {
            DataLocator locator = DataLocator.standard(data.dir());
            System.out.printf(
                    "%-14s %-8s %-26s %s%n", "dataset", "classes", "found in", "directory");
            for (String name : DatasetCatalog.NAMES) {
                DatasetDescriptor d = DatasetCatalog.descriptor(name);
                Where w = where(locator, d);
                System.out.printf(
                        "%-14s %-8d %-26s %s%n",
                        name,
                        d.classes().size(),
                        w.found().map(DataLocator.Found::origin).orElse("not found"),
                        w.found()
                                .map(x -> x.dir().toString())
                                .orElse("(run: ./frontier data fetch " + name + ")"));
                w.notes().forEach(n -> System.out.println("  " + n));
            }
            System.out.printf("%-14s %-8d %-26s %s%n", Datasets.SYNTHETIC, 10, "generated", "-");
            return 0;
        }
    }

    /**
     * Where a dataset's files are (the first place holding them, not another dataset's), and notes
     * on the rest.
     */
    record Where(Optional<DataLocator.Found> found, List<String> notes) {}

    /**
     * Every place {@code locator} looks for {@code d}: the first holding its files; a note for each
     * place before it holding another dataset's files (by checksum) and for an explicit path
     * without the files.
     */
    static Where where(DataLocator locator, DatasetDescriptor d) {
        List<String> notes = new ArrayList<>();
        List<DataLocator.Look> looks = locator.looks(d);
        List<DataLocator.Look> explicit =
                looks.stream().filter(l -> l.where().origin().equals("explicit path")).toList();
        if (!explicit.isEmpty() && explicit.stream().allMatch(l -> l.files().isEmpty())) {
            notes.add(
                    "note: --data-dir "
                            + explicit.get(0).where().dir()
                            + " holds no "
                            + d.name()
                            + " files ("
                            + DataLocator.expectedNames(d)
                            + "), nor a folder "
                            + d.name()
                            + "/");
        }
        for (DataLocator.Look look : looks) {
            if (look.holdsOther(d.name())) {
                notes.add(
                        "note: "
                                + look.where().dir()
                                + " ("
                                + look.where().origin()
                                + ") holds "
                                + look.holds().get()
                                + " (by checksum), not "
                                + d.name());
            } else if (look.files().isPresent()) {
                return new Where(look.files(), notes);
            }
        }
        return new Where(Optional.empty(), notes);
    }

    /** {@code frontier data verify}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Check every file's SHA-256 and IDX structure; reports every problem (exit 2 if any).")
    static final class Verify implements Callable<Integer> {
        @Parameters(
                arity = "0..*",
                description = "datasets to verify (default: all that are found)")
        List<String> names;

        @Mixin DataDirOption data = new DataDirOption();

        @Override
        public Integer call() {
            boolean named = names != null && !names.isEmpty();
            List<String> todo = named ? names : DatasetCatalog.NAMES;
            DataLocator locator = DataLocator.standard(data.dir());
            boolean any = false;
            List<String> bad = new ArrayList<>();
            int problems = 0;
            for (String name : todo) {
                DatasetDescriptor d = DatasetCatalog.descriptor(name);
                Where w = where(locator, d);
                w.notes().forEach(n -> System.out.println(name + ": " + n));
                if (w.found().isEmpty()) {
                    System.out.println(name + ": not found" + (named ? "" : " (skipped)"));
                    if (named) {
                        bad.add(name + " (not found)");
                        problems++;
                    }
                    continue;
                }
                any = true;
                DataLocator.Found f = w.found().get();
                Datasets.Check c =
                        Datasets.check(d, f); // every file: readable, checksum, structure, counts
                for (DatasetDescriptor.Role role : DatasetDescriptor.Role.values()) {
                    Checksums.Status st = c.status().get(role);
                    System.out.printf(
                            "%s %-13s %s %s%n",
                            name, role.key(), st == null ? "FAILED" : st, f.files().get(role));
                }
                for (String p : c.problems()) {
                    System.out.println(name + ": problem: " + p);
                }
                if (c.ok()) {
                    System.out.println(name + ": OK (checksums and IDX structure) in " + f.dir());
                } else {
                    System.out.println(
                            name + ": " + c.problems().size() + " problem(s) in " + f.dir());
                    bad.add(name + " (" + c.problems().size() + " problem(s) in " + f.dir() + ")");
                    problems += c.problems().size();
                }
            }
            if (!bad.isEmpty()) {
                throw new DataException(
                        "data verify: "
                                + problems
                                + " problem(s): "
                                + String.join(", ", bad)
                                + "; each is listed above");
            }
            if (!any) {
                throw new UserInputException(
                        "no dataset found to verify"
                                + data.dir().map(x -> " in --data-dir " + x).orElse("")
                                + "; run './frontier data fetch fashion-mnist'");
            }
            return 0;
        }
    }

    /** {@code frontier data fetch}. */
    @Command(
            name = "fetch",
            mixinStandardHelpOptions = true,
            description =
                    "Get a dataset: official URLs (checksummed) or, as root, its Debian package.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(arity = "1", description = "dataset name")
        String name;

        @Override
        public Integer call() {
            DatasetDescriptor d = DatasetCatalog.descriptor(name);
            DataLocator.Found f =
                    Datasets.standard(dev.frontier.data.DataRequest.of(name), System.out::println)
                            .find(d, true);
            System.out.println(name + ": " + f.origin() + " " + f.dir());
            return 0;
        }
    }
}
