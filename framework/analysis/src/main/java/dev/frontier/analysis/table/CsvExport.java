package dev.frontier.analysis.table;

import dev.frontier.analysis.AtomicFiles;
import dev.frontier.analysis.pareto.ParetoResult;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/** Writes results and frontier tables as CSV files, atomically. */
public final class CsvExport {

    /** File name of the all-trials table in a run directory. */
    public static final String RESULTS_CSV = "results.csv";

    /** File name of the frontier table in a run directory. */
    public static final String FRONTIER_CSV = "frontier.csv";

    private CsvExport() {}

    /**
     * Writes a table as comma-separated UTF-8 with a header row; missing values are empty fields.
     *
     * @param table the table
     * @param file the target file
     * @return {@code file}
     * @throws IOException if writing fails
     */
    public static Path write(Table table, Path file) throws IOException {
        return AtomicFiles.write(
                file,
                out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    table.write()
                            .csv(
                                    CsvWriteOptions.builder(writer)
                                            .header(true)
                                            .lineEnd("\n")
                                            .build());
                });
    }

    /**
     * Writes {@value #RESULTS_CSV} and {@value #FRONTIER_CSV} into a run directory.
     *
     * @param result the analysis
     * @param runDirectory the directory, created if missing
     * @throws IOException if writing fails
     */
    public static void writeRunTables(ParetoResult result, Path runDirectory) throws IOException {
        write(ResultsTable.results(result), runDirectory.resolve(RESULTS_CSV));
        write(ResultsTable.frontier(result), runDirectory.resolve(FRONTIER_CSV));
    }
}
