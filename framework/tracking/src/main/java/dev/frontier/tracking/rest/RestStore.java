package dev.frontier.tracking.rest;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.MlflowNames;
import dev.frontier.tracking.MlflowTags;
import dev.frontier.tracking.ModelVersionRef;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingStore;
import dev.frontier.tracking.TrackingUri;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.api.proto.Service;

/**
 * A tracking store backed by a real MLflow server over its REST API, with artifacts uploaded to the
 * server's {@code mlflow-artifacts} proxy (start it with {@code --serve-artifacts}).
 *
 * <p>Retries are safe: log-batch is idempotent on the server (an identical metric point is stored
 * once, an equal param is accepted), and a run whose creation answer was lost is found again by a
 * one-off {@code frontier.create_token} tag instead of being created twice.
 */
public final class RestStore implements TrackingStore {

    /**
     * Tag that identifies one createRun call, so that a retry finds the run the lost answer
     * created.
     */
    public static final String CREATE_TOKEN_TAG = "frontier.create_token";

    private static final String API = "/api/2.0/mlflow/";

    /** The Model Registry lives under the same API root ({@code registered-models/…}). */
    private static final String REGISTRY = API;

    private final TrackingUri uri;
    private final HttpTransport http;
    private final BatchLimits limits;
    private final Map<String, String> artifactUris = new ConcurrentHashMap<>();

    private RestStore(TrackingUri uri, HttpTransport http, BatchLimits limits) {
        this.uri = uri;
        this.http = http;
        this.limits = limits;
    }

    /**
     * Opens a store for the server at {@code uri}, authenticating with {@code
     * MLFLOW_TRACKING_TOKEN} (bearer) or {@code MLFLOW_TRACKING_USERNAME}/{@code
     * MLFLOW_TRACKING_PASSWORD} (basic) from {@code env} when set. No request is sent until the
     * first call.
     *
     * @param uri an http(s) tracking URI
     * @param policy time-outs and retries
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the store
     */
    public static RestStore open(TrackingUri uri, RetryPolicy policy, Map<String, String> env) {
        return open(uri, policy, env, BatchLimits.MLFLOW);
    }

    /**
     * Opens a store with custom batch limits (tests use small ones to exercise splitting).
     *
     * @param uri an http(s) tracking URI
     * @param policy time-outs and retries
     * @param env the environment for credentials
     * @param limits log-batch limits
     * @return the store
     */
    public static RestStore open(
            TrackingUri uri, RetryPolicy policy, Map<String, String> env, BatchLimits limits) {
        var headers = new LinkedHashMap<String, String>();
        String token = env.get("MLFLOW_TRACKING_TOKEN");
        String user = env.get("MLFLOW_TRACKING_USERNAME");
        if (token != null && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token);
        } else if (user != null && !user.isBlank()) {
            String pair = user + ":" + env.getOrDefault("MLFLOW_TRACKING_PASSWORD", "");
            headers.put(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return new RestStore(uri, new HttpTransport(uri.serverBase(), policy, headers), limits);
    }

    @Override
    public TrackingUri uri() {
        return uri;
    }

    @Override
    public Optional<String> findExperiment(String name) {
        String what = "find experiment '" + name + "'";
        HttpAnswer answer =
                http.get(API + "experiments/get-by-name?experiment_name=" + encode(name), what);
        if (answer.status() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(answer.errorCode())) {
            return Optional.empty();
        }
        Service.GetExperimentByName.Response response =
                ProtoJson.parse(
                        ok(answer, what), Service.GetExperimentByName.Response.newBuilder(), what);
        Service.Experiment experiment = response.getExperiment();
        if ("deleted".equals(experiment.getLifecycleStage())) {
            throw new TrackingException(
                    "experiment '"
                            + name
                            + "' (id "
                            + experiment.getExperimentId()
                            + ") is deleted on "
                            + uri
                            + "; restore it in the MLflow UI or choose another experiment name");
        }
        return Optional.of(experiment.getExperimentId());
    }

    @Override
    public String getOrCreateExperiment(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("experiment name must not be blank");
        }
        Optional<String> existing = findExperiment(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        String what = "create experiment '" + name + "'";
        String body =
                ProtoJson.print(
                        Service.CreateExperiment.newBuilder()
                                .setName(name)
                                .addTags( // so MLflow 3's UI opens it on its runs
                                        Service.ExperimentTag.newBuilder()
                                                .setKey(MlflowTags.EXPERIMENT_KIND)
                                                .setValue(MlflowTags.CUSTOM_MODEL_DEVELOPMENT)));
        HttpAnswer answer = http.postJson(API + "experiments/create", body, what);
        if ("RESOURCE_ALREADY_EXISTS".equals(answer.errorCode())) {
            // created by a concurrent writer, or by an attempt whose answer was lost
            return findExperiment(name)
                    .orElseThrow(
                            () ->
                                    new TrackingException(
                                            what + ": server says it exists but cannot find it"));
        }
        return ProtoJson.<Service.CreateExperiment.Response>parse(
                        ok(answer, what), Service.CreateExperiment.Response.newBuilder(), what)
                .getExperimentId();
    }

    @Override
    public String createRun(String experimentId, NewRun run) {
        String token = UUID.randomUUID().toString();
        var request =
                Service.CreateRun.newBuilder()
                        .setExperimentId(experimentId)
                        .setRunName(run.runName())
                        .setStartTime(run.startTimeMillis());
        var tags = new LinkedHashMap<>(run.allTags());
        tags.putIfAbsent(MlflowTags.SOURCE_NAME, "frontier");
        tags.put(CREATE_TOKEN_TAG, token);
        tags.forEach((k, v) -> request.addTags(Service.RunTag.newBuilder().setKey(k).setValue(v)));
        String what = "create run '" + run.runName() + "' in experiment " + experimentId;
        HttpAnswer answer =
                http.postJson(
                        API + "runs/create",
                        ProtoJson.print(request),
                        what,
                        () ->
                                searchRuns(experimentId, Map.of(CREATE_TOKEN_TAG, token)).stream()
                                        .findFirst()
                                        .map(
                                                found ->
                                                        new HttpAnswer(
                                                                200,
                                                                ProtoJson.print(
                                                                        Service.CreateRun.Response
                                                                                .newBuilder()
                                                                                .setRun(
                                                                                        Service.Run
                                                                                                .newBuilder()
                                                                                                .setInfo(
                                                                                                        Service
                                                                                                                .RunInfo
                                                                                                                .newBuilder()
                                                                                                                .setRunId(
                                                                                                                        found
                                                                                                                                .runId())
                                                                                                                .setArtifactUri(
                                                                                                                        found
                                                                                                                                .artifactUri())))))));
        Service.RunInfo info =
                ProtoJson.<Service.CreateRun.Response>parse(
                                ok(answer, what), Service.CreateRun.Response.newBuilder(), what)
                        .getRun()
                        .getInfo();
        String runId = info.getRunId().isEmpty() ? info.getRunUuid() : info.getRunId();
        artifactUris.put(runId, info.getArtifactUri());
        return runId;
    }

    @Override
    public void logBatch(String runId, RunBatch batch) {
        List<RunBatch> parts = limits.split(batch);
        for (int i = 0; i < parts.size(); i++) {
            RunBatch part = parts.get(i);
            var request = Service.LogBatch.newBuilder().setRunId(runId);
            part.params()
                    .forEach(
                            (k, v) ->
                                    request.addParams(
                                            Service.Param.newBuilder().setKey(k).setValue(v)));
            part.tags()
                    .forEach(
                            (k, v) ->
                                    request.addTags(
                                            Service.RunTag.newBuilder().setKey(k).setValue(v)));
            for (MetricPoint m : part.metrics()) {
                request.addMetrics(
                        Service.Metric.newBuilder()
                                .setKey(m.key())
                                .setValue(m.value())
                                .setTimestamp(m.timestampMillis())
                                .setStep(m.step()));
            }
            String what =
                    "log batch "
                            + (i + 1)
                            + "/"
                            + parts.size()
                            + " ("
                            + part.params().size()
                            + " params, "
                            + part.tags().size()
                            + " tags, "
                            + part.metrics().size()
                            + " metrics) to run "
                            + runId;
            ok(http.postJson(API + "runs/log-batch", ProtoJson.print(request), what), what);
        }
    }

    @Override
    public void logArtifact(String runId, String artifactPath, Path file) {
        if (artifactPath == null || !MlflowNames.isNormalRelativePath(artifactPath)) {
            throw new IllegalArgumentException(
                    "run "
                            + runId
                            + ": artifact path '"
                            + artifactPath
                            + "' must be a plain relative path");
        }
        String what = "upload artifact " + artifactPath + " of run " + runId;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new TrackingException(what + ": cannot read " + file + ": " + e, e);
        }
        ok(http.putFile(artifactEndpoint(runId, artifactPath), file, size, what), what);
    }

    /**
     * Downloads one artifact of a run through the server's artifact proxy.
     *
     * @param runId the run
     * @param artifactPath the artifact's path under the run's artifact root
     * @return the file's bytes
     */
    public byte[] downloadArtifact(String runId, String artifactPath) {
        return http.getBytes(
                artifactEndpoint(runId, artifactPath),
                "download artifact " + artifactPath + " of run " + runId);
    }

    @Override
    public List<ModelVersionRef> modelVersions(String name, String runId) {
        String what = "search versions of model '" + name + "'";
        String filter = "name='" + name.replace("'", "\\'") + "' and run_id='" + runId + "'";
        HttpAnswer answer =
                http.get(REGISTRY + "model-versions/search?filter=" + encode(filter), what);
        if (answer.status() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(answer.errorCode())) {
            return List.of();
        }
        ModelRegistry.SearchModelVersions.Response response =
                ProtoJson.parse(
                        ok(answer, what),
                        ModelRegistry.SearchModelVersions.Response.newBuilder(),
                        what);
        List<ModelVersionRef> out = new ArrayList<>();
        response.getModelVersionsList()
                .forEach(
                        v ->
                                out.add(
                                        new ModelVersionRef(
                                                name, v.getVersion(), v.getSource(), runId)));
        out.sort(java.util.Comparator.comparingInt(v -> Integer.parseInt(v.version())));
        return out;
    }

    @Override
    public ModelVersionRef registerModelVersion(
            String name,
            String runId,
            String artifactPath,
            Map<String, String> tags,
            String description) {
        String what = "register model '" + name + "'";
        HttpAnswer created =
                http.postJson(
                        REGISTRY + "registered-models/create",
                        ProtoJson.print(
                                ModelRegistry.CreateRegisteredModel.newBuilder().setName(name)),
                        what);
        if (!created.ok() && !"RESOURCE_ALREADY_EXISTS".equals(created.errorCode())) {
            ok(created, what);
        }
        String source = getRun(runId).artifactUri().replaceAll("/+$", "") + "/" + artifactPath;
        var version =
                ModelRegistry.CreateModelVersion.newBuilder()
                        .setName(name)
                        .setSource(source)
                        .setRunId(runId)
                        .setDescription(description);
        tags.forEach(
                (k, v) ->
                        version.addTags(
                                ModelRegistry.ModelVersionTag.newBuilder().setKey(k).setValue(v)));
        String vwhat = "create a version of model '" + name + "' from run " + runId;
        ModelRegistry.CreateModelVersion.Response response =
                ProtoJson.parse(
                        ok(
                                http.postJson(
                                        REGISTRY + "model-versions/create",
                                        ProtoJson.print(version),
                                        vwhat),
                                vwhat),
                        ModelRegistry.CreateModelVersion.Response.newBuilder(),
                        vwhat);
        return new ModelVersionRef(name, response.getModelVersion().getVersion(), source, runId);
    }

    @Override
    public void endRun(String runId, RunStatus status, long endTimeMillis) {
        var request =
                Service.UpdateRun.newBuilder()
                        .setRunId(runId)
                        .setStatus(Service.RunStatus.valueOf(status.name()));
        if (status.isTerminal()) {
            request.setEndTime(endTimeMillis);
        }
        String what = "end run " + runId + " as " + status;
        ok(http.postJson(API + "runs/update", ProtoJson.print(request), what), what);
    }

    @Override
    public TrackedRun getRun(String runId) {
        String what = "get run " + runId;
        Service.GetRun.Response response =
                ProtoJson.parse(
                        ok(http.get(API + "runs/get?run_id=" + encode(runId), what), what),
                        Service.GetRun.Response.newBuilder(),
                        what);
        return toTrackedRun(response.getRun());
    }

    @Override
    public List<TrackedRun> searchRuns(String experimentId, Map<String, String> tagsEqual) {
        String filter =
                tagsEqual.entrySet().stream()
                        .filter(e -> !e.getValue().contains("'"))
                        .map(e -> "tags.`" + e.getKey() + "` = '" + e.getValue() + "'")
                        .collect(Collectors.joining(" AND "));
        var runs = new ArrayList<TrackedRun>();
        String pageToken = "";
        do {
            var request =
                    Service.SearchRuns.newBuilder()
                            .addExperimentIds(experimentId)
                            .setRunViewType(Service.ViewType.ACTIVE_ONLY)
                            .setMaxResults(1000)
                            .addOrderBy("attributes.start_time ASC");
            if (!filter.isEmpty()) {
                request.setFilter(filter);
            }
            if (!pageToken.isEmpty()) {
                request.setPageToken(pageToken);
            }
            String what =
                    "search runs of experiment "
                            + experimentId
                            + (filter.isEmpty() ? "" : " where " + filter);
            Service.SearchRuns.Response response =
                    ProtoJson.parse(
                            ok(
                                    http.postJson(
                                            API + "runs/search", ProtoJson.print(request), what),
                                    what),
                            Service.SearchRuns.Response.newBuilder(),
                            what);
            response.getRunsList().forEach(r -> runs.add(toTrackedRun(r)));
            pageToken = response.getNextPageToken();
        } while (!pageToken.isEmpty());
        runs.removeIf(
                r ->
                        !tagsEqual.entrySet().stream()
                                .allMatch(e -> e.getValue().equals(r.tags().get(e.getKey()))));
        return runs;
    }

    @Override
    public List<MetricPoint> metricHistory(String runId, String key) {
        var points = new ArrayList<MetricPoint>();
        String pageToken = "";
        do {
            String what = "get history of metric '" + key + "' of run " + runId;
            String query =
                    "metrics/get-history?run_id="
                            + encode(runId)
                            + "&metric_key="
                            + encode(key)
                            + (pageToken.isEmpty() ? "" : "&page_token=" + encode(pageToken));
            Service.GetMetricHistory.Response response =
                    ProtoJson.parse(
                            ok(http.get(API + query, what), what),
                            Service.GetMetricHistory.Response.newBuilder(),
                            what);
            response.getMetricsList()
                    .forEach(
                            m ->
                                    points.add(
                                            new MetricPoint(
                                                    m.getKey(),
                                                    m.getValue(),
                                                    m.getTimestamp(),
                                                    m.getStep())));
            pageToken = response.getNextPageToken();
        } while (!pageToken.isEmpty());
        return points;
    }

    @Override
    public void close() {
        http.close();
    }

    private String artifactEndpoint(String runId, String artifactPath) {
        String root = artifactUris.computeIfAbsent(runId, id -> getRun(id).artifactUri());
        if (!root.startsWith("mlflow-artifacts:")) {
            throw new TrackingException(
                    "run "
                            + runId
                            + " on "
                            + uri
                            + " stores artifacts at '"
                            + root
                            + "', which the server does not proxy; start the server with --serve-artifacts"
                            + " (and --artifacts-destination <dir>) so Frontier can upload artifacts without Python");
        }
        String path =
                URI.create(root).getPath(); // "/1/<run>/artifacts" for both mlflow-artifacts:/ and
        // mlflow-artifacts://host/
        var encoded = new StringBuilder();
        for (String segment : (path.replaceAll("^/+|/+$", "") + "/" + artifactPath).split("/")) {
            encoded.append('/').append(encode(segment).replace("+", "%20"));
        }
        return "/api/2.0/mlflow-artifacts/artifacts" + encoded;
    }

    private String ok(HttpAnswer answer, String what) {
        if (!answer.ok()) {
            throw new TrackingException(
                    what
                            + ": MLflow server "
                            + uri
                            + " answered HTTP "
                            + answer.status()
                            + ": "
                            + HttpTransport.abbreviate(answer.body()));
        }
        return answer.body();
    }

    private static TrackedRun toTrackedRun(Service.Run run) {
        Service.RunInfo info = run.getInfo();
        var params = new LinkedHashMap<String, String>();
        run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
        var metrics = new LinkedHashMap<String, Double>();
        run.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
        var tags = new LinkedHashMap<String, String>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        RunStatus status =
                switch (info.getStatus()) {
                    case SCHEDULED -> RunStatus.SCHEDULED;
                    case FINISHED -> RunStatus.FINISHED;
                    case FAILED -> RunStatus.FAILED;
                    case KILLED -> RunStatus.KILLED;
                    default -> RunStatus.RUNNING;
                };
        return new TrackedRun(
                info.getRunId().isEmpty() ? info.getRunUuid() : info.getRunId(),
                info.getExperimentId(),
                info.getRunName(),
                status,
                info.getStartTime(),
                info.hasEndTime() && info.getEndTime() > 0
                        ? OptionalLong.of(info.getEndTime())
                        : OptionalLong.empty(),
                params,
                metrics,
                tags,
                info.getArtifactUri());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
