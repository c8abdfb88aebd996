package com.orthoseg.support;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.DoctorRank;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.SegmentChanged;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The contract's events are read and written by Jackson through reflection (their record components and
 * canonical constructors), which a native executable keeps only for registered classes; Quarkus registers
 * REST types by itself, not types the services hand to an ObjectMapper.
 */
@RegisterForReflection(targets = {DoctorProfile.class, OrderPlaced.class, ComplaintFiled.class, InstructionsPreference.class,
        DoctorFeatures.class, DoctorFeatures.Coverage.class, SegmentChanged.class, SegmentChanged.SegmentRef.class,
        SegmentChanged.Driver.class, SegmentChanged.Scheme.class, SegmentChanged.Reason.class, DoctorCategory.class,
        DoctorRank.class})
final class ContractEventsReflection {

    private ContractEventsReflection() {
    }
}
