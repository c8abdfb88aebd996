package com.orthoseg.segments.assign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.EventIds;
import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.SegmentConfig;
import com.orthoseg.segments.messaging.SegmentChangesRelay;
import com.orthoseg.segments.model.ClusterModel;
import com.orthoseg.segments.model.ClusterTrainer;
import com.orthoseg.segments.model.RfmTrainer;
import com.orthoseg.segments.model.TrainingDoctor;
import com.orthoseg.segments.store.ModelStore;
import com.orthoseg.segments.store.ModelVersion;
import com.orthoseg.segments.store.ModelVersion.Status;
import com.orthoseg.segments.store.SegmentStore;
import com.orthoseg.support.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Model versions from training to retirement: retrain (a PREVIEW version), preview (who would move),
 * activate (MODEL_ACTIVATED changes for the doctors who move), discard. Activation holds the assignment
 * lock exclusively; consumers hold it shared, so no batch is placed half against the old version.
 */
@ApplicationScoped
public class ModelLifecycle {

    /** Advisory lock: shared while a batch is placed or a version discarded, exclusive while a version is activated. */
    public static final long ASSIGNMENT_LOCK = 724_101L;
    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);

    private final Pool pool;
    private final SegmentStore store;
    private final ModelStore models;
    private final ModelCache cache;
    private final SegmentChangesRelay relay;
    private final SegmentConfig config;
    private final ObjectMapper mapper;
    private final Map<Scheme, AtomicBoolean> training = new EnumMap<>(Scheme.class);

    public ModelLifecycle(Pool pool, SegmentStore store, ModelStore models, ModelCache cache, SegmentChangesRelay relay,
                          SegmentConfig config, ObjectMapper mapper) {
        this.pool = pool;
        this.store = store;
        this.models = models;
        this.cache = cache;
        this.relay = relay;
        this.config = config;
        this.mapper = mapper;
        for (Scheme scheme : Scheme.values()) {
            training.put(scheme, new AtomicBoolean());
        }
    }

    private record Input(List<TrainingDoctor> doctors, ClusterModel previous, Set<String> usedIds) {
    }

    private record Trained(String params, String quality, int doctors, boolean passed) {
    }

    /** Trains a new version on every profiled doctor's latest features; it starts as a PREVIEW. */
    public Uni<ModelVersion> retrain(Scheme scheme) {
        AtomicBoolean busy = training.get(scheme);
        if (!busy.compareAndSet(false, true)) {
            return Uni.createFrom().failure(ProblemException.conflict("a " + scheme + " retrain is already running"));
        }
        return pool.withConnection(conn -> store.allDoctors(conn)
                        .flatMap(doctors -> previousClusters(conn, scheme)
                                .flatMap(previous -> models.usedSegmentIds(conn, scheme)
                                        .map(used -> new Input(profiled(doctors), previous, used)))))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(input -> train(scheme, input))
                .flatMap(trained -> pool.withTransaction(conn -> models.insert(conn, scheme, trained.doctors(),
                                trained.params(), trained.quality(), Instant.now()))
                        .invoke(version -> LOG.infof("Trained %s on %d doctors (quality gate %s)", version.id(),
                                trained.doctors(), trained.passed() ? "passed" : "not passed"))
                        .flatMap(version -> activateIfFirst(version, trained.passed())))
                .eventually(() -> busy.set(false));
    }

    private Uni<ClusterModel> previousClusters(SqlConnection conn, Scheme scheme) {
        if (scheme != Scheme.clusters) {
            return Uni.createFrom().nullItem();
        }
        return cache.active(conn).map(active -> active.containsKey(scheme) ? (ClusterModel) active.get(scheme).model() : null);
    }

    private Trained train(Scheme scheme, Input input) {
        try {
            if (scheme == Scheme.clusters) {
                ClusterTrainer.Trained trained = new ClusterTrainer(config.clusters().settings())
                        .train(input.doctors(), input.previous(), input.usedIds());
                return new Trained(mapper.writeValueAsString(trained.model()), mapper.writeValueAsString(trained.gate()),
                        input.doctors().size(), trained.gate().passed());
            }
            return new Trained(mapper.writeValueAsString(RfmTrainer.train(input.doctors())), null,
                    input.doctors().size(), true);
        } catch (IllegalStateException e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Uni<ModelVersion> activateIfFirst(ModelVersion version, boolean passed) {
        if (!config.activateFirstVersion() || !passed) {
            return Uni.createFrom().item(version);
        }
        // once a version was activated this stays true: only a "no" is asked again under the lock
        return models.everActivated(pool, version.scheme())
                .flatMap(activated -> activated ? Uni.createFrom().item(version) : activate(version.id(), true));
    }

    /** Who would move if the version were activated now. */
    public Uni<Preview> preview(String versionId) {
        return pool.withConnection(conn -> find(conn, versionId).flatMap(version -> cache.model(conn, versionId)
                .flatMap(model -> cache.active(conn).flatMap(active -> store.allDoctors(conn)
                        .flatMap(doctors -> store.assignments(conn, version.scheme()).map(current -> {
                            ActiveModel candidate = new ActiveModel(versionId, model,
                                    active.containsKey(version.scheme()) ? active.get(version.scheme()).renamed() : Map.of());
                            return Preview.of(versionId, reassess(doctors, candidate, current, UUID.randomUUID(), Instant.now()));
                        }))))));
    }

    /** Makes the version the scheme's active one and moves the doctors it places elsewhere (MODEL_ACTIVATED). */
    public Uni<ModelVersion> activate(String versionId) {
        return activate(versionId, false);
    }

    /**
     * With {@code onlyIfFirst}, a version is activated only if none of its scheme ever was, checked under
     * the lock: two replicas that both trained a first version activate one, and the other stays a preview.
     */
    private Uni<ModelVersion> activate(String versionId, boolean onlyIfFirst) {
        return pool.withTransaction(conn -> lockExclusively(conn)
                        .flatMap(x -> find(conn, versionId))
                        .flatMap(version -> !onlyIfFirst ? place(conn, version)
                                : models.everActivated(conn, version.scheme())
                                        .flatMap(before -> before ? Uni.createFrom().item(version) : place(conn, version))))
                .invoke(relay::trigger);
    }

    private Uni<ModelVersion> place(SqlConnection conn, ModelVersion version) {
        if (version.status() == Status.ACTIVE) {
            return Uni.createFrom().item(version);
        }
        if (version.status() == Status.DISCARDED) {
            throw ProblemException.conflict(version.id() + " was discarded; retrain for a new version");
        }
        // read once the lock is held: the activation's changes follow every change committed before it
        Instant now = Instant.now();
        UUID activation = EventIds.of("activation:" + version.id() + ":" + now);
        return models.activate(conn, version, now)
                .flatMap(x -> cache.active(conn))
                .flatMap(active -> store.allDoctors(conn).flatMap(doctors -> store.assignments(conn, version.scheme())
                        .map(current -> reassess(doctors, active.get(version.scheme()), current, activation, now))))
                .flatMap(reassessment -> store.write(conn, reassessment)
                        .invoke(() -> LOG.infof("Activated %s: %d doctor(s) placed, %d moved", version.id(),
                                reassessment.assignments().size(), reassessment.changes().size())))
                .flatMap(x -> find(conn, version.id()));
    }

    /** Discards a version that is not active; waits for an activation under way, which may be of this version. */
    public Uni<ModelVersion> discard(String versionId) {
        // shared: waits for an activation (exclusive), not for the consumers' batches
        return pool.withTransaction(conn -> lockShared(conn).flatMap(x -> find(conn, versionId)).flatMap(version -> {
            if (version.status() == Status.ACTIVE) {
                throw ProblemException.conflict(versionId + " is active; activate another version first");
            }
            return models.discard(conn, versionId).flatMap(x -> find(conn, versionId));
        }));
    }

    /** The assignment lock for the rest of the transaction, beside other holders of it but never beside an activation. */
    public static Uni<Void> lockShared(SqlConnection conn) {
        return conn.query("SELECT pg_advisory_xact_lock_shared(" + ASSIGNMENT_LOCK + ")").execute().replaceWithVoid();
    }

    private static Uni<Void> lockExclusively(SqlConnection conn) {
        return conn.query("SELECT pg_advisory_xact_lock(" + ASSIGNMENT_LOCK + ")").execute().replaceWithVoid();
    }

    private Uni<ModelVersion> find(SqlConnection conn, String versionId) {
        return models.find(conn, versionId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("no model version " + versionId)));
    }

    private static Reassessment reassess(List<DoctorState> doctors, ActiveModel model, Map<String, Assignment> current,
                                         UUID activation, Instant now) {
        Reassessment reassessment = new Reassessment();
        for (DoctorState doctor : doctors) {
            Assigner.modelActivated(doctor, model, current.get(doctor.doctorId()), activation, now, reassessment);
        }
        return reassessment;
    }

    private static List<TrainingDoctor> profiled(List<DoctorState> doctors) {
        return doctors.stream().filter(d -> d.coverage().hasProfile())
                .map(d -> new TrainingDoctor(d.doctorId(), d.features(), d.coverage())).toList();
    }
}
