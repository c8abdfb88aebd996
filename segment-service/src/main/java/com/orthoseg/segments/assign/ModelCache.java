package com.orthoseg.segments.assign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.model.ClusterModel;
import com.orthoseg.segments.model.RfmModel;
import com.orthoseg.segments.model.SegmentationModel;
import com.orthoseg.segments.store.ModelStore;
import com.orthoseg.segments.store.ModelStore.SegmentOverride;
import com.orthoseg.segments.store.ModelVersion;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model versions parsed once: a version never changes after it is trained, so its parsed model is kept
 * by id. Which version is active is read from the database every time (another instance may have
 * activated one), inside the caller's transaction.
 */
@ApplicationScoped
public class ModelCache {

    private final ModelStore models;
    private final ObjectMapper mapper;
    private final Map<String, SegmentationModel> parsed = new ConcurrentHashMap<>();

    public ModelCache(ModelStore models, ObjectMapper mapper) {
        this.models = models;
        this.mapper = mapper;
    }

    /** The active version of each scheme that has one, with the operators' segment names. */
    public Uni<Map<Scheme, ActiveModel>> active(SqlClient client) {
        return models.activeIds(client).flatMap(ids -> models.overrides(client).flatMap(overrides -> {
            List<Uni<ActiveModel>> loading = new ArrayList<>();
            ids.forEach((scheme, id) -> loading.add(model(client, id)
                    .map(model -> new ActiveModel(id, model, renamed(overrides.get(scheme))))));
            if (loading.isEmpty()) {
                return Uni.createFrom().item(Map.of());
            }
            return Uni.join().all(loading).andFailFast().map(list -> {
                Map<Scheme, ActiveModel> active = new EnumMap<>(Scheme.class);
                list.forEach(m -> active.put(m.model().scheme(), m));
                return active;
            });
        }));
    }

    public Uni<SegmentationModel> model(SqlClient client, String versionId) {
        SegmentationModel known = parsed.get(versionId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return models.find(client, versionId).map(version -> parsed.computeIfAbsent(versionId,
                id -> parse(version.orElseThrow(() -> new IllegalStateException("no model version " + id)))));
    }

    private SegmentationModel parse(ModelVersion version) {
        try {
            return version.scheme() == Scheme.clusters
                    ? mapper.readValue(version.params(), ClusterModel.class)
                    : mapper.readValue(version.params(), RfmModel.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> renamed(Map<String, SegmentOverride> overrides) {
        Map<String, String> names = new HashMap<>();
        overrides.forEach((id, o) -> {
            if (o.name() != null) {
                names.put(id, o.name());
            }
        });
        return names;
    }
}
