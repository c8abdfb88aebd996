package com.orthoseg.segments.assign;

import com.orthoseg.events.EventIds;
import com.orthoseg.events.SegmentChanged;
import com.orthoseg.events.SegmentChanged.Reason;
import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.events.SegmentChanged.SegmentRef;
import com.orthoseg.segments.model.Placement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Places a doctor with each active model and turns the outcome into assignment updates and
 * SegmentChanged events. A change event's id derives from doctor, scheme and cause, so a redelivered
 * cause yields the same id.
 */
public final class Assigner {

    /** Features whose change means new facts; when none changed, only time passed (window expiry). */
    private static final List<String> FACTS = List.of("ordersTotal", "amountTotal", "complaintsTotal", "purchases",
            "rankOrdinal", "satisfaction", "incidenceRate", "rRate", "experience", "isSpecialist",
            "includesSpecialInstructions");

    private Assigner() {
    }

    /** A new features record of a doctor: FIRST_ASSIGNMENT, FEATURES_CHANGED or WINDOW_EXPIRY, or RESTATED when it leaves. */
    public static void featuresArrived(DoctorState doctor, Map<String, Double> previousFeatures,
                                       Map<Scheme, ActiveModel> models, Map<Scheme, Assignment> current,
                                       Reassessment into) {
        Reason reason = previousFeatures != null && sameFacts(previousFeatures, doctor.features())
                ? Reason.WINDOW_EXPIRY : Reason.FEATURES_CHANGED;
        for (ActiveModel model : models.values()) {
            place(doctor, model, current.get(model.model().scheme()), reason, doctor.eventId(), doctor.asOf(), into);
        }
    }

    /** A model version became active: MODEL_ACTIVATED for every doctor it moves. */
    public static void modelActivated(DoctorState doctor, ActiveModel model, Assignment current, UUID activationId,
                                      Instant activatedAt, Reassessment into) {
        place(doctor, model, current, Reason.MODEL_ACTIVATED, activationId, activatedAt, into);
    }

    private static void place(DoctorState doctor, ActiveModel active, Assignment current, Reason reason, UUID causationId,
                              Instant asOf, Reassessment into) {
        // never dated before the change it follows: a record computed before an activation may be applied after it
        Instant at = current != null && current.since().isAfter(asOf) ? current.since() : asOf;
        Scheme scheme = active.model().scheme();
        Placement placement = active.model().place(doctor.doctorId(), doctor.features(), doctor.coverage(),
                current == null ? null : current.segmentId());
        if (!placement.segmented()) {
            if (current != null) {
                into.removals.add(new Reassessment.Removal(doctor.doctorId(), scheme));
                into.changes.add(event(doctor.doctorId(), scheme, ref(current), null, active.versionId(), Reason.RESTATED,
                        placement, causationId, at));
            }
            return;
        }
        String name = active.name(placement.segmentId());
        boolean moved = current == null || !current.segmentId().equals(placement.segmentId());
        Instant since = moved ? at : current.since();
        into.assignments.add(new Assignment(doctor.doctorId(), scheme, placement.segmentId(), name, active.versionId(),
                since, placement.margin(), placement.drivers()));
        if (moved) {
            into.changes.add(event(doctor.doctorId(), scheme, current == null ? null : ref(current),
                    new SegmentRef(placement.segmentId(), name), active.versionId(),
                    current == null ? Reason.FIRST_ASSIGNMENT : reason, placement, causationId, at));
        }
    }

    private static SegmentChanged event(String doctorId, Scheme scheme, SegmentRef previous, SegmentRef current,
                                        String modelVersion, Reason reason, Placement placement, UUID causationId,
                                        Instant at) {
        UUID eventId = EventIds.of("segment-change:" + doctorId + ":" + scheme + ":" + causationId);
        return new SegmentChanged(eventId, doctorId, scheme, previous, current, modelVersion, reason, placement.margin(),
                placement.drivers(), causationId, at);
    }

    private static SegmentRef ref(Assignment assignment) {
        return new SegmentRef(assignment.segmentId(), assignment.segmentName());
    }

    private static boolean sameFacts(Map<String, Double> before, Map<String, Double> after) {
        for (String fact : FACTS) {
            if (!Objects.equals(before.get(fact), after.get(fact))) {
                return false;
            }
        }
        return before.keySet().stream().filter(k -> k.startsWith("complaintsByType.") || k.startsWith("conditionShare."))
                .allMatch(k -> Objects.equals(before.get(k), after.get(k)));
    }
}
