package com.orthoseg.segments.store;

import com.orthoseg.events.DoctorProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import static com.orthoseg.segments.store.SegmentStore.utc;

/** Doctors' regions, kept from their profiles for the reports. */
@ApplicationScoped
public class RegionStore {

    private final Pool pool;

    public RegionStore(Pool pool) {
        this.pool = pool;
    }

    /** Keeps each doctor's region of the newest profile by updatedAt; a repeated profile changes nothing. */
    public Uni<Void> upsert(Collection<DoctorProfile> profiles) {
        if (profiles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DoctorProfile> list = List.copyOf(profiles);
        return pool.preparedQuery("""
                        INSERT INTO doctor_region AS r (doctor_id, region, updated_at)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
                        ON CONFLICT (doctor_id) DO UPDATE SET region = excluded.region, updated_at = excluded.updated_at
                        WHERE excluded.updated_at >= r.updated_at""")
                .execute(Tuple.of(
                        list.stream().map(DoctorProfile::doctorId).toArray(String[]::new),
                        list.stream().map(DoctorProfile::region).toArray(String[]::new),
                        list.stream().map(p -> utc(p.updatedAt())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}
