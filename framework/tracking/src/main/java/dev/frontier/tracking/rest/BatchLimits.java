package dev.frontier.tracking.rest;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.RunBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's limits on one log-batch request, and the splitting of a {@link RunBatch} into requests
 * that respect them.
 *
 * @param maxMetrics metric points per request (MLflow: 1000)
 * @param maxParams params per request (MLflow: 100)
 * @param maxTags tags per request (MLflow: 100)
 * @param maxEntities metrics, params and tags together per request (MLflow: 1000)
 * @param maxBytes estimated JSON size per request (MLflow: 1 MB)
 */
public record BatchLimits(
        int maxMetrics, int maxParams, int maxTags, int maxEntities, int maxBytes) {

    /** MLflow's own limits. */
    public static final BatchLimits MLFLOW = new BatchLimits(1000, 100, 100, 1000, 1_000_000);

    /** Checks that every limit is positive. */
    public BatchLimits {
        if (maxMetrics < 1 || maxParams < 1 || maxTags < 1 || maxEntities < 1 || maxBytes < 1024) {
            throw new IllegalArgumentException(
                    "batch limits must be positive (bytes at least 1024): "
                            + maxMetrics
                            + ", "
                            + maxParams
                            + ", "
                            + maxTags
                            + ", "
                            + maxEntities
                            + ", "
                            + maxBytes);
        }
    }

    /**
     * Splits a batch, keeping its order, into batches within these limits. Params come first, then
     * tags, then metrics, so a run's settings land before its figures.
     *
     * @param batch the batch
     * @return the parts; empty for an empty batch
     */
    public List<RunBatch> split(RunBatch batch) {
        var parts = new ArrayList<RunBatch>();
        var chunk = new Chunk();
        for (Map.Entry<String, String> p : batch.params().entrySet()) {
            int size = bytes(p.getKey(), p.getValue());
            if (chunk.params.size() >= maxParams || !chunk.fits(size)) {
                chunk = flush(chunk, parts);
            }
            chunk.params.put(p.getKey(), p.getValue());
            chunk.add(size);
        }
        for (Map.Entry<String, String> t : batch.tags().entrySet()) {
            int size = bytes(t.getKey(), t.getValue());
            if (chunk.tags.size() >= maxTags || !chunk.fits(size)) {
                chunk = flush(chunk, parts);
            }
            chunk.tags.put(t.getKey(), t.getValue());
            chunk.add(size);
        }
        for (MetricPoint m : batch.metrics()) {
            int size = bytes(m.key(), "") + 80;
            if (chunk.metrics.size() >= maxMetrics || !chunk.fits(size)) {
                chunk = flush(chunk, parts);
            }
            chunk.metrics.add(m);
            chunk.add(size);
        }
        flush(chunk, parts);
        return parts;
    }

    private Chunk flush(Chunk chunk, List<RunBatch> parts) {
        if (chunk.entities > 0) {
            parts.add(RunBatch.of(chunk.params, chunk.metrics, chunk.tags));
        }
        return new Chunk();
    }

    /**
     * A JSON-size estimate: the escaped text plus field names and punctuation, with a safety
     * margin.
     */
    private static int bytes(String key, String value) {
        return 2 * (key.length() + value.length()) + 48;
    }

    private final class Chunk {
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<MetricPoint> metrics = new ArrayList<>();
        int entities;
        int bytes = 64;

        boolean fits(int size) {
            return entities == 0 || (entities < maxEntities && bytes + size <= maxBytes);
        }

        void add(int size) {
            entities++;
            bytes += size;
        }
    }
}
