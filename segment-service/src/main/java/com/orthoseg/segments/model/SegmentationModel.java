package com.orthoseg.segments.model;

import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.events.SegmentChanged.Scheme;

import java.util.List;
import java.util.Map;

/** A frozen model version of one scheme: everything needed to place one doctor. */
public sealed interface SegmentationModel permits ClusterModel, RfmModel {

    Scheme scheme();

    List<SegmentDefinition> segments();

    /** Feature means in original units over every training doctor, to compare segment profiles with. */
    Map<String, Double> overallProfile();

    /**
     * @param doctorId         breaks ties where a scheme ranks doctors
     * @param features         the doctor's latest features
     * @param coverage         which sources the doctor has records in
     * @param currentSegmentId the doctor's segment now (null if none), for the hysteresis of schemes that have one
     */
    Placement place(String doctorId, Map<String, Double> features, Coverage coverage, String currentSegmentId);

    default SegmentDefinition segment(String id) {
        return segments().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
