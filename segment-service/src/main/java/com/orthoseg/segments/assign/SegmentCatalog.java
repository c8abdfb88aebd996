package com.orthoseg.segments.assign;

import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.model.RfmGrid;
import com.orthoseg.segments.model.SegmentDefinition;
import com.orthoseg.segments.store.ModelStore;
import com.orthoseg.segments.store.ModelStore.SegmentOverride;
import com.orthoseg.segments.store.SegmentQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The segments of every scheme's active version as people see them: operator names and playbooks over the generated ones. */
@ApplicationScoped
public class SegmentCatalog {

    /**
     * @param size        doctors in the segment now
     * @param trainedSize doctors in it when the version was trained
     * @param profile     feature means in original units (compare with the scheme's overallProfile)
     */
    public record SegmentView(String id, String name, String generatedName, String description, String playbook,
                              long size, int trainedSize, List<SegmentDefinition.Distinction> distinctions,
                              Map<String, Double> profile) {
    }

    public record SchemeView(Scheme scheme, String modelVersion, Map<String, Double> overallProfile,
                             List<SegmentView> segments) {
    }

    private final ModelCache models;
    private final ModelStore store;
    private final SegmentQueries queries;
    private final Pool pool;

    public SegmentCatalog(ModelCache models, ModelStore store, SegmentQueries queries, Pool pool) {
        this.models = models;
        this.store = store;
        this.queries = queries;
        this.pool = pool;
    }

    /** One view per scheme; a scheme without an active version has no segments. */
    public Uni<List<SchemeView>> segments() {
        return models.active(pool).flatMap(active -> store.overrides(pool).flatMap(overrides ->
                queries.sizes(Scheme.clusters).flatMap(clusterSizes -> queries.sizes(Scheme.rfm).map(rfmSizes -> {
                    List<SchemeView> views = new ArrayList<>();
                    for (Scheme scheme : Scheme.values()) {
                        views.add(view(scheme, active.get(scheme), overrides.get(scheme),
                                scheme == Scheme.clusters ? clusterSizes : rfmSizes));
                    }
                    return views;
                }))));
    }

    private static SchemeView view(Scheme scheme, ActiveModel active, Map<String, SegmentOverride> overrides,
                                   Map<String, Long> sizes) {
        if (active == null) {
            return new SchemeView(scheme, null, Map.of(), List.of());
        }
        List<SegmentView> segments = new ArrayList<>();
        for (SegmentDefinition segment : active.model().segments()) {
            SegmentOverride override = overrides.get(segment.id());
            String playbook = override != null && override.playbook() != null ? override.playbook() : defaultPlaybook(scheme, segment.id());
            segments.add(new SegmentView(segment.id(), active.name(segment.id()), segment.generatedName(),
                    segment.description(), playbook, sizes.getOrDefault(segment.id(), 0L), segment.size(),
                    segment.distinctions(), segment.profile()));
        }
        return new SchemeView(scheme, active.versionId(), active.model().overallProfile(), segments);
    }

    private static String defaultPlaybook(Scheme scheme, String segmentId) {
        RfmGrid.RfmSegment rfm = scheme == Scheme.rfm ? RfmGrid.byId(segmentId) : null;
        return rfm == null ? null : rfm.playbook();
    }
}
